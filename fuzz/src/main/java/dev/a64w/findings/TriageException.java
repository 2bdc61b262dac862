package dev.a64w.findings;

/** A findings directory that triage cannot work on (missing, not a findings directory, unreadable). */
public final class TriageException extends RuntimeException {
    public TriageException(String message) {
        super(message);
    }
}
