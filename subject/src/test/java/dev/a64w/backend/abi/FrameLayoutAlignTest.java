package dev.a64w.backend.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Sp;
import dev.a64w.ir.StackSlot;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("backend.abi")
class FrameLayoutAlignTest {
    static List<Gpr> x19up(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(k -> Gpr.x(19 + k)).toList();
    }

    @Test
    void fpSavesSitAboveTheIntegerSaves() {
        FrameLayout f = FrameLayout.compute(false, x19up(3), List.of(FReg.v(8), FReg.v(9), FReg.v(10)), 0, List.of(), 0);
        assertEquals(6, f.savedCount());
        assertEquals(0, f.fpOffset()); // the record is pushed below the saves
        assertEquals(64, f.csrArea()); // 6 * 8, then 16 for x29/x30
        assertEquals(List.of(
                        "stp x19, x20, [sp, #-48]!", "str x21, [sp, #16]", "stp d8, d9, [sp, #24]", "str d10, [sp, #40]",
                        "stp x29, x30, [sp, #-16]!", "mov x29, sp",
                        "ldp x29, x30, [sp], #16", "ldr d10, [sp, #40]", "ldp d8, d9, [sp, #24]", "ldr x21, [sp, #16]",
                        "ldp x19, x20, [sp], #48", "ret"),
                prologueAndEpilogue(f));
    }

    @Test
    void fpSavesAloneStartWithAPreIndexedStore() {
        FrameLayout pair = FrameLayout.compute(false, List.of(), List.of(FReg.v(8), FReg.v(9), FReg.v(10), FReg.v(11), FReg.v(12)), 0, List.of(), 0);
        assertEquals(List.of(
                        "stp d8, d9, [sp, #-48]!", "stp d10, d11, [sp, #16]", "str d12, [sp, #32]",
                        "stp x29, x30, [sp, #-16]!", "mov x29, sp",
                        "ldp x29, x30, [sp], #16", "ldr d12, [sp, #32]", "ldp d10, d11, [sp, #16]", "ldp d8, d9, [sp], #48", "ret"),
                prologueAndEpilogue(pair));
        FrameLayout one = FrameLayout.compute(false, List.of(), List.of(FReg.v(8)), 0, List.of(), 0);
        assertEquals(List.of("str d8, [sp, #-16]!", "stp x29, x30, [sp, #-16]!", "mov x29, sp",
                        "ldp x29, x30, [sp], #16", "ldr d8, [sp], #16", "ret"),
                prologueAndEpilogue(one));
    }

    @Test
    void fpSavesCarryTheirUnwindOps() {
        FrameLayout f = FrameLayout.compute(false, List.of(), List.of(FReg.v(8), FReg.v(9), FReg.v(10)), 0, List.of(), 0);
        MachineBuffer buf = new MachineBuffer("f");
        f.emitPrologue(buf);
        f.emitEpilogueRet(buf);
        var unwind = buf.finish(true).unwind().orElseThrow();
        assertEquals(List.of(new UnwindOp.SaveFRegPairPre(8, 32), new UnwindOp.SaveFReg(10, 16), new UnwindOp.SaveFpLrPre(16), new UnwindOp.SetFp()),
                unwind.prologue().stream().map(s -> s.op()).toList());
        assertEquals(List.of(new UnwindOp.SaveFpLrPre(16), new UnwindOp.SaveFReg(10, 16), new UnwindOp.SaveFRegPairPre(8, 32)),
                unwind.epilogues().getFirst().steps().stream().map(s -> s.op()).toList());
    }

    private static List<String> prologueAndEpilogue(FrameLayout f) {
        MachineBuffer buf = new MachineBuffer("f");
        f.emitPrologue(buf);
        f.emitEpilogueRet(buf);
        return buf.finish(true).asm();
    }

    @Test
    void savedListsMustBeRunsFromX19AndD8() {
        assertThrows(IllegalArgumentException.class, () -> FrameLayout.compute(false, List.of(Gpr.x(20)), List.of(), 0, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> FrameLayout.compute(false, List.of(), List.of(FReg.v(9)), 0, List.of(), 0));
    }

    @Test
    void integerOnlyFramesSaveNoFpRegister() {
        FrameLayout f = FrameLayout.compute(false, x19up(2), List.of(), 0, List.of(), 0);
        assertEquals(List.of(), f.savedFregs());
        assertEquals(32, f.csrArea());
        f.emitPrologue(new MachineBuffer("f"));
    }
    @Test
    void slotsUpTo16KeepSpBasedIncomingArguments() {
        FrameLayout f = FrameLayout.compute(false, x19up(1), List.of(), 0, List.of(new StackSlot(0, 24, 16)), 0);
        assertFalse(f.realigned());
        assertEquals(16, f.align());
        assertEquals(Sp.SP, f.incomingArgBase());
        assertEquals(f.total() + 8, f.incomingArgOffset(1));
    }

    @Test
    void overAlignedSlotRealignsAndReadsArgumentsFromFp() {
        FrameLayout f = FrameLayout.compute(true, x19up(3), List.of(), 0, List.of(new StackSlot(0, 8, 8), new StackSlot(1, 64, 64)), 0);
        assertTrue(f.realigned());
        assertEquals(64, f.align());
        assertEquals(64, f.slotOffset(1));
        assertEquals(Gpr.FP, f.incomingArgBase());
        // x29 = SP after the saves + 8 * 3; the caller's SP = that SP + csrArea (48).
        assertEquals(48 - 24 + 16, f.incomingArgOffset(2));
    }

    @Test
    void zeroSizedOverAlignedSlotInLeafStillGetsAFrame() {
        FrameLayout f = FrameLayout.compute(true, List.of(), List.of(), 0, List.of(new StackSlot(0, 0, 32)), 0);
        assertTrue(f.hasFrame());
        assertTrue(f.realigned());
    }

    @Test
    void alignmentAbove4096IsRejected() {
        var e = assertThrows(UnsupportedFeatureException.class,
                () -> FrameLayout.compute(true, List.of(), List.of(), 0, List.of(new StackSlot(0, 8, 8192)), 0));
        assertTrue(e.getMessage().contains("0x2000"), e.getMessage());
    }
}
