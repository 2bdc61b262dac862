package dev.a64w.findings.github;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.kohsuke.github.GHException;

/**
 * Runs one GitHub request (or a whole paged listing) and waits out rate-limit answers as the
 * {@link RetryPolicy} allows; every other failure becomes a {@link FilingException} at once. The
 * total wait is counted over the whole run, so a run never waits longer than the policy's bound.
 */
final class Retrying {
    /** One request or listing. */
    interface Call<T> {
        T run() throws IOException;
    }

    private final FilingOptions options;
    private final Consumer<String> notes;
    private Duration waited = Duration.ZERO;

    Retrying(FilingOptions options, Consumer<String> notes) {
        this.options = options;
        this.notes = notes;
    }

    <T> T call(String what, Call<T> call) throws FilingException {
        RetryPolicy policy = options.retry();
        for (int tries = 1; ; tries++) {
            IOException failure;
            try {
                return call.run();
            } catch (IOException e) {
                failure = e;
            } catch (GHException e) { // a paged listing wraps the failure of a page
                failure = e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            if (!(failure instanceof RateLimited limited)) {
                throw GitHubErrors.translate(what, failure, options);
            }
            Duration wait = policy.backoff(tries, limited.hint);
            if (tries >= policy.maxTries() || waited.plus(wait).compareTo(policy.maxWait()) > 0) {
                throw giveUp(what, limited, tries);
            }
            notes.accept("file-issues: rate limited (" + limited.status + " " + limited.githubMessage + ") while " + what
                    + "; try " + (tries + 1) + " in " + seconds(wait));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FilingException(FilingException.Reason.REMOTE, "file-issues: interrupted while waiting out a rate limit");
            }
            waited = waited.plus(wait);
        }
    }

    private FilingException giveUp(String what, RateLimited limited, int tries) {
        String resets = limited.resetsAt == null ? "GitHub did not say when the limit resets"
                : "the limit resets at " + limited.resetsAt.truncatedTo(ChronoUnit.SECONDS);
        return new FilingException(FilingException.Reason.REMOTE, "file-issues: GitHub rate limit (" + limited.status + " "
                + limited.githubMessage + ") while " + what + ": " + resets + "; gave up after " + tries + (tries == 1 ? " try" : " tries")
                + " and " + seconds(waited) + " of waiting (bound " + seconds(options.retry().maxWait())
                + "); issues filed so far stay filed, run again later");
    }

    /** Whole seconds, or milliseconds below a second. */
    static String seconds(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
