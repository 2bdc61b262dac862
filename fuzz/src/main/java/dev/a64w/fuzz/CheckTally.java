package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.CheckResult;
import dev.a64w.diff.Verdict;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-check outcome counts over a campaign, for the lines {@code check NAME: N pass, N mismatch,
 * N error, N skipped} that {@code a64w fuzz} prints before its summary. Every case counts once per
 * check: a check with no result for the case (it did not apply, or an earlier failure or an
 * unsupported function stopped the case before it) is skipped. A worker computes a case's
 * {@link #outcomes}; the campaign adds them. Its JSON form (in {@code campaign.json}) is a map from
 * check id to the four counts. Thread-safe.
 */
public final class CheckTally {
    /** How one check ended on one case. */
    public enum Outcome { PASS, MISMATCH, ERROR, SKIPPED }

    private final Map<Check, AtomicLongArray> counts = new EnumMap<>(Check.class);

    public CheckTally() {
        for (Check c : Check.values()) {
            counts.put(c, new AtomicLongArray(Outcome.values().length));
        }
    }

    /** Each check's outcome on one case's report. */
    public static Map<Check, Outcome> outcomes(CaseReport report) {
        EnumMap<Check, Verdict> seen = new EnumMap<>(Check.class);
        for (CheckResult r : report.results()) {
            seen.putIfAbsent(r.check(), r.verdict());
        }
        Map<Check, Outcome> out = new EnumMap<>(Check.class);
        for (Check c : Check.values()) {
            Verdict v = seen.get(c);
            out.put(c, v == null ? Outcome.SKIPPED : kind(v));
        }
        return out;
    }

    /** The outcomes of a case on which the harness itself failed (or whose worker died): an error for every check. */
    public static Map<Check, Outcome> harnessFailure() {
        Map<Check, Outcome> out = new EnumMap<>(Check.class);
        for (Check c : Check.values()) {
            out.put(c, Outcome.ERROR);
        }
        return out;
    }

    /** Counts one case's report. */
    public void add(CaseReport report) {
        add(outcomes(report));
    }

    /** Counts one case's outcomes (a check missing from the map counts as skipped). */
    public void add(Map<Check, Outcome> outcomes) {
        for (Check c : Check.values()) {
            counts.get(c).incrementAndGet(outcomes.getOrDefault(c, Outcome.SKIPPED).ordinal());
        }
    }

    /** Counts a case on which the harness itself failed: an error for every check. */
    public void addHarnessFailure() {
        add(harnessFailure());
    }

    private static Outcome kind(Verdict v) {
        return switch (v) {
            case Verdict.Pass p -> Outcome.PASS;
            case Verdict.Mismatch m -> Outcome.MISMATCH;
            case Verdict.Unsupported u -> Outcome.SKIPPED;
            case Verdict.SubjectError e -> Outcome.ERROR;
            case Verdict.OracleError e -> Outcome.ERROR;
            case Verdict.OracleCrash e -> Outcome.ERROR;
            case Verdict.Timeout t -> Outcome.ERROR;
            case Verdict.WorkerCrash w -> Outcome.ERROR;
        };
    }

    /** One line per check, in check order, in exactly the form scripts read. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Check c : Check.values()) {
            AtomicLongArray a = counts.get(c);
            out.add(String.format("check %s: %d pass, %d mismatch, %d error, %d skipped", c.id(), a.get(Outcome.PASS.ordinal()),
                    a.get(Outcome.MISMATCH.ordinal()), a.get(Outcome.ERROR.ordinal()), a.get(Outcome.SKIPPED.ordinal())));
        }
        return out;
    }

    /** The JSON form: check id to its counts in {@link Outcome} order. */
    @JsonValue
    public Map<String, long[]> counts() {
        Map<String, long[]> out = new LinkedHashMap<>();
        counts.forEach((c, a) -> {
            long[] n = new long[a.length()];
            for (int k = 0; k < n.length; k++) n[k] = a.get(k);
            out.put(c.id(), n);
        });
        return out;
    }

    /** A tally holding {@code counts} (the JSON form); unknown check ids are bad input. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CheckTally of(Map<String, long[]> counts) {
        CheckTally t = new CheckTally();
        counts.forEach((id, n) -> {
            Check c = java.util.Arrays.stream(Check.values()).filter(k -> k.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown check '" + id + "'"));
            for (int k = 0; k < Math.min(n.length, Outcome.values().length); k++) t.counts.get(c).addAndGet(k, n[k]);
        });
        return t;
    }
}
