package dev.a64w.cli;

import dev.a64w.findings.github.FilingException;
import dev.a64w.findings.github.FilingOptions;
import dev.a64w.findings.github.FilingSummary;
import dev.a64w.findings.github.IssueFiler;
import dev.a64w.findings.github.IssueText;
import dev.a64w.findings.github.IssueTexts;
import dev.a64w.findings.github.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w file-issues DIR --repo OWNER/NAME [--dry-run] [--label L]}: files one GitHub issue per
 * issue text in {@code DIR/issues} whose signature the repository does not have yet. The token is
 * read from {@code GITHUB_TOKEN} only, the API base from {@code GITHUB_API_URL} (default
 * https://api.github.com). Exit codes: 0 done, 2 bad input or token, 3 GitHub failed.
 */
@Command(name = "file-issues", mixinStandardHelpOptions = true,
        description = {"File one GitHub issue per finding signature in DIR/issues that is not filed yet.",
                "The token comes from the environment variable GITHUB_TOKEN only; the API base from GITHUB_API_URL "
                        + "(default https://api.github.com).",
                "Exit codes: 0 done, 2 bad input, missing or rejected token, 3 GitHub failed (re-run to continue)."})
final class FileIssuesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "a findings directory (a64w fuzz --out DIR, then a64w triage DIR)")
    Path dir;

    @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "the repository to file in")
    String repo;

    @Option(names = "--dry-run", description = "print what would be filed, write nothing (with GITHUB_TOKEN: only what is new)")
    boolean dryRun;

    @Option(names = "--label", paramLabel = "L", defaultValue = FilingOptions.DEFAULT_LABEL,
            description = "the label filed issues carry and the look-up selects on (default ${DEFAULT-VALUE})")
    String label;

    @Option(names = "--max-wait", paramLabel = "D", converter = DurationConverter.class, defaultValue = "10m",
            description = "longest total wait for GitHub's rate limits before giving up (default ${DEFAULT-VALUE})")
    Duration maxWait;

    @Option(names = "--retry-base", hidden = true, converter = DurationConverter.class, defaultValue = "2s",
            description = "first wait after a rate-limit answer without a time; doubles each try (tests shorten it)")
    Duration retryBase;

    @Option(names = "--pace", hidden = true, converter = DurationConverter.class, defaultValue = "1s",
            description = "pause between two issues filed, as GitHub asks of clients that create content (tests shorten it)")
    Duration pace;

    /**
     * github-api logs its connection retries to java.util.logging (INFO, on stderr); the command's own
     * lines say what failed. Held here because JUL keeps loggers only weakly.
     */
    private static final Logger GITHUB_API_LOG = Logger.getLogger("org.kohsuke.github");

    /** Reads the environment: {@link System#getenv} in use, a map in tests. */
    private final Function<String, String> env;

    FileIssuesCommand() {
        this(System::getenv);
    }

    FileIssuesCommand(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        GITHUB_API_LOG.setLevel(Level.WARNING);
        Optional<String> token = Optional.ofNullable(env.apply("GITHUB_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
        UnaryOperator<String> redact = token.<UnaryOperator<String>>map(t -> s -> s.replace(t, "[GITHUB_TOKEN]")).orElse(s -> s);
        try {
            String api = Optional.ofNullable(env.apply("GITHUB_API_URL")).filter(s -> !s.isBlank())
                    .orElse(FilingOptions.DEFAULT_API.toString());
            RetryPolicy retry = new RetryPolicy(retryBase, maxWait, RetryPolicy.defaults().maxTries());
            FilingOptions options = FilingOptions.of(api, repo, label, retry, pace);
            List<IssueText> texts = IssueTexts.read(dir);
            if (texts.isEmpty()) {
                System.err.println("file-issues: no issue texts in " + dir.resolve("issues") + " (a64w triage writes them)");
            }
            FilingSummary summary = IssueFiler.run(texts, options, token, dryRun,
                    line -> System.out.println(redact.apply(line)), line -> System.err.println(redact.apply(line)));
            System.out.println(summary.line(options));
            return 0;
        } catch (FilingException e) {
            System.err.println(redact.apply(e.getMessage()));
            return switch (e.reason()) {
                case BAD_INPUT, BAD_TOKEN -> 2;
                case REMOTE -> 3;
            };
        }
    }
}
