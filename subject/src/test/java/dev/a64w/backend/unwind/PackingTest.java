package dev.a64w.backend.unwind;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Packing decisions on the frames the subject emits and on the reference's worked example. The
 * agreement with LLVM MC over a large family of frames is checked against LLVM itself in the fuzz
 * module (PackingAgreementTest).
 */
@Epic("subject")
@Feature("xdata")
class PackingTest {

    /** Prologue ops at 0, 4, ...; one epilogue after {@code body} words mirroring {@code epilogue}; then ret. */
    static FunctionUnwind frame(List<UnwindOp> prologue, int body, List<UnwindOp> epilogue) {
        List<UnwindStep> pro = new ArrayList<>();
        for (int i = 0; i < prologue.size(); i++) pro.add(new UnwindStep(4 * i, prologue.get(i)));
        int at = 4 * (prologue.size() + body);
        List<UnwindStep> epi = new ArrayList<>();
        for (UnwindOp op : epilogue) {
            epi.add(new UnwindStep(at, op));
            at += 4;
        }
        return new FunctionUnwind(pro, List.of(new Epilogue(epi, at)));
    }

    static int length(FunctionUnwind u) {
        return u.epilogues().getLast().endOffset() + 4;
    }

    @Test
    void referenceWorkedExamplePacksTo0x0162001D() {
        // stp x19,x20,[sp,#-16]!; stp x29,lr,[sp,#-16]!; mov x29,sp; mov w0,wzr; ldp x29,lr; ldp x19,x20; ret
        FunctionUnwind u = frame(List.of(new UnwindOp.SaveRegPairPre(19, 16), new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()),
                1, List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SaveRegPairPre(19, 16)));
        PackedUnwind p = Packing.tryPack("f", length(u), u).orElseThrow();
        assertEquals(new PackedUnwind(28, 0, 2, false, 3, 32), p);
        assertEquals(0x0162001D, p.word());
    }

    @Test
    void subjectMinimalFramePacks() {
        // stp x29,x30,[sp,#-16]!; mov x29,sp; bl; ldp x29,x30,[sp],#16; ret
        FunctionUnwind u = frame(List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()), 1,
                List.of(new UnwindOp.SaveFpLrPre(16)));
        assertEquals(Optional.of(new PackedUnwind(20, 0, 0, false, 3, 16)), Packing.tryPack("f", 20, u));
        assertEquals(0x00e00015, Packing.tryPack("f", 20, u).orElseThrow().word());
        List<UnwindEntry.Placed> e = UnwindEntry.entries("f", 20, u);
        assertInstanceOf(UnwindEntry.Packed.class, e.getFirst().entry());
    }

    @Test
    void subjectFramesWithLocalsOrSavedRegistersDoNotPack() {
        // locals allocated after set_fp: the canonical chained frame allocates before the frame record
        FunctionUnwind locals = frame(List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp(), new UnwindOp.AllocStack(32)),
                1, List.of(new UnwindOp.AllocStack(32), new UnwindOp.SaveFpLrPre(16)));
        assertEquals(Optional.empty(), Packing.tryPack("f", length(locals), locals));
        // frame record above the callee-saves, x29 set by add_fp: no packed form has add_fp
        FunctionUnwind saves = frame(List.of(new UnwindOp.SaveRegPairPre(19, 32), new UnwindOp.SaveFpLr(16), new UnwindOp.AddFp(16)),
                1, List.of(new UnwindOp.SaveFpLr(16), new UnwindOp.SaveRegPairPre(19, 32)));
        assertEquals(Optional.empty(), Packing.tryPack("f", length(saves), saves));
    }

    @Test
    void everyFunctionLevelRuleIsNeeded() {
        List<UnwindOp> pro = List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp());
        List<UnwindOp> epi = List.of(new UnwindOp.SaveFpLrPre(16));
        FunctionUnwind ok = frame(pro, 1, epi);
        assertTrue(Packing.tryPack("f", 20, ok).isPresent());
        assertTrue(Packing.tryPack("f", 24, ok).isEmpty(), "epilogue not at the end");
        FunctionUnwind longOne = frame(pro, 0x7FF - 4, epi);
        assertEquals(0x7FF * 4, length(longOne));
        assertTrue(Packing.tryPack("f", length(longOne), longOne).isPresent(), "0x7FF words fit");
        FunctionUnwind tooLong = frame(pro, 0x7FF - 3, epi);
        assertTrue(Packing.tryPack("f", length(tooLong), tooLong).isEmpty(), "0x800 words do not");
        FunctionUnwind extraNop = frame(pro, 1, List.of(new UnwindOp.Nop(), new UnwindOp.SaveFpLrPre(16)));
        assertTrue(Packing.tryPack("f", length(extraNop), extraNop).isEmpty(), "epilogue is not the mirror");
        FunctionUnwind none = new FunctionUnwind(ok.prologue(), List.of());
        assertTrue(Packing.tryPack("f", 20, none).isEmpty(), "no epilogue");
        FunctionUnwind two = new FunctionUnwind(ok.prologue(), List.of(
                new Epilogue(List.of(new UnwindStep(8, new UnwindOp.SaveFpLrPre(16))), 12),
                new Epilogue(List.of(new UnwindStep(16, new UnwindOp.SaveFpLrPre(16))), 20)));
        assertTrue(Packing.tryPack("f", 24, two).isEmpty(), "two epilogues");
    }

    @Test
    void canonicalShapes() {
        // CR=1, RegI=3: stp x19,x20,[sp,#-32]!; stp x21,lr,[sp,#16] (save_lrpair)
        List<UnwindCode> lr = List.of(new UnwindCode.SaveR19R20X(32), new UnwindCode.SaveLrPair(21, 16));
        assertEquals(Optional.of(new Packing.Frame(3, 0, true, false, 32, 0)), Packing.canonical(lr));
        // the same with x21 and lr stored one by one is not the canonical order
        assertEquals(Optional.empty(), Packing.canonical(List.of(new UnwindCode.SaveR19R20X(32), new UnwindCode.SaveReg(21, 16),
                new UnwindCode.SaveReg(30, 24))));
        // RegF: d8..d10 after two integer registers, then locals of 4080 + 16
        List<UnwindCode> fp = List.of(new UnwindCode.SaveR19R20X(48), new UnwindCode.SaveFRegP(8, 16), new UnwindCode.SaveFReg(10, 32),
                new UnwindCode.AllocM(4080), new UnwindCode.AllocS(16));
        assertEquals(Optional.of(new Packing.Frame(2, 3, false, false, 48, 4096)), Packing.canonical(fp));
        assertEquals(2, Packing.canonical(fp).get().packed(64).regF());
        // homing nops (H) are never packed, as LLVM
        List<UnwindCode> homed = List.of(new UnwindCode.SaveR19R20X(80), new UnwindCode.Nop(), new UnwindCode.Nop(),
                new UnwindCode.Nop(), new UnwindCode.Nop());
        assertEquals(Optional.empty(), Packing.canonical(homed));
        // the pre-decrement must be the save area
        assertEquals(Optional.empty(), Packing.canonical(List.of(new UnwindCode.SaveR19R20X(32))));
        // save_next continues the integer pairs
        List<UnwindCode> next = List.of(new UnwindCode.SaveR19R20X(48), new UnwindCode.SaveNext(), new UnwindCode.SaveReg(23, 32));
        assertEquals(5, Packing.canonical(next).orElseThrow().regI());
    }
}
