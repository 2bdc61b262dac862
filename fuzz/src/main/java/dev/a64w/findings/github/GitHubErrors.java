package dev.a64w.findings.github;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.github.HttpException;

/**
 * Turns what github-api throws into a {@link FilingException} with one line: what was being done,
 * the HTTP status and GitHub's own message (from the JSON error body). The request, and so the
 * token, is never part of it.
 */
final class GitHubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    private GitHubErrors() {
    }

    /** GitHub's message in an error body: {@code message}, then the {@code errors}' details; else the first line. */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "no message";
        }
        String text;
        try {
            JsonNode root = JSON.readTree(body);
            List<String> parts = new ArrayList<>();
            if (root.hasNonNull("message")) {
                parts.add(root.get("message").asText());
            }
            for (JsonNode e : root.path("errors")) {
                if (e.hasNonNull("message")) {
                    parts.add(e.get("message").asText());
                } else if (e.isObject()) {
                    parts.add(e.path("resource").asText("?") + "." + e.path("field").asText("?") + ": " + e.path("code").asText("?"));
                } else {
                    parts.add(e.asText());
                }
            }
            text = parts.isEmpty() ? body : String.join("; ", parts);
        } catch (JacksonException e) {
            text = body;
        }
        text = text.strip().lines().findFirst().orElse("no message");
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    /**
     * The failure of {@code what} ("reading repository o/n", "filing issues/x.md"): 401 and 403 say
     * the token is wrong or lacks rights (exit 2), a 404 of the repository that it is not there or
     * not visible with this token (exit 2); anything else is a remote failure.
     */
    static FilingException translate(String what, IOException e, FilingOptions options) {
        if (e instanceof FileNotFoundException) {
            return new FilingException(FilingException.Reason.BAD_TOKEN, "file-issues: GitHub answered 404 (not found) while "
                    + what + ": repository " + options.repo() + " does not exist at " + options.api() + " or GITHUB_TOKEN cannot see it");
        }
        if (e instanceof HttpException h && h.getResponseCode() > 0) {
            int status = h.getResponseCode();
            String gh = message(h.getMessage());
            return switch (status) {
                case 401 -> new FilingException(FilingException.Reason.BAD_TOKEN, "file-issues: GitHub rejected GITHUB_TOKEN (401 "
                        + gh + ") while " + what);
                case 403 -> new FilingException(FilingException.Reason.BAD_TOKEN, "file-issues: GitHub refused (403 " + gh + ") while "
                        + what + ": GITHUB_TOKEN needs the right to write issues (and labels) of " + options.repo());
                default -> new FilingException(FilingException.Reason.REMOTE, "file-issues: GitHub answered " + status + " (" + gh
                        + ") while " + what);
            };
        }
        return new FilingException(FilingException.Reason.REMOTE, "file-issues: cannot reach GitHub at " + options.api() + " while "
                + what + " (" + cause(e) + ")");
    }

    /** What went wrong on the way: the first cause that names it, else the innermost. */
    private static String cause(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            switch (t) {
                case ConnectException c -> {
                    return "connection refused";
                }
                case UnknownHostException u -> {
                    return "unknown host " + u.getMessage();
                }
                case HttpTimeoutException h -> {
                    return "timed out";
                }
                default -> root = t;
            }
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().strip().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }
}
