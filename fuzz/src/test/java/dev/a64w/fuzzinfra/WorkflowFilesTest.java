package dev.a64w.fuzzinfra;

import static dev.a64w.fuzzinfra.Workflows.a64wCalls;
import static dev.a64w.fuzzinfra.Workflows.at;
import static dev.a64w.fuzzinfra.Workflows.list;
import static dev.a64w.fuzzinfra.Workflows.map;
import static dev.a64w.fuzzinfra.Workflows.problems;
import static dev.a64w.fuzzinfra.Workflows.root;
import static dev.a64w.fuzzinfra.Workflows.run;
import static dev.a64w.fuzzinfra.Workflows.steps;
import static dev.a64w.fuzzinfra.Workflows.uses;
import static dev.a64w.fuzzinfra.Workflows.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The GitHub workflows where GitHub runs them ({@code .github/workflows/}): the nightly fuzz job
 * shards, caches, uploads, triages and files; the pull-request job runs the conformance build; and
 * every {@code ./a64w} command line in them names a command and options the CLI really has.
 */
@Epic("fuzz")
@Feature("ci")
class WorkflowFilesTest {
    static final Path NIGHTLY = root().resolve(".github/workflows/nightly-fuzz.yml");
    static final Path PR = root().resolve(".github/workflows/pr.yml");
    static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@(v\\d+(\\.\\d+){0,2}|[0-9a-f]{40})");

    static List<Map<String, Object>> stepsUsing(Map<String, Object> wf, String job, String action) {
        return steps(wf, job).stream().filter(s -> uses(s).startsWith(action + "@")).toList();
    }

    static String scripts(Map<String, Object> wf, String job) {
        return steps(wf, job).stream().map(Workflows::run).collect(Collectors.joining("\n"));
    }

    @Test
    void nightlyRunsOnASchedule() {
        Map<String, Object> wf = yaml(NIGHTLY);
        List<Object> schedule = list(wf, "on", "schedule");
        assertFalse(schedule.isEmpty());
        assertNotNull(at(schedule.getFirst(), "cron"), "the schedule has a cron line");
    }

