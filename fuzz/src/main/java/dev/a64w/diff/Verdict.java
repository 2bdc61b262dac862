package dev.a64w.diff;

/**
 * The outcome of one check, or of a whole case (the first verdict that is not {@link Pass}).
 * Printed forms: {@code pass}, {@code mismatch:<check>:<detail>}, {@code subject-error},
 * {@code oracle-error}, {@code oracle-crash}, {@code unsupported}, {@code timeout}, {@code worker-crash}.
 */
public sealed interface Verdict {
    /** The one-word kind (what scripts match on). */
    String kind();

    /** Human-readable detail, empty for pass. */
    String detail();

    /** The line printed per module: kind, plus check and detail for mismatches. */
    default String line() {
        return detail().isEmpty() ? kind() : kind() + ": " + detail();
    }

    default boolean isPass() {
        return this instanceof Pass;
    }

    /** A finding is anything that is neither a pass nor a known-unsupported feature. */
    /** The same verdict with its detail text passed through {@code f} (a pass has none). */
    default Verdict mapDetail(java.util.function.UnaryOperator<String> f) {
        return switch (this) {
            case Mismatch v -> new Mismatch(v.check(), f.apply(v.detail()));
            case SubjectError v -> new SubjectError(f.apply(v.detail()));
            case OracleError v -> new OracleError(f.apply(v.detail()));
            case OracleCrash v -> new OracleCrash(f.apply(v.detail()));
            case Unsupported v -> new Unsupported(f.apply(v.detail()));
            case Timeout v -> new Timeout(f.apply(v.detail()));
            case WorkerCrash v -> new WorkerCrash(f.apply(v.detail()));
            case Pass v -> v;
        };
    }

    default boolean isFinding() {
        return !(this instanceof Pass) && !(this instanceof Unsupported);
    }

    record Pass() implements Verdict {
        public String kind() { return "pass"; }
        public String detail() { return ""; }
    }

    record Mismatch(Check check, String detail) implements Verdict {
        public String kind() { return "mismatch:" + check.id(); }
        public String line() { return "mismatch:" + check.id() + ":" + detail; }
    }

    record SubjectError(String detail) implements Verdict {
        public String kind() { return "subject-error"; }
    }

    record OracleError(String detail) implements Verdict {
        public String kind() { return "oracle-error"; }
    }

    record OracleCrash(String detail) implements Verdict {
        public String kind() { return "oracle-crash"; }
    }

    record Unsupported(String detail) implements Verdict {
        public String kind() { return "unsupported"; }
    }

    record Timeout(String detail) implements Verdict {
        public String kind() { return "timeout"; }
    }

    /** A fuzz worker process died while it checked the case (exit status, signal, last stderr line in the detail). */
    record WorkerCrash(String detail) implements Verdict {
        public String kind() { return "worker-crash"; }
    }

    Verdict PASS = new Pass();
}
