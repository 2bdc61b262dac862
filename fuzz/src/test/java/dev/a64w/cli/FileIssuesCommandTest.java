package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.a64w.findings.github.IssueFixtures;
import dev.a64w.findings.github.IssueMarker;
import dev.a64w.findings.github.StubGitHub;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code a64w file-issues} through the CLI entry point against a local stub of GitHub's API: the
 * environment (GITHUB_TOKEN, GITHUB_API_URL) is handed to the command by a factory, never set for the
 * JVM. Every run also checks that the token appears in none of the output.
 */
@Epic("fuzz")
@Feature("cli")
class FileIssuesCommandTest {
    static final String TOKEN = "ghp_SECRETsecret0123456789ABCDEF";
    static final String REPO = "octo/compiler";
    static final String LABEL = "a64w-finding";

    @TempDir
    Path dir;

    StubGitHub stub;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        stub = new StubGitHub(REPO, TOKEN);
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_API_URL", stub.url());
        IssueFixtures.write(dir, "subject--mismatch-run-a", "mismatch:run: srem.i8 of a negative dividend");
        IssueFixtures.write(dir, "subject--mismatch-object-b", "mismatch:object: PAGEOFFSET_12L target not 8-aligned");
        IssueFixtures.write(dir, "llvm-o2--mismatch-unwind-c", "mismatch:unwind: save_fplr_x at a wrong offset");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** Runs the CLI with {@link #env} as the command's environment; fails if the token shows. */
    Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> snapshot = Map.copyOf(env);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == FileIssuesCommand.class ? cls.cast(new FileIssuesCommand(snapshot::get)) : CommandLine.defaultFactory().create(cls);
            }
        };
        Run run;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(factory, args);
            run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertFalse(run.out.contains(TOKEN) || run.err.contains(TOKEN) || run.out.contains("SECRET") || run.err.contains("SECRET"),
                "the token leaked: " + run);
        return run;
    }

    Run file(String... extra) {
        List<String> args = new ArrayList<>(List.of("file-issues", dir.toString(), "--repo", REPO, "--retry-base", "5ms", "--pace", "0s"));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    List<RecordedRequest> posts() {
        return stub.requests("POST", "/repos/octo/compiler/issues");
    }

    static JsonNode json(RecordedRequest r) throws Exception {
        return new ObjectMapper().readTree(r.getBody().utf8());
    }

    @Test
    void firstRunFilesEachNewSignatureOnceAndTheSecondRunFilesNothing() throws Exception {
        stub.addIssue("filed last week, since closed", "old text\n" + IssueMarker.line("subject--mismatch-object-b"), "closed", LABEL);
        Run first = file();
        assertEquals(0, first.code, first.toString());
        assertEquals(List.of(
                "filed llvm-o2--mismatch-unwind-c: https://github.example/octo/compiler/issues/2",
                "filed subject--mismatch-run-a: https://github.example/octo/compiler/issues/3",
                "file-issues: filed 2, already filed 1, of 3 issue texts (octo/compiler, label a64w-finding)"), first.lines());
        assertEquals("", first.err);
        List<RecordedRequest> posts = posts();
        assertEquals(2, posts.size());
        JsonNode unwind = json(posts.get(0));
        assertEquals("mismatch:unwind: save_fplr_x at a wrong offset", unwind.get("title").asText());
        String text = IssueFixtures.text("llvm-o2--mismatch-unwind-c", "mismatch:unwind: save_fplr_x at a wrong offset");
        assertEquals(text.substring(text.indexOf("**Verdict")), unwind.get("body").asText());
        assertEquals("[\"a64w-finding\"]", unwind.get("labels").toString());
        assertEquals("mismatch:run: srem.i8 of a negative dividend", json(posts.get(1)).get("title").asText());
        assertEquals(1, stub.requests("POST", "/repos/octo/compiler/labels").size(), "the missing label was created");
        for (RecordedRequest r : stub.requests()) {
            assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"), "the token went to GitHub, and only in this header");
        }

        Run second = file();
        assertEquals(0, second.code, second.toString());
        assertEquals(List.of("file-issues: filed 0, already filed 3, of 3 issue texts (octo/compiler, label a64w-finding)"), second.lines());
        assertEquals(2, posts().size(), "nothing filed twice");
        assertEquals(1, stub.requests("POST", "/repos/octo/compiler/labels").size());
    }

    @Test
    void theListingIsReadAcrossPages() throws Exception {
        // 5 labelled issues at StubGitHub.PAGE a page: the last text's issue is on page 3
        stub.addIssue("other", IssueMarker.line("subject--x1"), "open", LABEL);
        stub.addIssue("other", IssueMarker.line("subject--x2"), "closed", LABEL);
        stub.addIssue("a", IssueMarker.line("subject--mismatch-run-a"), "open", LABEL);
        stub.addIssue("other", IssueMarker.line("subject--x3"), "open", LABEL);
        stub.addIssue("c", IssueMarker.line("llvm-o2--mismatch-unwind-c"), "closed", LABEL);
        stub.addIssue("b, but without the label", IssueMarker.line("subject--mismatch-object-b"), "open");
        Run run = file();
        assertEquals(0, run.code, run.toString());
        assertEquals("filed subject--mismatch-object-b: https://github.example/octo/compiler/issues/7", run.lines().get(0),
                "an issue without the label does not count: the label is the source of truth");
        assertEquals(3, stub.requests("GET", "/repos/octo/compiler/issues").size());
        assertEquals(1, posts().size());
    }

    @Test
    void labelOptionSelectsAndLabelsWithThatLabel() throws Exception {
        stub.addIssue("a", IssueMarker.line("subject--mismatch-run-a"), "open", LABEL);
        Run run = file("--label", "fuzz-bug", "--dry-run");
        assertEquals(0, run.code, run.toString());
        assertEquals(3, run.lines().size() - 1, "under label fuzz-bug nothing is filed yet: " + run);
        Run filed = file("--label", "fuzz-bug");
        assertEquals(0, filed.code, filed.toString());
        for (RecordedRequest p : posts()) {
            assertEquals("[\"fuzz-bug\"]", json(p).get("labels").toString());
        }
        assertTrue(stub.labels().containsKey("fuzz-bug"));
    }

    @Test
    void dryRunWithTokenShowsOnlyWhatIsNewAndWritesNothing() throws Exception {
        stub.addIssue("a", IssueMarker.line("subject--mismatch-run-a"), "open", LABEL);
        Run run = file("--dry-run");
        assertEquals(0, run.code, run.toString());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.toString());
        assertTrue(lines.get(0).matches("would file llvm-o2--mismatch-unwind-c: mismatch:unwind: save_fplr_x at a wrong offset \\(body \\d+ chars\\)"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("would file subject--mismatch-object-b: mismatch:object: PAGEOFFSET_12L"), lines.get(1));
        assertEquals("file-issues: dry run: would file 2, already filed 1, of 3 issue texts (octo/compiler, label a64w-finding)", lines.get(2));
        assertEquals(List.of(), stub.requests().stream().filter(r -> !r.getMethod().equals("GET")).toList(), "only reads");
    }

    @Test
    void dryRunWithoutTokenPrintsEveryIssueAndSaysItDidNotCheck() {
        env.remove("GITHUB_TOKEN");
        Run run = file("--dry-run");
        assertEquals(0, run.code, run.toString());
        assertEquals(4, run.lines().size());
        assertTrue(run.lines().get(2).startsWith("would file subject--mismatch-run-a: mismatch:run: srem.i8 of a negative dividend (body "));
        assertEquals("file-issues: dry run: would file 3 of 3 issue texts in octo/compiler, label a64w-finding; GITHUB_TOKEN is not set, "
                + "so which are filed already was not checked", run.lines().get(3));
        assertEquals(List.of(), stub.requests(), "no request without a token");
    }

    @Test
    void missingTokenIsOneLineAndExit2() {
        env.put("GITHUB_TOKEN", "  ");
        Run run = file();
        assertEquals(2, run.code);
        assertEquals("", run.out);
        assertEquals("file-issues: GITHUB_TOKEN is not set (it is needed to file issues; --dry-run works without it)\n", run.err);
        assertEquals(List.of(), stub.requests());
    }

    @Test
    void badTokenIsAClearErrorAndExit2() {
        env.put("GITHUB_TOKEN", "ghp_SECRETbutWrong");
        Run run = file();
        assertEquals(2, run.code, run.toString());
        assertEquals("file-issues: GitHub rejected GITHUB_TOKEN (401 Bad credentials) while reading repository octo/compiler\n", run.err);
        assertEquals(0, stub.issues().size());
    }

    @Test
    void apiErrorStopsWithStatusAndMessageAndExit3AndARerunContinues() {
        stub.addLabel(LABEL);
        stub.failAfter("POST", "/repos/octo/compiler/issues", 1, StubGitHub.error(502, "Server Error"));
        Run first = file();
        assertEquals(3, first.code, first.toString());
        assertEquals(List.of("filed llvm-o2--mismatch-unwind-c: https://github.example/octo/compiler/issues/1"), first.lines(),
                "what was filed before the error is reported");
        assertEquals("file-issues: GitHub answered 502 (Server Error) while filing issues/subject--mismatch-object-b.md\n", first.err);
        Run again = file();
        assertEquals(0, again.code, again.toString());
        assertEquals("file-issues: filed 2, already filed 1, of 3 issue texts (octo/compiler, label a64w-finding)", again.lines().get(2));
        assertEquals(3, stub.issues().size(), "each signature filed once over both runs");
        assertEquals(List.of("llvm-o2--mismatch-unwind-c", "subject--mismatch-object-b", "subject--mismatch-run-a"),
                stub.issues().stream().map(i -> IssueMarker.in(i.body()).get(0)).toList());
    }

    @Test
    void rateLimitIsRetriedWithBackoff() {
        stub.failNext("POST", "/repos/octo/compiler/issues", new MockResponse.Builder().code(403).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", "0").body("{\"message\":\"API rate limit exceeded\"}").build());
        stub.failNext("GET", "/repos/octo/compiler/issues", new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                .body("{\"message\":\"You have exceeded a secondary rate limit\"}").build());
        Run run = file();
        assertEquals(0, run.code, run.toString());
        assertEquals(List.of(
                "file-issues: rate limited (429 You have exceeded a secondary rate limit) while listing the issues labelled a64w-finding "
                        + "in octo/compiler; try 2 in 5 ms",
                "file-issues: rate limited (403 API rate limit exceeded) while filing issues/llvm-o2--mismatch-unwind-c.md; try 2 in 5 ms"),
                run.err.lines().toList());
        assertEquals(3, stub.issues().size());
        assertEquals(4, posts().size(), "3 issues, one of them tried twice");
    }

    @Test
    void rateLimitBeyondMaxWaitSaysWhenItResetsAndExit3() {
        stub.failNext("GET", "/repos/octo/compiler", new MockResponse.Builder().code(403).addHeader("X-RateLimit-Remaining", "0")
                .addHeader("X-RateLimit-Reset", "4102444800").body("{\"message\":\"API rate limit exceeded\"}").build());
        Run run = file("--max-wait", "30s");
        assertEquals(3, run.code, run.toString());
        assertEquals("file-issues: GitHub rate limit (403 API rate limit exceeded) while reading repository octo/compiler: the limit resets "
                + "at 2100-01-01T00:00:00Z; gave up after 1 try and 0 ms of waiting (bound 30 s); issues filed so far stay filed, "
                + "run again later\n", run.err);
    }

    @Test
    void aTokenThatCannotSetLabelsStopsAfterTheFirstIssueWithExit2() {
        stub.addLabel(LABEL);
        stub.dropLabels();
        Run run = file();
        assertEquals(2, run.code, run.toString());
        assertTrue(run.err.startsWith("file-issues: GitHub filed https://github.example/octo/compiler/issues/1 without label a64w-finding"),
                run.err);
        assertEquals(1, stub.issues().size());
    }

    @Test
    void badInputIsOneLineNamingTheFileAndExit2() throws Exception {
        IssueFixtures.writeRaw(dir, "subject--d.md", "no title line\n" + IssueMarker.line("subject--d") + "\n");
        Run run = file();
        assertEquals(2, run.code, run.toString());
        assertEquals(dir.resolve("issues").resolve("subject--d.md") + ": the first line is not a title line '# <title>'\n", run.err);
        assertEquals(List.of(), stub.requests(), "bad input is found before GitHub is asked");
        IssueFixtures.writeRaw(dir, "subject--d.md", "# t\nno marker\n");
        assertEquals(dir.resolve("issues").resolve("subject--d.md") + ": no marker line '<!-- a64w-signature: <side>--<signature> -->'\n",
                file("--dry-run").err);
        Run badRepo = cli("file-issues", dir.toString(), "--repo", "octo");
        assertEquals(2, badRepo.code);
        assertEquals("--repo: expected OWNER/NAME, got 'octo'\n", badRepo.err);
        Run badLabel = file("--label", "a,b");
        assertEquals(2, badLabel.code);
        assertTrue(badLabel.err.startsWith("--label: expected 1 to 50 characters, no comma"), badLabel.err);
        Run noDir = cli("file-issues", dir.resolve("nope").toString(), "--repo", REPO);
        assertEquals(2, noDir.code);
        assertEquals(dir.resolve("nope") + ": not a directory\n", noDir.err);
        env.put("GITHUB_API_URL", "ftp://example.com");
        assertEquals(2, file().code);
    }

    @Test
    void aTokenEchoedBackByTheServerIsRedacted() {
        stub.failNext("GET", "/repos/octo/compiler", StubGitHub.error(500, "cannot use " + TOKEN + " here"));
        Run run = file();
        assertEquals(3, run.code, run.toString());
        assertEquals("file-issues: GitHub answered 500 (cannot use [GITHUB_TOKEN] here) while reading repository octo/compiler\n", run.err);
    }

    @Test
    void theRealEntryPointKnowsTheCommand() {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.execute("file-issues", "--help"));
        } finally {
            System.setOut(oldOut);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--repo=OWNER/NAME") && help.contains("GITHUB_TOKEN") && !help.contains("--retry-base"), help);
    }

    @Test
    void noIssueTextsIsNothingToDo() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        Run run = cli("file-issues", empty.toString(), "--repo", REPO);
        assertEquals(0, run.code, run.toString());
        assertEquals("file-issues: no issue texts in " + empty.resolve("issues") + " (a64w triage writes them)\n", run.err);
        assertEquals(List.of(), stub.requests());
    }
}
