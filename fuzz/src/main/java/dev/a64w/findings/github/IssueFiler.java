package dev.a64w.findings.github;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Files the issue texts whose signatures the repository does not have yet, in file-name order.
 * Each filed issue is reported as it is filed ({@code filed <signature>: <url>}), so a run that
 * stops part way has said what it did, and the next run continues from the repository's state.
 */
public final class IssueFiler {
    private IssueFiler() {
    }

    /**
     * @param token GITHUB_TOKEN; empty only for a dry run, which then lists every text unchecked
     * @param out one line per issue filed or, in a dry run, to be filed
     * @param notes rate-limit waits
     */
    public static FilingSummary run(List<IssueText> texts, FilingOptions options, Optional<String> token, boolean dryRun,
            Consumer<String> out, Consumer<String> notes) throws FilingException {
        if (token.isEmpty() && !dryRun) {
            throw new FilingException(FilingException.Reason.BAD_TOKEN,
                    "file-issues: GITHUB_TOKEN is not set (it is needed to file issues; --dry-run works without it)");
        }
        if (texts.isEmpty()) {
            return new FilingSummary(0, 0, 0, dryRun, token.isPresent());
        }
        if (token.isEmpty()) {
            texts.forEach(t -> out.accept(wouldFile(t)));
            return new FilingSummary(texts.size(), 0, texts.size(), true, false);
        }
        GitHubIssues github = GitHubIssues.open(options, token.get(), notes);
        Map<String, String> filed = github.filed();
        List<IssueText> fresh = texts.stream().filter(t -> !filed.containsKey(t.signature())).toList();
        int already = texts.size() - fresh.size();
        if (dryRun) {
            fresh.forEach(t -> out.accept(wouldFile(t)));
            return new FilingSummary(texts.size(), already, fresh.size(), true, true);
        }
        if (!fresh.isEmpty()) {
            github.ensureLabel();
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (i > 0) {
                pause(options);
            }
            IssueText t = fresh.get(i);
            out.accept("filed " + t.signature() + ": " + github.file(t));
        }
        return new FilingSummary(texts.size(), already, fresh.size(), false, true);
    }

    /** The dry-run line of one text: signature (= marker), title, body length. */
    static String wouldFile(IssueText t) {
        String body = t.postedBody();
        String size = body.length() == t.body().length() ? t.body().length() + " chars"
                : t.body().length() + " chars, cut to " + body.length();
        return "would file " + t.signature() + ": " + t.postedTitle() + " (body " + size + ")";
    }

    private static void pause(FilingOptions options) throws FilingException {
        try {
            Thread.sleep(options.pace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FilingException(FilingException.Reason.REMOTE, "file-issues: interrupted");
        }
    }
}
