package dev.a64w.findings.github;

/**
 * Why filing stopped, as a one-line message that never contains the token. Issues filed before it
 * stay filed; a re-run continues from what the repository then holds.
 */
public final class FilingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure: the CLI maps each to its exit code. */
    public enum Reason {
        /** An issue text, the repository name or the label is malformed: fix the input. */
        BAD_INPUT,
        /** No token, a token GitHub rejects (401) or one without the rights needed (403, 404). */
        BAD_TOKEN,
        /** GitHub failed or refused the request (5xx, 422, rate limit beyond the wait, network). */
        REMOTE
    }

    private final Reason reason;

    public FilingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
