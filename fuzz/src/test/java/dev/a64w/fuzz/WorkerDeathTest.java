package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.HarnessConfig;
import dev.a64w.gen.GeneratorConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes that die or hang on a case: the case is saved as a finding first (its module generated
 * again by the campaign), the worker is replaced, and the run goes on to check every other case. The faults
 * are played by {@link FaultyWorkerMain} on chosen cases.
 */
@Epic("fuzz")
@Feature("workers")
class WorkerDeathTest {
    static final long SEED = 11;

    @TempDir
    Path dir;

    static FuzzOptions options(Path out, long maxCases, int batch, Duration caseTimeout, Workers workers) {
        HarnessConfig h = HarnessConfig.defaults().withLlvm(false).withCranelift(false);
        return new FuzzOptions(Duration.ofMinutes(20), maxCases, SEED, out, 1, GeneratorConfig.skeleton(), h, Duration.ofMinutes(20),
                Duration.ZERO, false, batch, 1, caseTimeout, workers);
    }

    static Workers faulty(String... args) {
        return new Workers.Processes(FaultyWorkerMain.class.getName(), List.of(args));
    }

    record Ran(FuzzSummary summary, String progress) {
    }

    static Ran run(FuzzOptions o) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FuzzSummary s = new FuzzCampaign(o).run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Ran(s, bytes.toString(StandardCharsets.UTF_8));
    }

    static List<String> findings(Path out) throws IOException {
        if (!Files.isDirectory(out.resolve("subject"))) return List.of();
        try (Stream<Path> s = Files.list(out.resolve("subject"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".clif")).sorted().toList();
        }
    }

    /** The reproducer text of case {@code i}, made here the way a user would: from the seed. */
    static String caseText(long i) {
        CaseStream stream = options(Path.of("x"), 1, 1, Duration.ofSeconds(1), new Workers.Threads()).stream();
        return CaseFindings.regenerate(stream, i);
    }

    @Test
    void aCrashAHangAndAHarnessFailureAreEachSavedAndTheRunChecksEveryOtherCase() throws Exception {
        Path out = dir.resolve("out");
        Ran r = run(options(out, 9, 3, Duration.ofSeconds(20), faulty("halt=1", "hang=4", "fail=7")));

        List<String> files = findings(out);
        assertEquals(3, files.size(), files + "\n" + r.progress());
        Path crash = out.resolve("subject").resolve(files.stream().filter(f -> f.startsWith("worker-crash-")).findFirst().orElseThrow());
        Path hang = out.resolve("subject").resolve(files.stream().filter(f -> f.startsWith("timeout-")).findFirst().orElseThrow());
        Path failure = out.resolve("subject").resolve(files.stream().filter(f -> f.startsWith("oracle-error-")).findFirst().orElseThrow());
        assertTrue(crash.getFileName().toString().endsWith("-1.clif"), crash.toString());
        assertTrue(hang.getFileName().toString().endsWith("-4.clif"), hang.toString());
        assertTrue(failure.getFileName().toString().endsWith("-7.clif"), failure.toString());

        String c = Files.readString(crash);
        assertTrue(c.startsWith("; a64w finding: worker-crash: exit status 134 (SIGABRT); last stderr line: faulty worker: halting on case 1\n"), c);
        assertTrue(c.contains("; origin: a64w fuzz --seed " + SEED + " (case 1, case seed " + CaseSeeds.of(SEED, 1) + ")"), c);
        assertTrue(c.endsWith(caseText(1)), "the crash finding holds case 1 as generated from the seed, with run lines:\n" + c);
        assertTrue(c.contains("; run: "), c);
        String h = Files.readString(hang);
        assertTrue(h.startsWith("; a64w finding: timeout: case still running after 20s, worker killed (exit status 137 (SIGKILL)"), h);
        assertTrue(h.endsWith(caseText(4)), h);
        assertTrue(Files.readString(failure).contains("injected failure on case 7"));

        FuzzSummary s = r.summary();
        assertEquals(9, s.cases(), r.progress());
        assertEquals(3, s.findings());
        assertTrue(s.checkLines().contains("check valid: 6 pass, 0 mismatch, 3 error, 0 skipped"), s.checkLines().toString());
        assertTrue(s.checkLines().contains("check run: 6 pass, 0 mismatch, 3 error, 0 skipped"), s.checkLines().toString());
        assertEquals(3, s.bySignature().size(), s.bySignature().toString());
        assertTrue(r.progress().contains("died on case 1"), r.progress());
        assertTrue(r.progress().contains("hung on case 4"), r.progress());
        CampaignState state = CampaignState.read(out);
        assertEquals(9, state.casesDone());
        assertEquals(3, state.findings());
    }

    @Test
    void aBatchThatKillsItsWorkerIsCheckedCaseByCaseAndOutOfMemoryIsACrash() throws Exception {
        Path out = dir.resolve("out");
        Ran r = run(options(out, 6, 3, Duration.ofSeconds(60), faulty("oom=1", "halt-batch=4")));

        assertTrue(r.progress().contains("died on a batch of 3 cases"), r.progress());
        List<String> files = findings(out);
        assertEquals(2, files.size(), files + "\n" + r.progress());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("worker-crash-") && f.endsWith("-4.clif")), files.toString());
        String oom = files.stream().filter(f -> f.endsWith("-1.clif")).findFirst().orElseThrow();
        String text = Files.readString(out.resolve("subject").resolve(oom));
        // -XX:+ExitOnOutOfMemoryError: status 3, and the JVM says why on its stdout
        assertTrue(text.startsWith("; a64w finding: worker-crash: exit status 3; last output line: Terminating due to "
                + "java.lang.OutOfMemoryError"), text);
        assertEquals(6, r.summary().cases());
        assertEquals(2, r.summary().findings());
        assertTrue(r.summary().checkLines().contains("check valid: 4 pass, 0 mismatch, 2 error, 0 skipped"),
                r.summary().checkLines().toString());
    }

    @Test
    void threadsAndProcessesCountTheSameCasesTheSame() throws Exception {
        FuzzSummary threads = run(options(dir.resolve("t"), 5, 2, Duration.ofSeconds(60), new Workers.Threads())).summary();
        FuzzSummary processes = run(options(dir.resolve("p"), 5, 2, Duration.ofSeconds(60), Workers.Processes.standard())).summary();
        assertEquals(5, threads.cases());
        assertEquals(threads.checkLines(), processes.checkLines());
        assertEquals(threads.unwindFormLines(), processes.unwindFormLines());
        assertEquals(threads.subjectInstructions(), processes.subjectInstructions());
        assertEquals(threads.legShareLine(), processes.legShareLine());
        assertTrue(threads.subjectInstructions() > 0);
    }
}
