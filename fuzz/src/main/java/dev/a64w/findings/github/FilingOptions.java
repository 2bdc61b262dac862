package dev.a64w.findings.github;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to file.
 *
 * @param api the REST API base, {@code https://api.github.com} or a GitHub Enterprise
 *     {@code https://HOST/api/v3} (tests: a local stub server)
 * @param repo {@code OWNER/NAME}
 * @param label the label every filed issue carries and the listing selects on
 * @param retry how long to wait out rate limits
 * @param pace the pause between two issues filed, as GitHub asks of clients that create content
 */
public record FilingOptions(URI api, String repo, String label, RetryPolicy retry, Duration pace) {
    /** The label used without {@code --label}. */
    public static final String DEFAULT_LABEL = "a64w-finding";
    /** The API base used when {@code GITHUB_API_URL} is not set. */
    public static final URI DEFAULT_API = URI.create("https://api.github.com");

    /** Checks the user's values; a malformed one is bad input. */
    public static FilingOptions of(String api, String repo, String label, RetryPolicy retry, Duration pace) throws FilingException {
        if (repo == null || !repo.matches("[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+") || repo.endsWith("/.") || repo.endsWith("/..")) {
            throw bad("--repo: expected OWNER/NAME, got '" + repo + "'");
        }
        if (label == null || label.isBlank() || label.contains(",") || label.length() > 50 || !label.equals(label.strip())) {
            throw bad("--label: expected 1 to 50 characters, no comma, no surrounding blanks, got '" + label + "'");
        }
        URI uri;
        try {
            uri = URI.create(api.replaceFirst("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw bad("GITHUB_API_URL: not a URL: " + api);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw bad("GITHUB_API_URL: expected an http(s) URL, got " + api);
        }
        return new FilingOptions(uri, repo, label, retry, pace);
    }

    private static FilingException bad(String message) {
        return new FilingException(FilingException.Reason.BAD_INPUT, message);
    }
}
