package dev.a64w.fuzz;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Verdict;
import dev.a64w.findings.FindingStore;
import dev.a64w.findings.Signature;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Printer;
import dev.a64w.reduce.ReduceResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates and checks cases until the time or case limit is reached, on {@code jobs} threads
 * (each with its own harness and LLVM worker). Case {@code i} always comes from seed
 * {@link CaseSeeds#of}(seed, i), so a seed repeats a run. Every finding is written to the store
 * first, then counted by signature; the first finding of each signature is then reduced and
 * written again under {@code reduced/<signature>.clif}. Progress goes to {@code progress} every few
 * seconds.
 */
public final class FuzzCampaign {
    private final FuzzOptions options;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong findings = new AtomicLong();
    private final AtomicLong unsupported = new AtomicLong();
    private final Map<String, Long> bySignature = new ConcurrentHashMap<>();
    private final FindingStore store;
    private final CheckTally tally = new CheckTally();

    public FuzzCampaign(FuzzOptions options) {
        this.options = options;
        this.store = new FindingStore(options.out());
    }

    public FuzzSummary run(PrintStream progress) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + options.time().toNanos();
        Thread[] workers = new Thread[options.jobs()];
        for (int j = 0; j < workers.length; j++) {
            workers[j] = Thread.ofPlatform().name("fuzz-job-" + j).start(() -> work(deadline));
        }
        long nextReport = System.nanoTime() + options.progressEvery().toNanos();
        while (anyAlive(workers)) {
            for (Thread w : workers) w.join(200);
            if (System.nanoTime() >= nextReport) {
                double secs = (System.nanoTime() - start) / 1e9;
                progress.printf(java.util.Locale.ROOT, "fuzz: %d cases, %.1f cases/s, %d findings, %d unsupported (%.0fs)%n",
                        done.get(), done.get() / secs, findings.get(), unsupported.get(), secs);
                nextReport += options.progressEvery().toNanos();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FuzzSummary(done.get(), findings.get(), unsupported.get(), seconds, options.seed(), new TreeMap<>(bySignature),
                tally.lines());
    }

    private static boolean anyAlive(Thread[] workers) {
        for (Thread w : workers) if (w.isAlive()) return true;
        return false;
    }

    private void work(long deadline) {
        Generator generator = new Generator(options.generator());
        try (Harness harness = new Harness(options.harness())) {
            while (System.nanoTime() < deadline) {
                long i = next.getAndIncrement();
                if (i >= options.maxCases()) return;
                checkOne(generator, harness, i);
                done.incrementAndGet();
            }
        }
    }

    private void checkOne(Generator generator, Harness harness, long i) {
        long caseSeed = CaseSeeds.of(options.seed(), i);
        String name = "case-" + i;
        GeneratedCase gc = generator.generate(new SeededSource(caseSeed));
        Verdict verdict;
        CaseReport report = null;
        try {
            List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
            report = harness.check(name, gc.module(), invs);
            verdict = report.verdict();
            tally.add(report);
        } catch (RuntimeException e) {
            tally.addHarnessFailure();
            verdict = new Verdict.OracleError("harness failure: " + e);
        }
        if (verdict instanceof Verdict.Unsupported) {
            unsupported.incrementAndGet();
            return;
        }
        if (!verdict.isFinding()) return;
        String origin = "a64w fuzz --seed " + options.seed() + " (case " + i + ", case seed " + caseSeed + ")";
        Module repro;
        try {
            repro = Reproducer.withRunLines(gc, options.harness().fuel());
        } catch (RuntimeException e) {
            repro = gc.module();
        }
        String signature = Signature.of(verdict);
        store.save(signature + "-" + i, verdict, origin, Printer.print(repro));
        findings.incrementAndGet();
        boolean first = bySignature.merge(signature, 1L, Long::sum) == 1L;
        if (first && options.reduceBudget().toMillis() > 0) {
            try {
                ReduceResult r = new FindingReducer(harness, options.harness().fuel())
                        .reduce(repro, signature, options.reduceBudget(), line -> { });
                store.saveReduced(signature, verdict, origin + ", reduced in " + r.predicateCalls() + " checks ("
                        + r.stop() + ")", Printer.print(r.reduced()));
            } catch (RuntimeException e) {
                store.saveReduced(signature, verdict, origin + ", reduction failed: " + e, Printer.print(repro));
            }
        }
    }
}
