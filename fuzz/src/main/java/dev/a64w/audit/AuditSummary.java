package dev.a64w.audit;

/**
 * Counts over audited functions. {@code checked}: functions whose every boundary was stepped (ok or
 * disagreeing; fragments with nothing to step count here with zero boundaries); {@code functions}
 * = checked + unsupported; {@code packed}: entries with Flag 1 or 2, whatever their verdict.
 */
public record AuditSummary(long functions, long packed, long checked, long disagreements, long unsupported) {
    public static final AuditSummary EMPTY = new AuditSummary(0, 0, 0, 0, 0);

    public AuditSummary plus(FunctionReport r) {
        Verdict v = r.effective();
        return new AuditSummary(functions + 1, packed + (r.packed() ? 1 : 0),
                checked + (v instanceof Verdict.Unsupported ? 0 : 1),
                disagreements + (v instanceof Verdict.Disagree ? 1 : 0),
                unsupported + (v instanceof Verdict.Unsupported ? 1 : 0));
    }

    public AuditSummary plus(AuditSummary o) {
        return new AuditSummary(functions + o.functions, packed + o.packed, checked + o.checked,
                disagreements + o.disagreements, unsupported + o.unsupported);
    }

    public String line() {
        return String.format("audit: %d functions, %d packed, %d checked, %d disagreements, %d unsupported",
                functions, packed, checked, disagreements, unsupported);
    }
}
