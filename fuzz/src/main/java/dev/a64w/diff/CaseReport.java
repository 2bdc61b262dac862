package dev.a64w.diff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the harness found out about one module: a verdict per check that ran (in check
 * order), how many functions compiled, the functions left out as unsupported, the artifacts, why the
 * LLVM leg was skipped (if it was) and how many machine instructions of the subject's code the
 * checks judged (its compiled functions' code; for throughput in instructions per second).
 */
public record CaseReport(
        String name, List<CheckResult> results, int compiledFunctions, Map<String, String> unsupported, Artifacts artifacts,
        Optional<String> llvmSkipReason, long subjectInstructions) {

    public CaseReport {
        results = List.copyOf(results);
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
    }

    public CaseReport(String name, List<CheckResult> results, int compiledFunctions, Map<String, String> unsupported,
                      Artifacts artifacts) {
        this(name, results, compiledFunctions, unsupported, artifacts, Optional.empty(), 0);
    }

    /** The first verdict of {@code side}'s checks that is not a pass, or pass. */
    public Verdict verdict(Side side) {
        if (side == Side.SUBJECT) {
            return verdict();
        }
        for (CheckResult r : results) {
            if (r.check().side() == side && !r.verdict().isPass()) return r.verdict();
        }
        return Verdict.PASS;
    }

    /** Per side, its verdict where it is a finding (subject first). */
    public Map<Side, Verdict> findings() {
        Map<Side, Verdict> out = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            Verdict v = verdict(side);
            if (v.isFinding()) out.put(side, v);
        }
        return out;
    }

    /**
     * The subject's verdict: the first of its checks that did not pass; else {@code unsupported} when any
     * function could not be compiled (the rest was checked and passed); else pass.
     */
    public Verdict verdict() {
        for (CheckResult r : results) {
            if (r.check().side() == Side.SUBJECT && !r.verdict().isPass()) return r.verdict();
        }
        if (!unsupported.isEmpty()) {
            var first = unsupported.entrySet().iterator().next();
            String reason = first.getValue().replaceFirst("^unsupported: ", "");
            return new Verdict.Unsupported("%" + first.getKey() + ": " + reason + " (" + unsupported.size()
                    + " of " + (unsupported.size() + compiledFunctions) + " functions unsupported; the rest passed)");
        }
        return Verdict.PASS;
    }
}
