package dev.a64w.fuzz;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.CheckResult;
import dev.a64w.diff.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-check outcome counts over a campaign, for the lines {@code check NAME: N pass, N mismatch,
 * N error, N skipped} that {@code a64w fuzz} prints before its summary. Every case counts once per
 * check: a check with no result for the case (it did not apply, or an earlier failure or an
 * unsupported function stopped the case before it) is skipped. Thread-safe.
 */
public final class CheckTally {
    private static final int PASS = 0;
    private static final int MISMATCH = 1;
    private static final int ERROR = 2;
    private static final int SKIPPED = 3;

    private final Map<Check, AtomicLongArray> counts = new EnumMap<>(Check.class);

    public CheckTally() {
        for (Check c : Check.values()) {
            counts.put(c, new AtomicLongArray(4));
        }
    }

    /** Counts one case's report. */
    public void add(CaseReport report) {
        EnumMap<Check, Verdict> seen = new EnumMap<>(Check.class);
        for (CheckResult r : report.results()) {
            seen.putIfAbsent(r.check(), r.verdict());
        }
        for (Check c : Check.values()) {
            Verdict v = seen.get(c);
            counts.get(c).incrementAndGet(v == null ? SKIPPED : kind(v));
        }
    }

    /** Counts a case on which the harness itself failed: an error for every check. */
    public void addHarnessFailure() {
        for (Check c : Check.values()) {
            counts.get(c).incrementAndGet(ERROR);
        }
    }

    private static int kind(Verdict v) {
        return switch (v) {
            case Verdict.Pass p -> PASS;
            case Verdict.Mismatch m -> MISMATCH;
            case Verdict.Unsupported u -> SKIPPED;
            case Verdict.SubjectError e -> ERROR;
            case Verdict.OracleError e -> ERROR;
            case Verdict.OracleCrash e -> ERROR;
            case Verdict.Timeout t -> ERROR;
        };
    }

    /** One line per check, in check order, in exactly the form scripts read. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Check c : Check.values()) {
            AtomicLongArray a = counts.get(c);
            out.add(String.format("check %s: %d pass, %d mismatch, %d error, %d skipped",
                    c.id(), a.get(PASS), a.get(MISMATCH), a.get(ERROR), a.get(SKIPPED)));
        }
        return out;
    }
}
