package dev.a64w.check.unwind;

import dev.a64w.check.unwind.UnwindOp.Reg;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packed .pdata shapes as Windows expands them (docs/unwind-windows.md, "Packed unwind data"). */
@Epic("fuzz")
@Feature("packed unwind")
class PackedShapesTest {
    private static final int[] LOCALS = {0, 16, 48, 512, 528, 4080, 4096, 6000};

    private static List<String> sweep(CanonicalFrame c) {
        List<Consumer<FrameSim>> f = c.function();
        return Sweep.mismatches(f, Sweep.packed(c.packed(f.size())));
    }

    private static UnwindOp.Save save(long offset, boolean writeback, Reg... regs) {
        return new UnwindOp.Save(List.of(regs), offset, writeback);
    }

    /**
     * Every RegI 0..10, RegF 0..7, H, CR 0..3 and a spread of local sizes: the function built from the
     * canonical step table (with the Windows decisions) unwinds at every instruction, prologue and
     * epilogue partly executed included.
     */
    @Test
    void everyShapeUnwindsAtEveryInstruction() {
        List<String> failures = new ArrayList<>();
        int shapes = 0;
        for (int regI = 0; regI <= 10; regI++) {
            for (int regF = 0; regF <= 7; regF++) {
                for (int h = 0; h <= 1; h++) {
                    for (int cr = 0; cr <= 3; cr++) {
                        for (int locsz : LOCALS) {
                            CanonicalFrame c = CanonicalFrame.windows(regI, regF, h == 1, cr, locsz);
                            if (c.savsz() + locsz > 0x1FF * 16 || (h == 1 && c.savsz() == 0 && locsz < 64)) {
                                continue;
                            }
                            shapes++;
                            List<String> m = sweep(c);
                            if (!m.isEmpty()) {
                                failures.add(c + ": " + m.get(0));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(shapes > 4000, "shapes swept: " + shapes);
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " shapes fail");
    }

    /**
     * CR=1, RegI=1: Windows expands to alloc(savsz) then save_lrpair x19 at 0, two instructions (Wine
     * tests/unwind.c test_virtual_unwind_arm64 function_19/20: sub sp,sp,#16; stp x19,x30,[sp]).
     */
    @Test
    void crOneRegIOneIsSubThenPair() {
        PackedUnwind p = new PackedUnwind(1, 20, 2, 1, false, 1, 7); // savsz = 8+8+24 -> 48, locsz 64
        assertEquals(48, p.saveSize());
        assertEquals(List.of(
                new UnwindOp.Alloc(64),
                save(32, false, Reg.d(10)),
                save(16, false, Reg.d(8), Reg.d(9)),
                save(0, false, Reg.x(19), Reg.x(30)),
                new UnwindOp.Alloc(48)), p.prologue());
        // positive control: the document's single pre-decrementing stp x19,lr does not unwind with this data
        CanonicalFrame doc = new CanonicalFrame(1, 0, false, 1, 32, false, true);
        assertFalse(sweep(doc).isEmpty());
        assertEquals(List.of(), sweep(CanonicalFrame.windows(1, 0, false, 1, 32)));
    }

    /**
     * H=1 with saved registers: four nops after the saves in the prologue, none in the epilogue
     * (RtlpExpandCompactToFull copies the prologue minus the nops; Wine function_9; LLVM PR 169784:
     * newer Windows matches the document, LLVM issue 54879 saw older Windows count them).
     */
    @Test
    void homedRegistersHaveNopsOnlyInThePrologue() {
        PackedUnwind p = new PackedUnwind(1, 14, 0, 1, true, 0, 7); // str x19,[sp,#-80]!; 4 homes; sub sp,#32
        assertEquals(80, p.saveSize());
        assertEquals(6, p.prologue().size());
        assertEquals(List.of(new UnwindOp.Alloc(32), save(80, true, Reg.x(19))), p.epilogue());
        UnwindMeaning m = p.meaning();
        assertEquals(6, m.prologueLength());
        assertEquals(4 * (14 - 3), m.epilogs().get(0).startOffset());
        assertEquals(3, m.epilogs().get(0).instructionCount());
        // positive control: with the nops kept in the epilogue (the 2022 behaviour) the epilogue starts
        // 4 instructions early and the unwind in the body right before it goes wrong
        CanonicalFrame c = CanonicalFrame.windows(1, 0, true, 0, 32);
        List<Consumer<FrameSim>> f = c.function();
        Sequence withNops = Sequence.of(p.prologue());
        UnwindMeaning old = new UnwindMeaning(4L * f.size(), withNops,
                List.of(new UnwindMeaning.Epilog(4L * (f.size() - 7), withNops)), false);
        assertFalse(Sweep.mismatches(f, old).isEmpty());
        assertEquals(List.of(), sweep(c));
    }

    /**
     * H=1, RegI=RegF=0, CR≠1: no pre-decrementing save makes room, so the home area is part of the
     * locals and the homing stores are body instructions, no nops (LLVM PR 170294; dumpbin "(argument
     * registers homed post-prolog)"; Wine function_22/23).
     */
    @Test
    void homedWithoutSavedRegistersIsPostProlog() {
        PackedUnwind p = new PackedUnwind(1, 11, 0, 0, true, 3, 6); // stp x29,lr,[sp,#-96]!; mov x29,sp
        assertTrue(p.homedAfterPrologue());
        assertEquals(0, p.saveSize());
        assertEquals(96, p.localSize());
        assertEquals(List.of(new UnwindOp.SetFp(0), save(96, true, Reg.x(29), Reg.x(30))), p.prologue());
        assertEquals(2, p.meaning().prologueLength());
        PackedUnwind q = new PackedUnwind(1, 9, 0, 0, true, 0, 6); // sub sp,sp,#96 only
        assertEquals(List.of(new UnwindOp.Alloc(96)), q.prologue());
    }

    /**
     * The local area is one allocation code, one instruction, at any size: RtlpExpandCompactToFull emits
     * a single alloc (its own example: alloc 7792). Neither the document's 4080 nor Wine's 4088 split.
     */
    @Test
    void largeLocalAreaIsOneAllocation() {
        PackedUnwind p = new PackedUnwind(1, 30, 0, 2, false, 3, (16 + 6000) / 16);
        assertEquals(List.of(new UnwindOp.SetFp(0), save(0, false, Reg.x(29), Reg.x(30)), new UnwindOp.Alloc(6000),
                save(16, true, Reg.x(19), Reg.x(20))), p.prologue());
        // positive control: a prologue with the document's two subs is mis-unwound between them
        List<String> twoSubs = sweep(new CanonicalFrame(0, 0, false, 0, 4096, true, false));
        assertEquals(2, twoSubs.size(), twoSubs.toString()); // between the subs, and between the adds
        assertTrue(twoSubs.get(0).startsWith("insn 1: sp"), twoSubs.toString());
    }

    /** CR=2 is CR=3 plus pacibsp first (unwound last) and autibsp before ret; the epilogue shares the codes. */
    @Test
    void crTwoAddsPacSignLr() {
        PackedUnwind p2 = new PackedUnwind(1, 12, 0, 2, false, 2, 4);
        PackedUnwind p3 = new PackedUnwind(1, 12, 0, 2, false, 3, 4);
        List<UnwindOp> with = new ArrayList<>(p3.prologue());
        with.add(new UnwindOp.PacSignLr());
        assertEquals(with, p2.prologue());
        assertEquals(p2.prologue().subList(1, p2.prologue().size()), p2.epilogue());
        assertEquals(4, p2.meaning().epilogs().get(0).instructionCount()); // ldp fp,lr; ldp x19,x20; autibsp; ret
    }

    /** CR=2/3 with no local area: Windows saves no {x29,lr} pair and sets no frame pointer. */
    @Test
    void chainedWithoutLocalsHasNoFrameRecord() {
        PackedUnwind p = new PackedUnwind(1, 8, 0, 2, false, 3, 1);
        assertEquals(0, p.localSize());
        assertEquals(List.of(save(16, true, Reg.x(19), Reg.x(20))), p.prologue());
        assertEquals(p.prologue(), p.epilogue());
    }

    /** Flag 2: end_c first, the canonical prologue as phantom codes, no epilogue (RtlpExpandCompactToFull). */
    @Test
    void flagTwoIsAFragmentWithAPhantomPrologue() {
        PackedUnwind p = new PackedUnwind(2, 100, 0, 2, false, 3, 4);
        UnwindMeaning m = p.meaning();
        assertEquals(0, m.prologueLength());
        assertTrue(m.prologue().endC());
        assertEquals(p.prologue(), m.prologue().phantom());
        assertEquals(List.of(), m.epilogs());
    }

    @Test
    void malformedPackedWordsAreRejected() {
        MalformedUnwindException regI = assertThrows(MalformedUnwindException.class,
                () -> new PackedUnwind(1, 40, 0, 11, false, 0, 8).prologue());
        assertTrue(regI.getMessage().contains("RegI expected 0..10, actual 11"), regI.getMessage());
        MalformedUnwindException small = assertThrows(MalformedUnwindException.class,
                () -> new PackedUnwind(1, 40, 0, 4, false, 0, 1).prologue());
        assertTrue(small.getMessage().contains("frame size 0x10 expected at least the register save area 0x20"),
                small.getMessage());
        assertThrows(MalformedUnwindException.class, () -> new PackedUnwind(1, 2, 0, 4, false, 0, 2).meaning());
    }
}
