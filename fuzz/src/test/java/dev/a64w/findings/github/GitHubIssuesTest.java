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
        assertEquals("token " + TOKEN, pages.get(0).getHeaders().get("Authorization"));
    }
}
