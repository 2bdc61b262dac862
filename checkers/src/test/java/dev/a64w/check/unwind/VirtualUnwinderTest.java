package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.a64w.check.unwind.FrameSim.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("virtual unwinder")
class VirtualUnwinderTest {

    /** Reference §6 worked example (frame type 5), 8 words. */
    private static List<Consumer<FrameSim>> workedExample() {
        return List.of(
                stpPre(29, 30, 32),          // stp x29,x30,[sp,#-32]!
                str(19, 16),                 // str x19,[sp,#16]
                movFpSp(),                   // mov x29,sp
                clobber(19, 0xBAD19L),       // body: writes x19
                clobber(30, 0xBAD30L),       // body: bl (clobbers lr)
                ldr(19, 16),                 // ldr x19,[sp,#16]
                ldpPost(29, 30, 32),         // ldp x29,x30,[sp],#32
                ret());
    }

    private static FunctionEntry entry(UnwindData data) {
        return FunctionEntry.of(BASE, FUNC_RVA, data);
    }

    private static FunctionEntry xdataEntry(String hex) {
        return entry(new UnwindData.Full(XdataDecoder.decode(Bytes.ofHex(hex), 0)));
    }

    /** Unwinds at every instruction; returns the list of mismatch descriptions (empty: all recovered). */
    private static List<String> mismatches(List<Consumer<FrameSim>> function, FunctionEntry entry) {
        List<String> out = new ArrayList<>();
        Context expected = expectedCaller();
        for (FrameSim.Snapshot snap : FrameSim.run(function)) {
            try {
                Context caller = VirtualUnwinder.unwind(snap.context(), snap.memory(), FunctionTable.of(List.of(entry)));
                if (!caller.sameCalleeSaved(expected)) {
                    out.add("insn " + snap.index() + ": " + caller.calleeSavedDiff(expected));
                }
            } catch (MalformedUnwindException e) {
                out.add("insn " + snap.index() + ": " + e.getMessage());
            }
        }
        return out;
    }

    @Test
    void workedExampleUnwindsAtEveryInstruction() {
        FunctionEntry e = xdataEntry("08 00 60 10 E1 D0 02 83 E4 E3 E3 E3");
        assertEquals(0x20, e.endRva() - e.beginRva());
        assertEquals(List.of(), mismatches(workedExample(), e));
    }

    @Test
    void workedExampleWithExplicitScopeUnwindsAtEveryInstruction() {
        FunctionEntry e = xdataEntry("08 00 40 18 05 00 40 01 E1 D0 02 83 E4 D0 02 83 E4 E3 E3 E3");
        assertEquals(List.of(), mismatches(workedExample(), e));
    }

    @Test
    void wrongSaveOffsetRecoversWrongX19() {
        // positive control: save_reg x19 at +8 instead of +16
        List<String> bad = mismatches(workedExample(), xdataEntry("08 00 60 10 E1 D0 01 83 E4 E3 E3 E3"));
        assertFalse(bad.isEmpty());
        assertTrue(bad.stream().anyMatch(m -> m.contains("x19")), bad.toString());
    }

    @Test
    void missingNopCodeRecoversWrongState() {
        // prologue with an extra instruction without unwind effect (mov x9,#1)
        List<Consumer<FrameSim>> f = List.of(
                stpPre(29, 30, 32), str(19, 16), clobber(9, 1), movFpSp(),
                clobber(19, 0xBAD19L), clobber(30, 0xBAD30L),
                ldr(19, 16), ldpPost(29, 30, 32), ret());
        // correct: E1 E3 D0 02 83 E4 (set_fp, nop, save_reg, save_fplr_x); epilogue at index 2; length 9
        FunctionEntry good = xdataEntry("09 00 A0 10 E1 E3 D0 02 83 E4 E3 E3");
        assertEquals(List.of(), mismatches(f, good));
        // positive control: the nop is missing, so code count != instruction count
        FunctionEntry bad = xdataEntry("09 00 60 10 E1 D0 02 83 E4 E3 E3 E3");
        List<String> m = mismatches(f, bad);
        assertFalse(m.isEmpty(), "a missing nop must be detected");
        assertTrue(m.stream().anyMatch(s -> s.startsWith("insn 3:")), m.toString());
    }

    /** LLVM issue 54879 frame, packed 0x0162001D, 7 words. */
    @Test
    void packedFrameUnwindsAtEveryInstruction() {
        List<Consumer<FrameSim>> f = List.of(
                stpPre(19, 20, 16), stpPre(29, 30, 16), movFpSp(),
                clobber(0, 0), // mov w0,wzr
                ldpPost(29, 30, 16), ldpPost(19, 20, 16), ret());
        FunctionEntry e = entry(new UnwindData.Packed(PackedUnwind.decode(0x0162001DL)));
        assertEquals(List.of(), mismatches(f, e));
        // positive control: claim RegI=4 (x19..x22): the unwinder reads the wrong slots
        FunctionEntry wrong = entry(new UnwindData.Packed(PackedUnwind.decode(0x0164001DL | (1L << 23))));
        assertFalse(mismatches(f, wrong).isEmpty());
    }

