package dev.a64w.backend.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.UnsupportedFeatureException;
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
    @Test
    void slotsUpTo16KeepSpBasedIncomingArguments() {
        FrameLayout f = FrameLayout.compute(false, 1, 0, List.of(new StackSlot(0, 24, 16)), 0);
        assertFalse(f.realigned());
        assertEquals(16, f.align());
        assertEquals(Sp.SP, f.incomingArgBase());
        assertEquals(f.total() + 8, f.incomingArgOffset(1));
    }

    @Test
    void overAlignedSlotRealignsAndReadsArgumentsFromFp() {
        FrameLayout f = FrameLayout.compute(true, 3, 0, List.of(new StackSlot(0, 8, 8), new StackSlot(1, 64, 64)), 0);
        assertTrue(f.realigned());
        assertEquals(64, f.align());
        assertEquals(64, f.slotOffset(1));
        assertEquals(Gpr.FP, f.incomingArgBase());
        // x29 = SP after the saves + 8 * 3; the caller's SP = that SP + csrArea (48).
        assertEquals(48 - 24 + 16, f.incomingArgOffset(2));
    }

    @Test
    void zeroSizedOverAlignedSlotInLeafStillGetsAFrame() {
        FrameLayout f = FrameLayout.compute(true, 0, 0, List.of(new StackSlot(0, 0, 32)), 0);
        assertTrue(f.hasFrame());
        assertTrue(f.realigned());
    }

    @Test
    void alignmentAbove4096IsRejected() {
        var e = assertThrows(UnsupportedFeatureException.class,
                () -> FrameLayout.compute(true, 0, 0, List.of(new StackSlot(0, 8, 8192)), 0));
        assertTrue(e.getMessage().contains("0x2000"), e.getMessage());
    }
}
