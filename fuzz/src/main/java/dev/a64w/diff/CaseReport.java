package dev.a64w.diff;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the harness found out about one module: a verdict per check that ran (in check
 * order), how many functions compiled, the functions left out as unsupported, and the artifacts.
 */
public record CaseReport(
        String name, List<CheckResult> results, int compiledFunctions, Map<String, String> unsupported, Artifacts artifacts) {

    public CaseReport {
        results = List.copyOf(results);
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
    }

    /**
     * The case's verdict: the first check that did not pass; else {@code unsupported} when any
     * function could not be compiled (the rest was checked and passed); else pass.
     */
    public Verdict verdict() {
        for (CheckResult r : results) {
            if (!r.verdict().isPass()) return r.verdict();
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
