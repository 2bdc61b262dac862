package dev.a64w.findings.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GitHub client against the local stub: listing across pages, label, filing, errors, rate limits. */
@Epic("fuzz")
@Feature("findings")
class GitHubIssuesTest {
    static final String TOKEN = "ghp_TESTTOKEN0123456789abcdef";
    static final String REPO = "octo/compiler";

    final StubGitHub stub = new StubGitHub(REPO, TOKEN);
    final List<String> notes = new ArrayList<>();

    @AfterEach
    void close() {
        stub.close();
    }

    FilingOptions options(RetryPolicy retry) throws FilingException {
        return FilingOptions.of(stub.url(), REPO, FilingOptions.DEFAULT_LABEL, retry, Duration.ZERO);
    }

    FilingOptions options() throws FilingException {
        return options(new RetryPolicy(Duration.ofMillis(5), Duration.ofSeconds(2), 4));
    }

    @Test
    void listsEveryLabelledIssueOnAllPagesOpenAndClosed() throws Exception {
        for (int i = 0; i < 5; i++) {
            stub.addIssue("t" + i, "text\r\n" + IssueMarker.line("subject--sig" + i) + "\r\n", i % 2 == 0 ? "closed" : "open",
                    FilingOptions.DEFAULT_LABEL);
        }
        stub.addIssue("unlabelled", IssueMarker.line("subject--other"), "open");
        stub.addIssue("labelled, no marker", "just text", "open", FilingOptions.DEFAULT_LABEL);
        Map<String, String> filed = GitHubIssues.open(options(), TOKEN, notes::add).filed();
        assertEquals(List.of("subject--sig0", "subject--sig1", "subject--sig2", "subject--sig3", "subject--sig4"), List.copyOf(filed.keySet()));
        assertEquals("https://github.example/octo/compiler/issues/1", filed.get("subject--sig0"));
        List<RecordedRequest> pages = stub.requests("GET", "/repos/octo/compiler/issues");
        assertEquals(3, pages.size(), "6 labelled issues at 2 a page");
        for (RecordedRequest p : pages) {
            assertEquals(FilingOptions.DEFAULT_LABEL, p.getUrl().queryParameter("labels"));
            assertEquals("all", p.getUrl().queryParameter("state"));
        }
        assertEquals("3", pages.get(2).getUrl().queryParameter("page"));
        assertEquals(List.of("/repos/octo/compiler", "/repos/octo/compiler/issues", "/repos/octo/compiler/issues",
                "/repos/octo/compiler/issues"), stub.requests().stream().map(r -> r.getUrl().encodedPath()).toList(), "nothing else asked");
        assertEquals("Bearer " + TOKEN, pages.get(0).getHeaders().get("Authorization"));
    }

    IssueText text(String signature, String title) throws FilingException {
        return IssueText.parse(java.nio.file.Path.of("issues", signature + ".md"), IssueFixtures.text(signature, title));
    }

