package dev.a64w.audit;

/**
 * The audit layer's one exception: input that cannot be audited at all (truncated, not PE or
 * COFF, not ARM64, inconsistent headers). The message is one line, without the file name; the
 * CLI prints {@code a64w: FILE: message} and exits 2. What a function's code or unwind data does
 * is never an exception but a {@link Verdict}.
 */
public final class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }
}