    @Test
    void nightlyShardsTheFuzzingEachShardWithItsOwnSeed() {
        Map<String, Object> wf = yaml(NIGHTLY);
        List<Object> shards = list(wf, "jobs", "fuzz", "strategy", "matrix", "shard");
        assertTrue(shards.size() > 1, "more than one shard: " + shards);
        assertEquals(shards.size(), new HashSet<>(shards).size(), "distinct shards: " + shards);
        assertEquals(Boolean.FALSE, at(wf, "jobs", "fuzz", "strategy", "fail-fast"), "one shard failing must not cancel the others");

        String script = scripts(wf, "fuzz");
        List<List<String>> fuzz = a64wCalls(script).stream().filter(c -> c.getFirst().equals("fuzz")).toList();
        assertFalse(fuzz.isEmpty(), "the fuzz job runs a64w fuzz");
        assertTrue(fuzz.stream().anyMatch(c -> c.contains("--resume")), "a re-run resumes the shard's campaign: " + fuzz);
        List<String> fresh = fuzz.stream().filter(c -> c.contains("--seed")).findFirst()
                .orElseThrow(() -> new AssertionError("a new campaign gets an explicit seed: " + fuzz));
        String seedVar = fresh.get(fresh.indexOf("--seed") + 1).replace("$", "");
        String assignment = script.lines().filter(l -> l.strip().startsWith(seedVar + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("the seed variable " + seedVar + " is assigned in the script"));
        assertTrue(assignment.contains("github.run_id") && assignment.contains("matrix.shard"),
                "the seed comes from the run and the shard: " + assignment);
        assertTrue(fuzz.stream().allMatch(c -> c.contains("--jobs") && c.contains("--time")), fuzz.toString());
        // a resumed campaign takes its seed and directory from campaign.json: giving them again is an error
        assertTrue(fuzz.stream().allMatch(c -> c.contains("--resume") != (c.contains("--seed") || c.contains("--out"))), fuzz.toString());
    }

    @Test
    void nightlyCachesM2AndTheShardsCampaignsAndUploadsEachShardsFindings() {
        Map<String, Object> wf = yaml(NIGHTLY);
        List<Map<String, Object>> caches = new ArrayList<>(stepsUsing(wf, "fuzz", "actions/cache"));
        caches.addAll(stepsUsing(wf, "fuzz", "actions/cache/restore"));
        assertTrue(caches.stream().anyMatch(s -> String.valueOf(at(s, "with", "path")).contains("~/.m2")), "~/.m2 is cached");
        String shardDir = String.valueOf(at(wf, "jobs", "fuzz", "env", "DIR"));
        assertTrue(shardDir.contains("matrix.shard"), "each shard has its own directory: " + shardDir);
        Map<String, Object> campaign = caches.stream()
                .filter(s -> String.valueOf(at(s, "with", "path")).contains("env.DIR")).findFirst()
                .orElseThrow(() -> new AssertionError("the shard's campaign directory is restored from a cache"));
        String key = String.valueOf(at(campaign, "with", "key"));
        assertTrue(key.contains("matrix.shard") && key.contains("github.run_id"), "keyed on shard and run: " + key);
        assertFalse(stepsUsing(wf, "fuzz", "actions/cache/save").isEmpty(), "the campaign is saved even when the job fails");

        List<Map<String, Object>> uploads = stepsUsing(wf, "fuzz", "actions/upload-artifact");
        assertEquals(1, uploads.size());
        assertTrue(String.valueOf(at(uploads.getFirst(), "with", "name")).contains("matrix.shard"), "one artifact per shard");
        assertEquals("always()", uploads.getFirst().get("if"), "findings are uploaded whatever happened");
    }

    @Test
    void afterTheShardsTriageFilesIssuesForNewSignaturesWithTheRunsToken() {
        Map<String, Object> wf = yaml(NIGHTLY);
        Object needs = at(wf, "jobs", "triage", "needs");
        assertTrue(needs instanceof List<?> l ? l.contains("fuzz") : "fuzz".equals(needs), "triage waits for the shards: " + needs);
        assertEquals("write", at(wf, "jobs", "triage", "permissions", "issues"));
        assertEquals("read", at(wf, "permissions", "contents"), "the other jobs only read");
        assertEquals(null, at(wf, "permissions", "issues"), "only the triage job may write issues");
        List<Map<String, Object>> downloads = stepsUsing(wf, "triage", "actions/download-artifact");
        assertEquals(1, downloads.size());
        assertEquals("findings-shard-*", at(downloads.getFirst(), "with", "pattern"), "every shard's findings");

        List<List<String>> calls = a64wCalls(scripts(wf, "triage"));
        assertTrue(calls.stream().anyMatch(c -> c.getFirst().equals("triage")), "runs a64w triage: " + calls);
        List<List<String>> filing = calls.stream().filter(c -> c.getFirst().equals("file-issues")).toList();
        assertFalse(filing.isEmpty(), "runs a64w file-issues: " + calls);
        String script = scripts(wf, "triage");
        long toThisRepo = Pattern.compile("a64w file-issues [^\\n]*--repo \"?\\$\\{\\{ github\\.repository }}").matcher(script).results().count();
        assertEquals(filing.size(), toThisRepo, "every file-issues call files into this repository: " + script);
        Map<String, Object> fileStep = steps(wf, "triage").stream().filter(s -> run(s).contains("file-issues")).findFirst().orElseThrow();
        assertEquals("${{ secrets.GITHUB_TOKEN }}", at(fileStep, "env", "GITHUB_TOKEN"), "the token comes from the run's secret");
        int triageAt = indexOfRun(wf, "triage", "a64w triage");
        int fileAt = indexOfRun(wf, "triage", "a64w file-issues");
        assertTrue(triageAt < fileAt, "issue texts are written before they are filed");
    }

    static int indexOfRun(Map<String, Object> wf, String job, String text) {
        List<Map<String, Object>> steps = steps(wf, job);
        for (int i = 0; i < steps.size(); i++) {
            if (run(steps.get(i)).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no step of " + job + " runs " + text);
    }

    @Test
    void prRunsTheConformanceBuildWithACachedM2() throws Exception {
        Map<String, Object> wf = yaml(PR);
        assertTrue(at(wf, "on") instanceof Map<?, ?> on && on.containsKey("pull_request"), "runs on pull requests");
        String job = map(wf, "jobs").keySet().iterator().next();
        assertTrue(stepsUsing(wf, job, "actions/cache").stream().anyMatch(s -> String.valueOf(at(s, "with", "path")).contains("~/.m2")));
        String script = scripts(wf, job);
        assertTrue(Pattern.compile("mvn [^\\n]*verify[^\\n]*-Pconformance").matcher(script).find(), script);

        // the profile it names exists in the root pom
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root().resolve("pom.xml").toFile());
        NodeList ids = doc.getElementsByTagName("id");
        Set<String> profiles = new HashSet<>();
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getParentNode().getNodeName().equals("profile")) {
                profiles.add(ids.item(i).getTextContent().strip());
            }
        }
        assertTrue(profiles.contains("conformance"), "root pom profiles: " + profiles);
    }

