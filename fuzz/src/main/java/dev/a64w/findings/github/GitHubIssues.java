package dev.a64w.findings.github;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * The issues of one repository, through github-api: which signatures are filed, the label, and
 * filing one issue. Every request goes through {@link Retrying}, so rate limits are waited out and
 * failures come out as {@link FilingException}.
 */
public final class GitHubIssues {
    /** Colour of the label when this class creates it. */
    static final String LABEL_COLOUR = "b60205";
    static final String LABEL_DESCRIPTION = "Finding of the a64w differential fuzzer, filed by a64w file-issues";
    private static final int PAGE_SIZE = 100;

    private final FilingOptions options;
    private final Retrying retrying;
    private final GHRepository repo;

    private GitHubIssues(FilingOptions options, Retrying retrying, GHRepository repo) {
        this.options = options;
        this.retrying = retrying;
        this.repo = repo;
    }

    /**
     * Opens the repository with the token (sent only as the Authorization header). A token GitHub
     * rejects, or a repository it cannot see, fails here, before anything is filed.
     *
     * @param notes where rate-limit waits are reported
     */
    public static GitHubIssues open(FilingOptions options, String token, Consumer<String> notes) throws FilingException {
        Retrying retrying = new Retrying(options, notes);
        GitHub github;
        try {
            // a provider of our own: github-api's token providers first ask GET /user for the login, which we do not need
            github = new GitHubBuilder().withEndpoint(options.api().toString()).withAuthorizationProvider(() -> "Bearer " + token)
                    .withRateLimitHandler(RateLimits.PRIMARY).withAbuseLimitHandler(RateLimits.SECONDARY).build();
        } catch (IOException e) {
            throw GitHubErrors.translate("connecting", e, options);
        }
        GHRepository repo = retrying.call("reading repository " + options.repo(), () -> github.getRepository(options.repo()));
        return new GitHubIssues(options, retrying, repo);
    }

    /**
     * The signatures already filed: the markers in the bodies of every issue (open or closed, pull
     * requests included) that carries the label, read page by page. Maps each to the issue's URL.
     */
    public Map<String, String> filed() throws FilingException {
        return retrying.call("listing the issues labelled " + options.label() + " in " + options.repo(), () -> {
            Map<String, String> filed = new TreeMap<>();
            for (GHIssue issue : repo.queryIssues().label(options.label()).state(GHIssueState.ALL).pageSize(PAGE_SIZE).list()) {
                for (String signature : IssueMarker.in(issue.getBody())) {
                    filed.putIfAbsent(signature, String.valueOf(issue.getHtmlUrl()));
                }
            }
            return filed;
        });
    }

    /** Creates the label unless the repository has it. */
    public void ensureLabel() throws FilingException {
        String what = "creating label " + options.label() + " in " + options.repo();
        retrying.call(what, () -> {
            try {
                return repo.getLabel(options.label());
            } catch (GHFileNotFoundException missing) {
                try {
                    return repo.createLabel(options.label(), LABEL_COLOUR, LABEL_DESCRIPTION);
                } catch (HttpException e) {
                    if (e.getResponseCode() == 422 && e.getMessage() != null && e.getMessage().contains("already_exists")) {
                        return repo.getLabel(options.label()); // created meanwhile by another run
                    }
                    throw e;
                }
            }
        });
    }

    /**
     * Files one issue with the label and returns its URL. GitHub drops the labels of a new issue
     * silently when the token may not set them; then the next run could not find the issue, so that
     * stops the run (the issue stays filed; its URL is in the message).
     */
    public String file(IssueText text) throws FilingException {
        String what = "filing issues/" + text.file();
        GHIssue issue = retrying.call(what, () -> repo.createIssue(text.postedTitle()).body(text.postedBody()).label(options.label()).create());
        String url = String.valueOf(issue.getHtmlUrl());
        boolean labelled = issue.getLabels().stream().map(GHLabel::getName).anyMatch(options.label()::equals);
        if (!labelled) {
            throw new FilingException(FilingException.Reason.BAD_TOKEN, "file-issues: GitHub filed " + url + " without label "
                    + options.label() + " (GITHUB_TOKEN may not set labels in " + options.repo()
                    + "), so a later run would file it again; stopped. Add the label to that issue by hand");
        }
        return url;
    }
}
