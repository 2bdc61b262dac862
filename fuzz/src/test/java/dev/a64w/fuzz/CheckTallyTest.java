package dev.a64w.fuzz;

import dev.a64w.diff.Artifacts;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.CheckResult;
import dev.a64w.diff.Verdict;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Epic("fuzz")
@Feature("campaign")
class CheckTallyTest {
    private static CaseReport report(CheckResult... results) {
        return new CaseReport("c", List.of(results), 1, Map.of(), Artifacts.of(""));
    }

    @Test
    void countsEveryCheckOncePerCaseInTheFixedForm() {
        CheckTally t = new CheckTally();
        t.add(report(new CheckResult(Check.VALID, Verdict.PASS), new CheckResult(Check.OBJECT, Verdict.PASS),
                new CheckResult(Check.MC, new Verdict.Mismatch(Check.MC, "bytes differ")),
                new CheckResult(Check.LINK, Verdict.PASS), new CheckResult(Check.ALIGN, Verdict.PASS),
                new CheckResult(Check.RUN, new Verdict.OracleError("worker died"))));
        t.add(report(new CheckResult(Check.VALID, new Verdict.Mismatch(Check.VALID, "bad"))));
        t.addHarnessFailure();
        List<String> lines = t.lines();
        assertEquals(Check.values().length, lines.size());
        assertEquals("check valid: 1 pass, 1 mismatch, 1 error, 0 skipped", lines.get(0));
        assertEquals("check object: 1 pass, 0 mismatch, 1 error, 1 skipped", lines.get(1));
        assertEquals("check align: 1 pass, 0 mismatch, 1 error, 1 skipped", lines.get(2));
        assertEquals("check mc: 0 pass, 1 mismatch, 1 error, 1 skipped", lines.get(3));
        assertEquals("check policy: 0 pass, 0 mismatch, 1 error, 2 skipped", lines.get(Check.POLICY.ordinal()));
        assertEquals("check run: 0 pass, 0 mismatch, 2 error, 1 skipped", lines.get(Check.RUN.ordinal()));
        assertEquals("check run-llvm-o0: 0 pass, 0 mismatch, 1 error, 2 skipped", lines.get(Check.RUN_LLVM_O0.ordinal()));
        assertEquals("check unwind: 0 pass, 0 mismatch, 1 error, 2 skipped", lines.get(Check.UNWIND.ordinal()));
        assertEquals("check unwind-llvm-o2: 0 pass, 0 mismatch, 1 error, 2 skipped", lines.get(Check.UNWIND_LLVM_O2.ordinal()));
    }
}