    static MockResponse rateLimited(int code, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"API rate limit exceeded for user ID 1.\"}");
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void filesWithTitleBodyAndLabelAndCreatesTheLabelOnce() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        github.ensureLabel();
        github.ensureLabel();
        String url = github.file(text("subject--mismatch-run-abc", "mismatch:run: iadd.i8 wraps wrong"));
        assertEquals("https://github.example/octo/compiler/issues/1", url);
        assertEquals(1, stub.requests("POST", "/repos/octo/compiler/labels").size(), "created once, found the second time");
        assertEquals(GitHubIssues.LABEL_COLOUR, stub.labels().get(FilingOptions.DEFAULT_LABEL));
        JsonNode post = StubGitHub.body(stub.requests("POST", "/repos/octo/compiler/issues").get(0));
        assertEquals("mismatch:run: iadd.i8 wraps wrong", post.get("title").asText());
        assertEquals(IssueFixtures.text("subject--mismatch-run-abc", "x").substring("# x\n\n".length()), post.get("body").asText());
        assertEquals("[\"" + FilingOptions.DEFAULT_LABEL + "\"]", post.get("labels").toString());
        assertEquals(Map.of("subject--mismatch-run-abc", url), github.filed(), "what was filed is found");
    }

    @Test
    void serverErrorIsOneLineWithStatusAndGitHubsMessageAndNotRetried() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        stub.failNext("POST", "/repos/octo/compiler/issues", StubGitHub.error(500, "Server Error"));
        FilingException e = assertThrows(FilingException.class, () -> github.file(text("subject--a", "t")));
        assertEquals(FilingException.Reason.REMOTE, e.reason());
        assertEquals("file-issues: GitHub answered 500 (Server Error) while filing issues/subject--a.md", e.getMessage());
        assertEquals(1, stub.requests("POST", "/repos/octo/compiler/issues").size(), "a POST that failed may have filed: not repeated");
    }

    @Test
    void validationErrorNamesTheFieldsGitHubNames() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        stub.failNext("POST", "/repos/octo/compiler/issues", new MockResponse.Builder().code(422).body(
                "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\",\"code\":\"custom\",\"field\":\"body\","
                        + "\"message\":\"body is too long (maximum is 65536 characters)\"}]}").build());
        FilingException e = assertThrows(FilingException.class, () -> github.file(text("subject--a", "t")));
        assertEquals("file-issues: GitHub answered 422 (Validation Failed; body is too long (maximum is 65536 characters)) while filing "
                + "issues/subject--a.md", e.getMessage());
    }

    @Test
    void rejectedTokenAndUnknownRepositoryAreTheUsersToFix() throws Exception {
        FilingException bad = assertThrows(FilingException.class, () -> GitHubIssues.open(options(), "ghp_wrong", notes::add));
        assertEquals(FilingException.Reason.BAD_TOKEN, bad.reason());
        assertEquals("file-issues: GitHub rejected GITHUB_TOKEN (401 Bad credentials) while reading repository octo/compiler", bad.getMessage());
        FilingException missing = assertThrows(FilingException.class, () -> GitHubIssues.open(
                FilingOptions.of(stub.url(), "octo/nothing", "L", RetryPolicy.defaults(), Duration.ZERO), TOKEN, notes::add));
        assertEquals(FilingException.Reason.BAD_TOKEN, missing.reason());
        assertTrue(missing.getMessage().startsWith("file-issues: GitHub answered 404 (not found) while reading repository octo/nothing: "),
                missing.getMessage());
        stub.failNext("GET", "/repos/octo/compiler", StubGitHub.error(403, "Resource not accessible by integration"));
        FilingException forbidden = assertThrows(FilingException.class, () -> GitHubIssues.open(options(), TOKEN, notes::add));
        assertEquals(FilingException.Reason.BAD_TOKEN, forbidden.reason());
        assertTrue(forbidden.getMessage().contains("403 Resource not accessible by integration"), forbidden.getMessage());
    }

    @Test
    void primaryRateLimitIsRetriedWithDoublingBackoff() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        String past = String.valueOf(java.time.Instant.now().getEpochSecond() - 5);
        stub.failNext("POST", "/repos/octo/compiler/issues", rateLimited(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", past));
        stub.failNext("POST", "/repos/octo/compiler/issues", rateLimited(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", past));
        github.file(text("subject--a", "t"));
        assertEquals(3, stub.requests("POST", "/repos/octo/compiler/issues").size());
        assertEquals(1, stub.issues().size(), "filed once");
        assertEquals(List.of(
                "file-issues: rate limited (403 API rate limit exceeded for user ID 1.) while filing issues/subject--a.md; try 2 in 5 ms",
                "file-issues: rate limited (403 API rate limit exceeded for user ID 1.) while filing issues/subject--a.md; try 3 in 10 ms"),
                notes);
    }

    @Test
    void secondaryRateLimitWaitsWhatRetryAfterSays() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(new RetryPolicy(Duration.ZERO, Duration.ofSeconds(5), 3)), TOKEN, notes::add);
        stub.failNext("GET", "/repos/octo/compiler/issues", rateLimited(429, "Retry-After", "1"));
        long start = System.nanoTime();
        assertEquals(Map.of(), github.filed());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "waited the second GitHub asked for");
        assertEquals(List.of("file-issues: rate limited (429 API rate limit exceeded for user ID 1.) while listing the issues labelled "
                + "a64w-finding in octo/compiler; try 2 in 1 s"), notes);
    }

    @Test
    void rateLimitBeyondTheBoundStopsWithTheResetTime() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        stub.failNext("POST", "/repos/octo/compiler/issues", rateLimited(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "4102444800"));
        FilingException e = assertThrows(FilingException.class, () -> github.file(text("subject--a", "t")));
        assertEquals(FilingException.Reason.REMOTE, e.reason());
        assertEquals("file-issues: GitHub rate limit (403 API rate limit exceeded for user ID 1.) while filing issues/subject--a.md: "
                + "the limit resets at 2100-01-01T00:00:00Z; gave up after 1 try and 0 ms of waiting (bound 2 s); "
                + "issues filed so far stay filed, run again later", e.getMessage());
        assertEquals(List.of(), notes, "no wait started that could not end within the bound");
    }

    @Test
    void rateLimitThatNeverEndsStopsAfterTheLastTry() throws Exception {
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        for (int i = 0; i < 5; i++) {
            stub.failNext("POST", "/repos/octo/compiler/issues", rateLimited(403, "gh-limited-by", "secondary"));
        }
        FilingException e = assertThrows(FilingException.class, () -> github.file(text("subject--a", "t")));
        assertEquals(4, stub.requests("POST", "/repos/octo/compiler/issues").size(), "the policy's 4 tries");
        assertTrue(e.getMessage().contains("GitHub did not say when the limit resets; gave up after 4 tries and 35 ms of waiting"),
                e.getMessage());
        assertEquals(0, stub.issues().size());
    }

    @Test
    void anIssueFiledWithoutTheLabelStopsTheRun() throws Exception {
        stub.addLabel(FilingOptions.DEFAULT_LABEL);
        stub.dropLabels();
        GitHubIssues github = GitHubIssues.open(options(), TOKEN, notes::add);
        FilingException e = assertThrows(FilingException.class, () -> github.file(text("subject--a", "t")));
        assertEquals(FilingException.Reason.BAD_TOKEN, e.reason());
        assertTrue(e.getMessage().startsWith("file-issues: GitHub filed https://github.example/octo/compiler/issues/1 without label "
                + "a64w-finding"), e.getMessage());
    }

    @Test
    void unreachableServerIsARemoteFailure() throws Exception {
        FilingOptions gone = FilingOptions.of(stub.url(), REPO, "L", RetryPolicy.defaults(), Duration.ZERO);
        stub.close();
        FilingException e = assertThrows(FilingException.class, () -> GitHubIssues.open(gone, TOKEN, notes::add));
        assertEquals(FilingException.Reason.REMOTE, e.reason());
        assertEquals("file-issues: cannot reach GitHub at " + gone.api() + " while reading repository octo/compiler (connection refused)",
                e.getMessage());
    }
}
