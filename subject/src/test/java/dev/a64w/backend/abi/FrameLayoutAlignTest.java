package dev.a64w.backend.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.UnsupportedFeatureException;
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
    void fpSavesSitAboveTheIntegerSavesAndNeedTheFpForms() {
        FrameLayout f = FrameLayout.compute(false, x19up(3), List.of(FReg.v(8), FReg.v(9)), 0, List.of(), 0);
        assertEquals(5, f.savedCount());
        assertEquals(40, f.fpOffset());
        assertEquals(64, f.csrArea()); // 5 * 8 + 16, rounded to 16
        var e = assertThrows(CompileException.class, () -> f.emitPrologue(new MachineBuffer("f")));
        assertTrue(e.getMessage().contains("FP load/store forms"), e.getMessage());
        assertThrows(CompileException.class, () -> f.emitEpilogueRet(new MachineBuffer("f")));
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
