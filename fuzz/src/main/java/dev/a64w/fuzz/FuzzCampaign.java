package dev.a64w.fuzz;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
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
 * {@link CaseSeeds#of}(seed, i), so a seed repeats a run. A case gives one finding per side whose
 * verdict is a finding (the subject, LLVM O0, LLVM O2), each written first to that side's subfolder
 * of the store ({@code subject/}, {@code llvm-o0/}, {@code llvm-o2/}), then counted by signature;
 * the first finding of each signature is then reduced and written again under
 * {@code <side>/reduced/<signature>.clif}. Case {@code i}'s Cranelift leg uses
 * {@link CraneliftVariant#forCase}(i), written into every reproducer's header and kept while reducing. Progress goes to {@code progress} every few
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
    private final CampaignStats stats;
    private final UnwindFormTally unwindForms = new UnwindFormTally();
    private final Map<String, Long> llvmSkips = new ConcurrentHashMap<>();
    private final Map<String, Long> craneliftSkips = new ConcurrentHashMap<>();
    private final Map<Side, Long> bySide = new ConcurrentHashMap<>();

    public FuzzCampaign(FuzzOptions options) {
        this.options = options;
        this.store = new FindingStore(options.out());
        this.stats = options.stats() ? new CampaignStats() : null;
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
                tally.lines(), stats == null ? List.of() : stats.lines(), new TreeMap<>(llvmSkips),
                new java.util.EnumMap<>(bySide.isEmpty() ? Map.of(Side.SUBJECT, 0L) : bySide), unwindForms.lines(),
                new TreeMap<>(craneliftSkips));
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
        CraneliftVariant variant = CraneliftVariant.forCase(i);
        Map<Side, Verdict> found;
        try {
            List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
            CaseReport report = harness.check(name, gc.module(), invs, variant);
            tally.add(report);
            if (stats != null) stats.add(gc.module(), report);
            unwindForms.add(report);
            report.llvmSkipReason().ifPresent(r -> llvmSkips.merge(Signature.normalize(r), 1L, Long::sum));
            report.results().stream()
                    .filter(r -> r.check().side() == Side.CRANELIFT && r.verdict() instanceof Verdict.Unsupported)
                    .forEach(r -> craneliftSkips.merge(Signature.normalize(r.verdict().detail()), 1L, Long::sum));
            if (report.verdict() instanceof Verdict.Unsupported) {
                unsupported.incrementAndGet();
            }
            found = report.findings();
        } catch (RuntimeException e) {
            tally.addHarnessFailure();
            found = Map.of(Side.SUBJECT, new Verdict.OracleError("harness failure: " + e));
        }
        if (found.isEmpty()) return;
        String origin = "a64w fuzz --seed " + options.seed() + " (case " + i + ", case seed " + caseSeed + ")";
        Module repro;
        try {
            repro = Reproducer.withRunLines(gc, options.harness().fuel());
        } catch (RuntimeException e) {
            repro = gc.module();
        }
        for (Map.Entry<Side, Verdict> f : found.entrySet()) {
            record(harness, f.getKey(), f.getValue(), i, origin, repro, variant);
        }
    }

    /** Saves one side's finding in that side's subfolder, counts it, and reduces the first of its signature. */
    private void record(Harness harness, Side side, Verdict verdict, long i, String origin, Module repro, CraneliftVariant variant) {
        FindingStore sideStore = store.subfolder(side.id());
        String signature = Signature.of(verdict);
        String head = variant.header() + "\n";
        sideStore.save(signature + "-" + i, verdict, origin, head + Printer.print(repro));
        findings.incrementAndGet();
        bySide.merge(side, 1L, Long::sum);
        boolean first = bySignature.merge(side.id() + "/" + signature, 1L, Long::sum) == 1L;
        if (first && options.reduceBudget().toMillis() > 0) {
            try {
                ReduceResult r = new FindingReducer(harness, options.harness().fuel())
                        .reduce(repro, side, signature, options.reduceBudget(), line -> { }, variant);
                sideStore.saveReduced(signature, verdict, origin + ", reduced in " + r.predicateCalls() + " checks ("
                        + r.stop() + ")", head + Printer.print(r.reduced()));
            } catch (RuntimeException e) {
                sideStore.saveReduced(signature, verdict, origin + ", reduction failed: " + e, head + Printer.print(repro));
            }
        }
    }
}
