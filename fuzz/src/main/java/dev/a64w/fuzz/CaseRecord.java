package dev.a64w.fuzz;

import dev.a64w.diff.Check;
import dev.a64w.diff.UnwindForms;
import java.util.List;
import java.util.Map;

/**
 * What one checked case adds to a campaign, as a worker reports it after the case's findings are on
 * disk: each check's outcome, the subject's checked instructions, why the case was unsupported (one
 * normalized reason per function the subject rejected; empty when it was supported) and whether the other legs ran on it, why the LLVM leg and the Cranelift leg were skipped
 * (normalized reasons), the unwind forms of the subject's and MC's objects, the {@code --stats}
 * counts (empty without it), and the findings written.
 */
public record CaseRecord(long index, Map<Check, CheckTally.Outcome> checks, long instructions, List<String> unsupported,
                         boolean otherLegs, List<String> llvmSkips, List<String> craneliftSkips, UnwindForms subjectForms,
                         UnwindForms mcForms, Map<String, Long> stats, List<FindingRef> findings) {
    public CaseRecord {
        checks = Map.copyOf(checks);
        unsupported = List.copyOf(unsupported);
        llvmSkips = List.copyOf(llvmSkips);
        craneliftSkips = List.copyOf(craneliftSkips);
        stats = Map.copyOf(stats);
        findings = List.copyOf(findings);
    }

    /** A case whose check ended without a report (the harness failed, or its worker died): an error for every check. */
    public static CaseRecord failed(long index, boolean otherLegs, List<FindingRef> findings) {
        return new CaseRecord(index, CheckTally.harnessFailure(), 0, List.of(), otherLegs, List.of(), List.of(), UnwindForms.NONE,
                UnwindForms.NONE, Map.of(), findings);
    }

    /**
     * One finding file written for the case: its side's id ({@code subject}, {@code llvm-o0}, ...), its signature, and
     * its file name in the side's folder.
     */
    public record FindingRef(String side, String signature, String file) {
        /** The key a campaign counts findings under: {@code side/signature}. */
        public String signatureKey() {
            return side + "/" + signature;
        }

        /** The file relative to the findings folder. */
        public String path() {
            return side + "/" + file;
        }
    }
}
