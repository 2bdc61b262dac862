package dev.a64w.fuzz;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseInput;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.CheckResult;
import dev.a64w.diff.SymbolPrefix;
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
import java.util.ArrayList;
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
    private final LegShare share;
    private final AtomicLong legCases = new AtomicLong();
    private final AtomicLong instructions = new AtomicLong();

    public FuzzCampaign(FuzzOptions options) {
        this.options = options;
        this.store = new FindingStore(options.out());
        this.stats = options.stats() ? new CampaignStats() : null;
        this.share = new LegShare(options.legShare());
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
                new TreeMap<>(craneliftSkips),
                "other legs (LLVM, Cranelift) on " + share.describe() + ": " + legCases.get() + " of " + done.get() + " cases", instructions.get());
    }

    private static boolean anyAlive(Thread[] workers) {
        for (Thread w : workers) if (w.isAlive()) return true;
        return false;
    }

    private void work(long deadline) {
        Generator generator = new Generator(options.generator());
        try (Harness harness = new Harness(options.harness())) {
            while (System.nanoTime() < deadline) {
                long first = next.getAndAdd(options.batch());
                if (first >= options.maxCases()) return;
                long end = Math.min(first + options.batch(), options.maxCases());
                checkBatch(generator, harness, first, end);
            }
        }
    }

    /** One generated case on its way through a batch. */
    private record Member(long index, GeneratedCase gc, CaseInput input) {
    }

    /** Checks cases {@code first} to {@code end} (exclusive) together, then records each. */
    private void checkBatch(Generator generator, Harness harness, long first, long end) {
        List<Member> members = new ArrayList<>();
        for (long i = first; i < end; i++) {
            GeneratedCase gc = generator.generate(new SeededSource(CaseSeeds.of(options.seed(), i)));
            List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
            boolean legs = share.includes(options.seed(), i);
            if (legs) legCases.incrementAndGet();
            members.add(new Member(i, gc, new CaseInput("case-" + i, gc.module(), invs, CraneliftVariant.forCase(i), legs,
                    end - first > 1 ? SymbolPrefix.forMember(i) : SymbolPrefix.NONE)));
        }
        List<CaseReport> reports;
        try {
            reports = harness.checkAll(members.stream().map(Member::input).toList());
        } catch (RuntimeException e) {
            // blame the case that breaks the harness: check each on its own
            reports = null;
        }
        for (int k = 0; k < members.size(); k++) {
            Member m = members.get(k);
            checkOne(harness, m, reports == null ? null : reports.get(k));
            done.incrementAndGet();
        }
    }

    /**
     * Records one case. A case that had a finding in a batch is checked again on its own, so that its
     * reproducer, artifacts and signature are those of the case alone; a finding seen only in the
     * batch is kept, and says so.
     */
    private void checkOne(Harness harness, Member m, CaseReport batched) {
        long i = m.index();
        GeneratedCase gc = m.gc();
        CraneliftVariant variant = m.input().variant();
        CaseInput alone = new CaseInput(m.input().name(), gc.module(), m.input().invocations(), variant, m.input().otherLegs(),
                SymbolPrefix.NONE);
        Map<Side, Verdict> found;
        try {
            CaseReport report = batched;
            Module checked = m.input().checkedModule();
            if (report != null && !m.input().prefix().isNone() && !report.findings().isEmpty()) {
                report = withoutPrefix(report, m.input().prefix());
            }
            if (report == null || (!m.input().prefix().isNone() && afterTheLink(report))) {
                CaseReport single = harness.checkAll(List.of(alone)).getFirst();
                if (report == null || !single.findings().isEmpty()) {
                    report = single;
                    checked = gc.module();
                } else {
                    report = onlyInBatch(report);
                }
            }
            tally.add(report);
            instructions.addAndGet(report.subjectInstructions());
            if (stats != null) stats.add(checked, report);
            unwindForms.add(report);
            String prefix = m.input().prefix().prefix();
            report.llvmSkipReason().ifPresent(r -> llvmSkips.merge(Signature.normalize(prefix.isEmpty() ? r : r.replace(prefix, "")),
                    1L, Long::sum));
            report.results().stream()
                    .filter(r -> r.check().side() == Side.CRANELIFT && r.verdict() instanceof Verdict.Unsupported)
                    .forEach(r -> craneliftSkips.merge(Signature.normalize(prefix.isEmpty() ? r.verdict().detail()
                            : r.verdict().detail().replace(prefix, "")), 1L, Long::sum));
            if (report.verdict() instanceof Verdict.Unsupported) {
                unsupported.incrementAndGet();
            }
            found = report.findings();
        } catch (RuntimeException e) {
            tally.addHarnessFailure();
            found = Map.of(Side.SUBJECT, new Verdict.OracleError("harness failure: " + e));
        }
        if (found.isEmpty()) return;
        long caseSeed = CaseSeeds.of(options.seed(), i);
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

    /** The checks that judge a linked image: what sharing an image with other cases could change. */
    private static final java.util.Set<Check> FRONT = java.util.EnumSet.of(Check.VALID, Check.OBJECT, Check.MC, Check.POLICY,
            Check.OBJECT_CRANELIFT);

    /** Whether a finding of the report comes from a check after the link (only those are checked again alone). */
    private static boolean afterTheLink(CaseReport r) {
        return r.results().stream().anyMatch(c -> c.verdict().isFinding() && !FRONT.contains(c.check()));
    }

    /** The report with the case's symbol prefix taken out of every verdict's text (it names the case's own symbols). */
    private static CaseReport withoutPrefix(CaseReport r, SymbolPrefix prefix) {
        String p = prefix.prefix();
        Map<String, String> unsupported = new java.util.LinkedHashMap<>();
        r.unsupported().forEach((f, why) -> unsupported.put(prefix.strip(f), why.replace(p, "")));
        return withResults(r, r.results().stream().map(c -> new CheckResult(c.check(), c.verdict().mapDetail(d -> d.replace(p, ""))))
                .toList(), unsupported);
    }

    /** A batch report whose findings did not come back when the case was checked alone: each says so. */
    private static CaseReport onlyInBatch(CaseReport r) {
        return withResults(r, r.results().stream().map(c -> c.verdict() instanceof Verdict.Mismatch
                ? new CheckResult(c.check(), c.verdict().mapDetail(d -> d + " (only when linked with other cases)"))
                : c).toList(), r.unsupported());
    }

    private static CaseReport withResults(CaseReport r, List<CheckResult> results, Map<String, String> unsupported) {
        return new CaseReport(r.name(), results, r.compiledFunctions(), unsupported, r.artifacts(), r.llvmSkipReason(),
                r.subjectInstructions());
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
