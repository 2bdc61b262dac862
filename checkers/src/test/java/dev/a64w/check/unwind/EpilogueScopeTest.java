package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static dev.a64w.check.unwind.FrameSim.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where Windows decides pc is (prologue, epilogue, body), and how custom codes count, following
 * RtlpUnwindFunctionFull (docs/unwind-windows.md "Where the pc is", "Custom codes").
 */
@Epic("fuzz")
@Feature("virtual unwinder")
class EpilogueScopeTest {
    private static final long SP = 0x10_0000;
    private static final Memory MEM = a -> 0x1000_0000L + a;

    private static Sequence seq(String hex) {
        return Sequence.fromCodes(UnwindCodes.decodeSequence(Bytes.ofHex(hex), 0));
    }

    private static Context start() {
        return Context.zero().withSp(SP).withX(29, 0x20_0000).withX(30, 0x7777);
    }

    /** stp x19,x20,[sp,#-32]!; sub sp,sp,#16; body; add sp,sp,#16; ldp x19,x20,[sp],#32; ret */
    private static List<Consumer<FrameSim>> small() {
        return List.of(stpPre(19, 20, 32), subSp(16), clobber(19, 0xB19), clobber(20, 0xB20),
                addSp(16), ldpPost(19, 20, 32), ret());
    }

    /**
     * E=1 with index 0: the epilogue runs the prologue's own codes (they are already in undo order, so
     * index 0 means "the prologue codes", not a reversal); the epilogue is the last 2+1 instructions.
     */
    @Test
    void eBitIndexZeroSharesThePrologueCodes() {
        // header: length 7 words, E=1, index 0, 1 code word; codes: alloc_s 1, save_r19r20_x 32, end, nop
        FunctionEntry e = Sweep.xdata("07 00 20 08 01 24 E4 E3");
        UnwindMeaning m = e.data().meaning();
        assertEquals(2, m.prologueLength());
        assertEquals(4 * 4, m.epilogs().get(0).startOffset());
        assertEquals(3, m.epilogs().get(0).instructionCount());
        assertEquals(7 * 4, m.epilogs().get(0).endOffset());
        assertEquals(List.of(), Sweep.mismatches(small(), e));
        // positive control: the same codes with the epilogue one instruction later (a scope at word 5):
        // after the add, Windows would undo the allocation a second time
        FunctionEntry late = Sweep.xdata("07 00 40 08 05 00 00 00 01 24 E4 E3");
        List<String> bad = Sweep.mismatches(small(), late);
        assertFalse(bad.isEmpty());
        assertTrue(bad.get(0).startsWith("insn 5:"), bad.toString());
    }

    /** The final ret belongs to the epilogue: at it every code is skipped and only pc = lr remains. */
    @Test
    void epilogueRangeIncludesTheRet() {
        UnwindMeaning m = new UnwindMeaning(0x20, seq("01 24 E4"),
                List.of(new UnwindMeaning.Epilog(0x10, seq("01 24 E4"))), false);
        Context atRet = VirtualUnwinder.run(start(), MEM, m, 6);
        assertEquals(SP, atRet.sp());
        assertEquals(0x7777, atRet.pc());
        Context after = VirtualUnwinder.run(start(), MEM, m, 7); // past the epilogue: body, all codes run
        assertEquals(SP + 48, after.sp());
    }

    /** Scopes are searched in order; the first that starts after pc ends the search; the prologue comes first. */
    @Test
    void prologueWinsAndScopesAreOrdered() {
        Sequence codes = seq("01 24 E4");
        UnwindMeaning m = new UnwindMeaning(0x40, codes, List.of(
                new UnwindMeaning.Epilog(0x4, codes), new UnwindMeaning.Epilog(0x20, codes)), false);
        // k=1: inside the prologue (2 instructions) although the first scope starts at k=1
        assertEquals(SP + 32, VirtualUnwinder.run(start(), MEM, m, 1).sp());
        // k=3: first scope covers 1..3, epilogue instruction 2: skip 2 codes, nothing left
        assertEquals(SP, VirtualUnwinder.run(start(), MEM, m, 3).sp());
        // k=4: after the first scope, before the second: body
        assertEquals(SP + 48, VirtualUnwinder.run(start(), MEM, m, 4).sp());
        // k=9: second scope, instruction 1: only save_r19r20_x runs
        assertEquals(SP + 32, VirtualUnwinder.run(start(), MEM, m, 9).sp());
    }

