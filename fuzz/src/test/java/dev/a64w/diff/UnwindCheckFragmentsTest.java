package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The unwind check in a function of 1 MiB or more (reference §6.2): in a later fragment the body is
 * "after the phantom prologue", so unwinding runs the codes after {@code end_c} in full; a wrong
 * phantom prologue must be flagged there, at the first instruction of the fragment that runs.
 */
@Epic("fuzz")
@Feature("unwind check")
class UnwindCheckFragmentsTest {
    private static UnwindReport run(String listing) {
        PeImage image = UnwindCheckFixtures.link(listing, List.of("big"));
        UnwindReport r = UnwindCheck.run(image, HOST, List.of(new Invocation("big", List.of(5L))), 1_000);
        System.out.println(r.verdict().line() + "\n    " + String.join("\n    ", r.lines()));
        return r;
    }

    @Test
    void mcFragmentsUnwindInTheSecondMiB() {
        UnwindReport r = run(LongFunctionFixtures.seh());
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        // prologue 3, mov, b, then .Lfar: add, ldr, ldp, ret (the boundary after ret is the caller's)
        assertEquals(9, r.instructionsChecked(), String.join("\n", r.lines()));
    }

    @Test
    void handCutFragmentsWithTheRightPhantomProloguePass() {
        UnwindReport r = run(LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.PHANTOM, 2));
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
    }

    @Test
    void wrongPhantomPrologueIsFlaggedInTheLaterFragment() {
        UnwindReport r = run(LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.WRONG_PHANTOM, 2));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals(Check.UNWIND, m.check());
        // the first boundary in the second fragment is .Lfar; the label names the function, not the fragment
        String at = "%big+0x" + Integer.toHexString(LongFunctionFixtures.FAR) + ": ";
        assertTrue(m.detail().startsWith(at + "sp "), m.detail());
    }
}