    @Test
    void everyA64wCallInTheWorkflowsIsARealCommandWithRealOptions() {
        List<String> problems = new ArrayList<>();
        Set<String> commands = new HashSet<>();
        int calls = 0;
        for (Path p : Workflows.workflowFiles()) {
            for (List<String> call : a64wCalls(yaml(p))) {
                calls++;
                commands.add(call.getFirst());
                problems(call).forEach(pr -> problems.add(p.getFileName() + ": ./a64w " + String.join(" ", call) + ": " + pr));
            }
        }
        assertTrue(commands.containsAll(Set.of("fuzz", "triage", "file-issues")), "commands called: " + commands);
        assertTrue(calls >= 5, calls + " calls");
        assertEquals(List.of(), problems);
    }

    /** Positive controls of the check above: it flags what a64w does not have, and passes what it has. */
    @Test
    void theCallCheckFlagsUnknownCommandsAndOptions() {
        assertEquals(List.of(List.of("fuzz", "--time", "4h", "--jobs", "2", "--out", "$DIR")),
                a64wCalls("set +e\n./a64w fuzz --time \"4h\" \\\n  --jobs 2 --out \"$DIR\" 2>&1 | tee fuzz.log\n"));
        assertEquals(List.of(List.of("--help")), a64wCalls("./a64w --help > /dev/null"));
        assertEquals(List.of(), problems(List.of("fuzz", "--time", "4h", "--jobs", "2", "--seed", "7", "--out", "d")));
        assertEquals(List.of(), problems(List.of("--help")));
        assertEquals(1, problems(List.of("fuzz", "--time", "4h", "--no-such-option", "1")).size());
        assertEquals(1, problems(List.of("no-such-command", "x")).size());
        assertEquals(1, problems(List.of("--no-such-root-option")).size());
    }

    @Test
    void everyActionIsPinnedToAMajorVersionOrACommit() {
        List<String> loose = new ArrayList<>();
        int seen = 0;
        for (Path p : Workflows.workflowFiles()) {
            Map<String, Object> wf = yaml(p);
            for (String job : map(wf, "jobs").keySet()) {
                for (Map<String, Object> step : steps(wf, job)) {
                    String u = uses(step);
                    if (!u.isEmpty()) {
                        seen++;
                        if (!PINNED.matcher(u).matches()) {
                            loose.add(p.getFileName() + ": " + u);
                        }
                    }
                }
            }
        }
        assertTrue(seen > 10, seen + " actions");
        assertEquals(List.of(), loose);
        assertFalse(PINNED.matcher("actions/checkout@main").matches(), "a branch is not a pin");
    }

    @Test
    void theStaleCopiesInCiAreGone() {
        assertFalse(Files.exists(root().resolve("ci/nightly-fuzz.yml")));
        assertFalse(Files.exists(root().resolve("ci/clusterfuzzlite")));
    }
}
