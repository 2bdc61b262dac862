package dev.a64w.fuzz;

import dev.a64w.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.a64w.cli.Main;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code a64w fuzz} run killed mid-way ({@code kill -9}, and SIGTERM), then continued with
 * {@code --resume}: no finding written before the kill is lost or changed, the cases checked before are not
 * checked again, the workers of the killed run are gone, and the resumed summary covers every case. The
 * findings are a harness failure the worker writes (case 2) and a worker crash the campaign writes (case 5),
 * played by {@link FaultyWorkerMain}.
 */
@Epic("fuzz")
@Feature("workers")
class CampaignKillTest {
    static final int CASES = 20;
    static final long SEED = 5;

    @TempDir
    Path dir;

    @Test
    void killNineThenResume() throws Exception {
        killThenResume(true);
    }

    @Test
    void sigtermThenResume() throws Exception {
        killThenResume(false);
    }

    private void killThenResume(boolean forcibly) throws Exception {
        Path out = dir.resolve("out");
        Process parent = startParent(out);
        waitUntilMidway(parent, out);
        Map<String, String> before = findingFiles(out);
        TreeSet<Long> doneBefore = done(CampaignState.read(out));
        List<ProcessHandle> workers = parent.toHandle().descendants().toList();
        assertTrue(!workers.isEmpty(), "the run has worker processes");

        if (forcibly) {
            parent.destroyForcibly();
        } else {
            parent.destroy();
        }
        assertTrue(parent.waitFor(60, TimeUnit.SECONDS), "the parent ends");
        for (ProcessHandle w : workers) {
            try {
                w.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("worker process " + w.pid() + " still runs 60 s after its parent ended");
            }
        }
        String err = Files.readString(dir.resolve("parent.err()"));
        if (!forcibly) {
            assertEquals(143, parent.exitValue(), err);
            assertTrue(err.contains("fuzz: stopped after "), err);
            assertTrue(err.contains("go on with: a64w fuzz --resume " + out), err);
        }
        CampaignState stopped = CampaignState.read(out);
        TreeSet<Long> doneAtStop = done(stopped);
        assertTrue(doneAtStop.containsAll(doneBefore), "campaign.json does not go back: " + doneBefore + " then " + doneAtStop);
        assertTrue(doneAtStop.size() < CASES, "stopped mid-way: " + doneAtStop);

        Path trace = dir.resolve("resumed-trace.txt");
        CliRun resumed = cli("fuzz", "--resume", out.toString(), "--jobs", "1", "--time", "10m",
                "--worker-main", FaultyWorkerMain.class.getName(), "--worker-arg", "fail=2", "--worker-arg", "halt=5",
                "--worker-arg", "trace=" + trace);

        assertEquals(1, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("fuzz: resuming seed " + SEED + ", " + doneAtStop.size() + " cases checked before"), resumed.err());
        List<String> lines = resumed.out().lines().toList();
        assertTrue(lines.getLast().matches("fuzz: " + CASES + " cases, 2 findings, [0-9.]+ cases/s, seed " + SEED), resumed.out());
        Map<String, String> after = findingFiles(out);
        before.forEach((f, text) -> assertEquals(text, after.get(f), "finding " + f + " kept as it was"));
        assertEquals(2, after.size(), after.keySet().toString());

        TreeSet<Long> rechecked = new TreeSet<>();
        if (Files.exists(trace)) {
            Files.readAllLines(trace).forEach(l -> rechecked.add(Long.parseLong(l.strip())));
        }
        for (long i : rechecked) {
            assertTrue(!doneAtStop.contains(i), "case " + i + " was checked before the stop and again after: " + rechecked);
        }
        TreeSet<Long> all = new TreeSet<>(doneAtStop);
        all.addAll(rechecked);
        for (long i = 0; i < CASES; i++) {
            assertTrue(all.contains(i), "case " + i + " checked in one of the runs");
        }
        assertEquals(CASES, CampaignState.read(out).casesDone());
        assertTrue(lines.contains("check valid: " + (CASES - 2) + " pass, 0 mismatch, 2 error, 0 skipped"), resumed.out());
    }

    private Process startParent(Path out) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(ProcessWorker.inheritedJvmOptions());
        String root = System.getProperty("a64w.root");
        if (root != null) cmd.add("-Da64w.root=" + root);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "fuzz",
                "--seed", "" + SEED, "--jobs", "1", "--batch", "2", "--max-cases", "" + CASES, "--time", "10m",
                "--no-llvm", "--no-cranelift", "--level", "skeleton", "--out", out.toString(),
                "--worker-main", FaultyWorkerMain.class.getName(), "--worker-arg", "fail=2", "--worker-arg", "halt=5"));
        return new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("parent.out()").toFile())
                .redirectError(dir.resolve("parent.err()").toFile())
                .start();
    }

    /** Waits until both findings are on disk and at least 8 cases are marked checked. */
    private void waitUntilMidway(Process parent, Path out) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < until) {
            if (!parent.isAlive()) {
                fail("the run ended before it was killed (exit " + parent.exitValue() + "):\n" + Files.readString(dir.resolve("parent.err()")));
            }
            if (Files.exists(out.resolve(CampaignState.FILE))) {
                CampaignState s = CampaignState.read(out);
                Map<String, String> f = findingFiles(out);
                if (s.casesDone() >= 8 && f.keySet().stream().anyMatch(n -> n.endsWith("-2.clif"))
                        && f.keySet().stream().anyMatch(n -> n.endsWith("-5.clif"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        parent.destroyForcibly();
        fail("no midway point within 5 minutes:\n" + Files.readString(dir.resolve("parent.err()")));
    }

    private static TreeSet<Long> done(CampaignState s) {
        TreeSet<Long> out = new TreeSet<>();
        for (long[] r : s.done()) {
            for (long i = r[0]; i < r[1]; i++) out.add(i);
        }
        return out;
    }

    private static Map<String, String> findingFiles(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path subject = out.resolve("subject");
        if (!Files.isDirectory(subject)) return files;
        try (Stream<Path> s = Files.list(subject)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".clif")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }


    static CliRun cli(String... args) {
        return CliRun.of(args);
    }
}
