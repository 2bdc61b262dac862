package dev.a64w.fuzzinfra;

import static dev.a64w.fuzzinfra.Workflows.at;
import static dev.a64w.fuzzinfra.Workflows.list;
import static dev.a64w.fuzzinfra.Workflows.read;
import static dev.a64w.fuzzinfra.Workflows.root;
import static dev.a64w.fuzzinfra.Workflows.steps;
import static dev.a64w.fuzzinfra.Workflows.uses;
import static dev.a64w.fuzzinfra.Workflows.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ClusterFuzzLite's files where it reads them ({@code .clusterfuzzlite/}) and its two workflows: a
 * JVM project on libFuzzer under {@code address}, the build script copied in by the Dockerfile, code-change
 * fuzzing of pull requests and batch fuzzing (with the pruning it requires) on a schedule, and a
 * build script whose default targets are exactly the project's Jazzer fuzz tests.
 * ({@code CfliteLocalConformanceTest} builds and runs them.)
 */
@Epic("fuzz")
@Feature("ci")
class ClusterFuzzLiteFilesTest {
    static final Path CFL = root().resolve(".clusterfuzzlite");
    static final String BUILD = "google/clusterfuzzlite/actions/build_fuzzers@v1";
    static final String RUN = "google/clusterfuzzlite/actions/run_fuzzers@v1";

    @Test
    void projectYamlIsAJvmProjectOnLibFuzzerUnderAddress() {
        Map<String, Object> p = yaml(CFL.resolve("project.yaml"));
        assertEquals("jvm", p.get("language"));
        assertEquals(List.of("libfuzzer"), p.get("fuzzing_engines"));
        assertEquals(List.of("address"), p.get("sanitizers"));
    }

    @Test
    void dockerfileBuildsOnTheJvmBuilderAndCopiesTheBuildScriptFromClusterFuzzLitesDirectory() {
        List<String> lines = read(CFL.resolve("Dockerfile")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals("FROM gcr.io/oss-fuzz-base/base-builder-jvm", lines.getFirst());
        assertTrue(lines.contains("COPY . $SRC/a64w"), lines.toString());
        assertTrue(lines.contains("COPY .clusterfuzzlite/build.sh $SRC/build.sh"), lines.toString());
        assertTrue(lines.contains("WORKDIR $SRC/a64w"), lines.toString());
        assertTrue(Files.isExecutable(CFL.resolve("build.sh")), "build.sh is executable");
    }

    @Test
    void prWorkflowFuzzesCodeChangesOfPullRequests() {
        Map<String, Object> wf = yaml(root().resolve(".github/workflows/cflite-pr.yml"));
        assertTrue(at(wf, "on") instanceof Map<?, ?> on && on.containsKey("pull_request"), "runs on pull requests");
        Map<String, Object> run = oneStep(wf, RUN);
        assertEquals("code-change", at(run, "with", "mode"));
        assertEquals("jvm", at(oneStep(wf, BUILD), "with", "language"));
        assertTrue(((Number) at(run, "with", "fuzz-seconds")).intValue() > 0);
        assertEquals(List.of("address"), at(wf, "jobs", "PR", "strategy", "matrix", "sanitizer"));
    }

    @Test
    void batchWorkflowFuzzesOnAScheduleAndPrunesTheCorpus() {
        Map<String, Object> wf = yaml(root().resolve(".github/workflows/cflite-batch.yml"));
        assertFalse(list(wf, "on", "schedule").isEmpty(), "runs on a schedule");
        List<String> modes = new ArrayList<>();
        for (String job : Workflows.map(wf, "jobs").keySet()) {
            for (Map<String, Object> s : steps(wf, job)) {
                if (uses(s).equals(BUILD)) {
                    assertEquals("jvm", at(s, "with", "language"), job);
                }
                if (uses(s).equals(RUN)) {
                    modes.add(String.valueOf(at(s, "with", "mode")));
                }
            }
        }
        assertEquals(List.of("batch", "prune"), modes);
    }

    static Map<String, Object> oneStep(Map<String, Object> wf, String action) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String job : Workflows.map(wf, "jobs").keySet()) {
            steps(wf, job).stream().filter(s -> uses(s).equals(action)).forEach(found::add);
        }
        assertEquals(1, found.size(), "steps using " + action);
        return found.getFirst();
    }

    static final Pattern DEFAULT_TARGETS = Pattern.compile("A64W_FUZZ_TARGETS:-\"([^\"]*)\"");
    static final Pattern FUZZ_TEST = Pattern.compile("@FuzzTest(?:\\([^)]*\\))?\\s+(?:public\\s+)?void\\s+(\\w+)\\s*\\(");

    /** Class#method of every Jazzer {@code @FuzzTest} in the test sources of the fuzz and checkers modules. */
    static TreeSet<String> fuzzTestsInSources() throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (String module : List.of("fuzz", "checkers")) {
            Path src = root().resolve(module + "/src/test/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String cls = src.relativize(f).toString().replace(".java", "").replace('/', '.');
                    Matcher m = FUZZ_TEST.matcher(read(f));
                    while (m.find()) {
                        out.add(cls + "#" + m.group(1));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void buildScriptsDefaultTargetsAreEveryFuzzTestButTheCanary() throws IOException {
        Matcher m = DEFAULT_TARGETS.matcher(read(CFL.resolve("build.sh")));
        assertTrue(m.find(), "build.sh has a default target list");
        TreeSet<String> defaults = new TreeSet<>(List.of(m.group(1).trim().split("\\s+")));
        TreeSet<String> expected = fuzzTestsInSources();
        String canary = CrashCanaryFuzzTest.class.getName() + "#crashesOnMagicPrefix";
        assertTrue(expected.remove(canary), "the canary is found among the fuzz tests: " + expected);
        assertTrue(expected.size() >= 4, "fuzz tests found: " + expected);
        assertEquals(expected, defaults);
        assertTrue(read(root().resolve("ci/cflite-local.sh")).contains("CANARY=" + canary), "the local run adds the canary");
    }
}