    /** Microsoft example 1 shape: str x19,[sp,#-16]!; sub sp,#0x810; stp fp,lr,[sp]; mov fp,sp (packed). */
    @Test
    void packedLargeLocalsFrameUnwindsAtEveryInstruction() {
        List<Consumer<FrameSim>> f = new ArrayList<>(List.of(
                s -> {
                    s.sp -= 16;
                    s.write(s.sp, s.x[19]);
                },
                subSp(0x810), stp(29, 30, 0), movFpSp(),
                clobber(19, 7), clobber(30, 9),
                ldp(29, 30, 0), addSp(0x810), s -> {
                    s.x[19] = s.read(s.sp);
                    s.sp += 16;
                }, ret()));
        PackedUnwind p = new PackedUnwind(1, f.size(), 0, 1, false, 3, 2080 / 16);
        assertEquals(List.of(), mismatches(f, entry(new UnwindData.Packed(p))));
    }

    @Test
    void fpRegistersAndSaveNextUnwind() {
        // stp x19,x20,[sp,#-48]!; stp x21,x22,[sp,#16]; stp d8,d9,[sp,#32]; sub sp,sp,#32; body; epilogue mirrors
        List<Consumer<FrameSim>> f = List.of(
                stpPre(19, 20, 48), stp(21, 22, 16), stpD(8, 32), subSp(32),
                clobber(19, 1), clobber(21, 2), clobberD(9, 3), clobber(0, 4),
                addSp(32), ldpD(8, 32), ldp(21, 22, 16), ldpPost(19, 20, 48), ret());
        // codes: alloc_s 2 (02), save_fregp d8,32 (D8 04), save_next (E6), save_r19r20_x 48 (26), end
        // epilogue shares index 0: scope at word 8, index 0; length 13, 2 code words
        FunctionEntry e = xdataEntry("0D 00 40 10 08 00 00 00 02 D8 04 E6 26 E4 E3 E3");
        assertEquals(List.of(), mismatches(f, e));
    }

    @Test
    void leafWithoutEntryReturnsToLr() {
        Context c = Context.zero().withPc(0x1000).withX(30, 0x2000).withSp(0x3000);
        Context caller = VirtualUnwinder.unwind(c, a -> {
            throw new IllegalStateException("no memory");
        }, Optional.empty());
        assertEquals(0x2000, caller.pc());
        assertEquals(0x3000, caller.sp());
        assertThrows(MalformedUnwindException.class, () ->
                VirtualUnwinder.unwind(c.withX(30, 0x1000), a -> 0L, Optional.empty()));
    }

    @Test
    void memoryFaultBecomesUnwindException() {
        FunctionEntry e = xdataEntry("08 00 60 10 E1 D0 02 83 E4 E3 E3 E3");
        Context c = expectedCaller().withPc(BASE + FUNC_RVA + 12);
        MalformedUnwindException ex = assertThrows(MalformedUnwindException.class, () ->
                VirtualUnwinder.unwind(c, a -> {
                    throw new IllegalStateException("unmapped");
                }, FunctionTable.of(List.of(e))));
        assertTrue(ex.getMessage().contains("cannot read memory"), ex.getMessage());
    }

    @Test
    void imagePdataIsReadThroughMemory() {
        // image: .pdata at RVA 0x3000 with one xdata entry and one packed entry; xdata at RVA 0x4000
        java.util.Map<Long, Long> mem = new java.util.HashMap<>();
        mem.put(BASE + 0x3000, 0x4000L << 32 | 0x1000L);
        mem.put(BASE + 0x3008, 0x0162001DL << 32 | 0x1100L);
        mem.put(BASE + 0x4000, 0x83_02_D0_E1L << 32 | 0x10600008L);
        mem.put(BASE + 0x4008, 0xE3_E3_E3_E4L);
        List<FunctionEntry> entries = PdataDecoder.fromImage(a -> {
            Long v = mem.get(a);
            if (v == null) {
                throw new IllegalStateException("unmapped");
            }
            return v;
        }, BASE, 0x3000, 16);
        assertEquals(2, entries.size());
        assertEquals(0x1000, entries.get(0).beginRva());
        assertEquals(0x1020, entries.get(0).endRva());
        assertTrue(entries.get(0).data() instanceof UnwindData.Full);
        assertEquals(0x1100 + 28, entries.get(1).endRva());
        assertTrue(entries.get(1).data() instanceof UnwindData.Packed);
    }
}
