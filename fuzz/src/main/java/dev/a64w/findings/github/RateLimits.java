package dev.a64w.findings.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * github-api's hooks for GitHub's primary limit (403, {@code X-RateLimit-Remaining: 0}) and its
 * secondary limits (429, or 403 with {@code Retry-After}). Instead of sleeping inside the library,
 * they throw {@link RateLimited} with what GitHub said about the wait. See
 * docs.github.com, "Rate limits for the REST API".
 */
final class RateLimits {
    private RateLimits() {
    }

    static final GitHubRateLimitHandler PRIMARY = new GitHubRateLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw limited(response);
        }
    };

    static final GitHubAbuseLimitHandler SECONDARY = new GitHubAbuseLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw limited(response);
        }
    };

    static RateLimited limited(GitHubConnectorResponse response) {
        Instant serverNow = date(response.header("Date"));
        if (serverNow == null) {
            serverNow = Instant.now();
        }
        Duration hint = Duration.ZERO;
        Instant resetsAt = null;
        String retryAfter = response.header("Retry-After");
        String reset = response.header("X-RateLimit-Reset");
        if (retryAfter != null && retryAfter.strip().matches("\\d{1,9}")) {
            hint = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            resetsAt = serverNow.plus(hint);
        } else if (retryAfter != null && date(retryAfter) != null) {
            resetsAt = date(retryAfter);
        } else if (reset != null && reset.strip().matches("\\d{1,12}")) {
            resetsAt = Instant.ofEpochSecond(Long.parseLong(reset.strip()));
        }
        if (resetsAt != null && hint.isZero() && resetsAt.isAfter(serverNow)) {
            hint = Duration.between(serverNow, resetsAt);
        }
        return new RateLimited(response.statusCode(), GitHubErrors.message(body(response)), hint, resetsAt);
    }

    private static Instant date(String httpDate) {
        if (httpDate == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String body(GitHubConnectorResponse response) {
        try (InputStream in = response.bodyStream()) {
            return in == null ? "" : new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
