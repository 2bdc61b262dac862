package dev.a64w.check.unwind;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static dev.a64w.check.unwind.FrameSim.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Small hand-made functions with .xdata, unwound at every instruction (prologue and epilogue partly run). */
@Epic("fuzz")
@Feature("virtual unwinder")
class HandMadeFunctionsTest {

    /**
     * q8..q11 saved with save_any_reg (pre-indexed pair) and save_next, d12..d15 with save_fregp and
     * save_next, then the frame record and x19/x20, frame pointer by add_fp; the epilogue restores sp
     * from x29 first (a body instruction as far as the unwind data go) and shares the codes after add_fp
     * (E=1, index 2). The body writes the high halves of q8/q9 too, so the q restores must bring both
     * halves back.
     */
    private static List<Consumer<FrameSim>> vectorFrame() {
        return List.of(
                stpQ(8, 0, 96),            // stp q8,q9,[sp,#-96]!      E7 68 85
                stpQ(10, 32, 0),           // stp q10,q11,[sp,#32]      E6 (next q pair, 32 bytes on)
                stpD(12, 64),              // stp d12,d13,[sp,#64]      D9 08
                stpD(14, 80),              // stp d14,d15,[sp,#80]      E6
                stpPre(29, 30, 32),        // stp x29,x30,[sp,#-32]!    83
                stp(19, 20, 16),           // stp x19,x20,[sp,#16]      C8 02
                addFp(16),                 // add x29,sp,#16            E2 02
                s -> {
                    s.x[19] = 1;
                    s.x[20] = 2;
                    s.x[30] = 3;
                    for (int i = 8; i <= 15; i++) {
                        s.lo[i] = 0xD000 + i;
                        s.hi[i] = 0xE000 + i;
                    }
                },
                clobber(0, 4),
                subSpFp(16),               // sub sp,x29,#16
                ldp(19, 20, 16),
                ldpPost(29, 30, 32),
                ldpD(14, 80),
                ldpD(12, 64),
                ldpQ(10, 32, 0),
                ldpQ(8, 0, 96),
                ret());
    }

    // length 17 words, E=1, epilogue index 2, 4 code words
    private static final String VECTOR_XDATA = "11 00 A0 20 E2 02 C8 02 83 E6 D9 08 E6 E7 68 85 E4 E3 E3 E3";

    @Test
    void vectorFrameUnwindsAtEveryInstruction() {
        FunctionEntry e = Sweep.xdata(VECTOR_XDATA);
        UnwindMeaning m = e.data().meaning();
        assertEquals(7, m.prologueLength());
        assertEquals(40, m.epilogs().get(0).startOffset());
        assertEquals(7, m.epilogs().get(0).instructionCount());
        assertEquals(List.of(), Sweep.mismatches(vectorFrame(), e));
    }

    @Test
    void qRestoresBothHalves() {
        FrameSim.Snapshot body = FrameSim.run(vectorFrame()).get(9);
        Context caller = VirtualUnwinder.unwind(body.context(), body.memory(), FunctionTable.of(List.of(Sweep.xdata(VECTOR_XDATA))));
        Context expected = FrameSim.expectedCaller();
        for (int i = 8; i <= 11; i++) {
            assertEquals(expected.vHigh(i), caller.vHigh(i), "q" + i + " high half");
        }
        assertEquals(0xE000 + 12, caller.vHigh(12)); // d12..d15 restores leave the high halves alone
    }

    @Test
    void wrongQOffsetIsDetected() {
        // positive control: the pre-indexed q pair claimed at [sp,#-80]! (offset field 4) instead of -96
        FunctionEntry bad = Sweep.xdata("11 00 A0 20 E2 02 C8 02 83 E6 D9 08 E6 E7 68 84 E4 E3 E3 E3");
        assertFalse(Sweep.mismatches(vectorFrame(), bad).isEmpty());
    }
}
