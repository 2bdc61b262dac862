package dev.a64w.fuzzinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The distributed build, here: {@code ci/cflite-local.sh} runs {@code .clusterfuzzlite/build.sh}
 * with temporary SRC/OUT/WORK directories, runs every target it built with the runner's libFuzzer
 * arguments for 10 s, replays inputs, and has the crash canary find, write and replay its crash.
 * This test asserts the script's verdict and its per-target lines: every Jazzer fuzz test of the
 * sources was built and executed inputs. Part of {@code mvn verify -Pconformance} only (a full
 * Maven build of a copy of the tree plus about a minute per target).
 */
@Epic("fuzz")
@Feature("ci")
@Tag("conformance")
class CfliteLocalConformanceTest {
    static final Pattern TARGET_LINE = Pattern.compile(
            "cflite-local: (\\w+): (\\d+) executions in (\\d+) s, ([\\d.]+) exec/s .*, cov (\\S+), .*replay ok");

    @Test
    void theClusterFuzzLiteBuildRunsEveryTargetAndACrashReplays() throws IOException, InterruptedException {
        Path root = Workflows.root();
        Path log = root.resolve("fuzz/target/cflite-local.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("bash", root.resolve("ci/cflite-local.sh").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("ci/cflite-local.sh did not finish in 40 minutes; its output so far: " + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Allure.addAttachment("ci/cflite-local.sh", "text/plain", out);
        System.out.println(out);
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.getLast().matches("cflite-local: \\d+ targets ok, crash replay ok"), lines.getLast());

        for (String target : ClusterFuzzLiteFilesTest.fuzzTestsInSources()) {
            String cls = target.substring(target.lastIndexOf('.') + 1, target.indexOf('#'));
            String name = cls + "_" + target.substring(target.indexOf('#') + 1);
            if (target.startsWith(CrashCanaryFuzzTest.class.getName() + "#")) {
                assertTrue(out.contains("cflite-local: " + name + ": fuzzing found the crash"), "the canary's crash was found: " + out);
                long replays = lines.stream().filter(l -> l.startsWith("cflite-local: " + name + ": replay of ")
                        && l.contains("== Java Exception: ") && l.contains("CanaryCrash") && !l.contains("exit 0,")).count();
                assertEquals(2, replays, "the found and the hand-made crash replay with a non-zero exit: " + out);
                continue;
            }
            Matcher m = lines.stream().map(TARGET_LINE::matcher).filter(x -> x.matches() && x.group(1).equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no result line for " + name + ":\n" + out));
            assertTrue(Long.parseLong(m.group(2)) > 0, name + " executed inputs: " + m.group());
        }
    }
}
