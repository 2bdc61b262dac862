package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dynamic Unwind check with each pc checked at its first visit only
 * ({@link UnwindCheck#runDeduplicated}): the same verdicts as the full check on the frames and
 * controls of {@link UnwindCheckTest} and {@link UnwindCheckControlsTest} (the first mismatch is
 * at a first visit), each static boundary counted once however often a loop runs it, and the
 * budget still counting every instruction executed.
 */
@Epic("fuzz")
@Feature("unwind check")
class UnwindCheckDedupeTest {
    static PeImage good;
    static PeImage controls;

    @BeforeAll
    static void build() {
        good = UnwindCheckFixtures.link(UnwindCheckTest.LISTING, UnwindCheckTest.EXPORTS);
        controls = UnwindCheckFixtures.link(UnwindCheckControlsTest.LISTING, UnwindCheckControlsTest.EXPORTS);
    }

    static UnwindReport once(PeImage image, long budget, Invocation... invs) {
        return UnwindCheck.runDeduplicated(Check.UNWIND, image, HOST, List.of(invs), budget);
    }

    @Test
    void aLoopIsCheckedOncePerInstruction() {
        UnwindReport r = once(good, 1_000_000, new Invocation("spin", List.of(1_000L)));
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertEquals(9, r.instructionsChecked(), String.join("\n", r.lines())); // spin's 9 instructions, not 3 * 1000 + 6
    }

    @Test
    void nestedAndImportCallsPassAndEachPcCountsOnce() {
        Invocation[] invs = {new Invocation("outer", List.of(4L)), new Invocation("outer", List.of(0L)),
                new Invocation("leaf", List.of(1L))};
        UnwindReport full = UnwindCheck.run(good, HOST, List.of(invs), 1_000_000);
        UnwindReport r = once(good, 1_000_000, invs);
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertEquals(3, r.lines().size());
        r.lines().forEach(l -> assertTrue(l.contains("(first visits); returned"), l));
        assertTrue(r.instructionsChecked() > 0 && r.instructionsChecked() < full.instructionsChecked(),
                r.instructionsChecked() + " of " + full.instructionsChecked());
    }

    @Test
    void everyControlGivesTheFullChecksFirstMismatch() {
        for (String f : List.of("badOffset", "badFreg", "badAlloc", "spInBody", "leafSp", "calls", "missingNop")) {
            Invocation inv = new Invocation(f, List.of(5L));
            UnwindReport full = UnwindCheck.run(controls, HOST, List.of(inv), 100_000);
            UnwindReport r = once(controls, 100_000, inv);
            Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), f + ": " + r.lines());
            assertEquals(full.verdict(), m, f);
        }
    }

    @Test
    void theBudgetCountsEveryInstructionExecuted() {
        UnwindReport r = once(good, 1_000, new Invocation("spin", List.of(100L)), new Invocation("spin", List.of(1_000L)),
                new Invocation("leaf", List.of(1L)));
        assertEquals(Verdict.PASS, r.verdict());
        assertTrue(r.lines().get(1).contains("exhausted its budget"), r.lines().get(1));
        assertTrue(r.lines().get(2).contains("1 invocation(s) not checked"), r.lines().get(2));
        assertEquals(9, r.instructionsChecked(), r.lines().toString());
    }
}
