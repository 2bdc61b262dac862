package dev.a64w.findings.github;

import java.time.Duration;
import java.time.Instant;
import org.kohsuke.github.GHIOException;

/**
 * A rate-limit answer (403 with {@code X-RateLimit-Remaining: 0}, or 403/429 with
 * {@code Retry-After}), thrown by {@link RateLimits}' handlers inside github-api so that
 * {@link Retrying} decides how long to wait. A {@link GHIOException}, so github-api passes it on as
 * it is.
 */
final class RateLimited extends GHIOException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String githubMessage;
    /** How long GitHub asked to wait (zero if it did not say). */
    final Duration hint;
    /** When GitHub says the limit resets, or null. */
    final Instant resetsAt;

    RateLimited(int status, String githubMessage, Duration hint, Instant resetsAt) {
        super("rate limited (" + status + ")");
        this.status = status;
        this.githubMessage = githubMessage;
        this.hint = hint;
        this.resetsAt = resetsAt;
    }
}
