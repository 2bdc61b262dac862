package dev.a64w.findings.github;

import java.time.Duration;

/**
 * How long to wait out GitHub's rate limits. After a rate-limit answer the request is tried again
 * after {@code max(GitHub's hint, base * 2^(tries - 1))}; once the next wait would take the total
 * past {@code maxWait}, or {@code maxTries} answers were rate limits, filing stops with the time the
 * limit resets.
 *
 * @param base the first wait when GitHub gives no later time; doubles with each try
 * @param maxWait the most time spent waiting in one run
 * @param maxTries the most tries of one request
 */
public record RetryPolicy(Duration base, Duration maxWait, int maxTries) {
    public RetryPolicy {
        if (base.isNegative() || maxWait.isNegative() || maxTries < 1) {
            throw new IllegalArgumentException("retry policy: negative wait or fewer than one try: " + base + ", " + maxWait + ", " + maxTries);
        }
    }

    /** 2 s doubling, 10 minutes in all, 8 tries: GitHub asks for a minute or more after a secondary limit. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10), 8);
    }

    /** The wait before try {@code tries + 1}, given GitHub's hint (zero if it gave none). */
    Duration backoff(int tries, Duration hint) {
        Duration doubling = base.multipliedBy(1L << Math.min(tries - 1, 30));
        return hint.compareTo(doubling) > 0 ? hint : doubling;
    }
}