    /** An epilogue whose codes end with end_c: the count stops at end_c, the phantom codes still run. */
    @Test
    void epilogueEndingInEndCRunsThePhantom() {
        Sequence epi = seq("01 E5 24 E4"); // alloc_s 1; end_c; phantom save_r19r20_x 32
        assertEquals(1, epi.instructionCount());
        UnwindMeaning m = new UnwindMeaning(0x20, seq("E5 24 E4"), List.of(new UnwindMeaning.Epilog(0x18, epi)), false);
        assertEquals(0, m.prologueLength());
        assertEquals(2, m.epilogs().get(0).instructionCount());
        assertEquals(SP + 48, VirtualUnwinder.run(start(), MEM, m, 6).sp()); // alloc + phantom
        assertEquals(SP + 32, VirtualUnwinder.run(start(), MEM, m, 7).sp()); // phantom only
        assertEquals(SP + 32, VirtualUnwinder.run(start(), MEM, m, 2).sp()); // body: phantom prologue
    }

    /**
     * A custom frame code counts no instruction yet uses a skip step: with codes [alloc 16, machine
     * frame, alloc 32] the prologue is 2 instructions long, and at instruction 0 both the first alloc
     * and the machine frame are skipped (Wine tests/unwind.c test_virtual_unwind_arm64 function_2
     * records this "one less instruction to skip" on Windows).
     */
    @Test
    void customFramesCountNoInstruction() {
        UnwindMeaning m = new UnwindMeaning(0x20, seq("01 E9 02 E4"), List.of(), false);
        assertEquals(2, m.prologueLength());
        Context k0 = VirtualUnwinder.run(start(), MEM, m, 0);
        assertEquals(SP + 32, k0.sp());
        assertEquals(0x7777, k0.pc());
        assertTrue(k0.unwoundToCall());
        Context k1 = VirtualUnwinder.run(start(), MEM, m, 1);
        assertEquals(MEM.read64(SP + 8), k1.pc());
        assertEquals(MEM.read64(SP) + 32, k1.sp());
        assertFalse(k1.unwoundToCall());
        Context body = VirtualUnwinder.run(start(), MEM, m, 5);
        assertEquals(MEM.read64(SP + 16 + 8), body.pc());
        assertEquals(MEM.read64(SP + 16) + 32, body.sp());
    }

    /** clear_unwound_to_call: pc = lr at that point; a later lr restore no longer moves pc (Wine function_17). */
    @Test
    void clearUnwoundToCallFixesPcFromLr() {
        Context c = VirtualUnwinder.run(start(), MEM, new UnwindMeaning(0x20, seq("02 EC 40 E4"), List.of(), false), 4);
        assertEquals(0x7777, c.pc());
        assertEquals(MEM.read64(SP + 32 + 8), c.lr());
        assertEquals(SP + 32, c.sp());
        assertFalse(c.unwoundToCall());
    }

    /** 0xED–0xF7 count no instruction and fail only when executed; 0xDF counts one and fails when executed. */
    @Test
    void rejectedCodesFailOnlyWhenExecuted() {
        UnwindMeaning m = new UnwindMeaning(0x20, seq("ED 01 E4"), List.of(), false);
        assertEquals(1, m.prologueLength());
        assertEquals(SP + 16, VirtualUnwinder.run(start(), MEM, m, 0).sp()); // ED skipped
        MalformedUnwindException e = assertThrows(MalformedUnwindException.class,
                () -> VirtualUnwinder.run(start(), MEM, m, 3));
        assertTrue(e.getMessage().contains("0xed"), e.getMessage());
        assertEquals(2, seq("DF 00 01 E4").instructionCount());
        assertThrows(MalformedUnwindException.class,
                () -> VirtualUnwinder.run(start(), MEM, new UnwindMeaning(0x20, seq("DF 00 01 E4"), List.of(), false), 5));
    }
}
