package dev.a64w.bench;

import dev.a64w.backend.PhaseClock;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.audit.BoundaryAudit;
import dev.a64w.diff.BatchLink;
import dev.a64w.diff.Check;
import dev.a64w.diff.Harness;
import dev.a64w.diff.LinkJob;
import dev.a64w.diff.SharedImages;
import dev.a64w.diff.SymbolPrefix;
import dev.a64w.exec.Executor;
import dev.a64w.ir.Module;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.HostBridge;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.RunCheck;
import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.fuzz.FuzzCampaign;
import dev.a64w.fuzz.FuzzOptions;
import dev.a64w.fuzz.FuzzSummary;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code a64w bench}: on the same generated modules (case i of the seed, as {@code a64w fuzz}
 * makes them), one run measures each stage on its own, in this process — the subject's compile by
 * phase, LLVM's code generator at O0 and O2 and LLVM MC (in process, without the worker's
 * round trip, so LLVM's own time), lld-link, emulation and the Unwind check — and then the whole
 * pipeline as {@code a64w fuzz} runs it, with every check and {@code --jobs}. Medians per module.
 * A warm-up pass over the first modules runs first, so the JIT has compiled the hot paths.
 */
public final class Bench {

    private final int cases;
    private final long pipelineCases;
    private final long seed;
    private final int jobs;
    private final int batch;
    private final int legShare;
    private final PrintStream progress;
    private final BoundaryAudit auditor = new BoundaryAudit();

    /**
     * @param cases         modules measured stage by stage
     * @param pipelineCases cases through the whole pipeline (the same seed's first ones)
     */
    public Bench(int cases, long pipelineCases, long seed, int jobs, int batch, int legShare, PrintStream progress) {
        this.cases = cases;
        this.pipelineCases = pipelineCases;
        this.seed = seed;
        this.jobs = jobs;
        this.batch = batch;
        this.legShare = legShare;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException {
        Generator generator = new Generator(GeneratorConfig.integer());
        Samples s = new Samples();
        List<GeneratedCase> measured = new ArrayList<>();
        try (LlvmCodegen codegen = new LlvmCodegen(); LlvmMc mc = new LlvmMc()) {
            int warm = Math.min(cases, 20);
            warmSubject(generator);
            for (int i = 0; i < warm; i++) {
                measure(generator, codegen, mc, i, new Samples());
            }
            progress.println("bench: warmed up on " + warm + " modules; measuring " + cases);
            for (int i = 0; i < cases; i++) {
                measured.add(measure(generator, codegen, mc, i, s));
                if ((i + 1) % 50 == 0) progress.println("bench: " + (i + 1) + "/" + cases + " modules measured");
            }
        }
        Linker linker = Harness.newLinker();
        backHalf(linker, measured.subList(0, Math.min(measured.size(), batch)), new Samples()); // warm-up
        for (int from = 0; from < measured.size(); from += batch) {
            backHalf(linker, measured.subList(from, Math.min(measured.size(), from + batch)), s);
        }
        auditor.close();
        progress.println("bench: pipeline, " + pipelineCases + " cases with every check, " + jobs + " jobs, batches of " + batch
                + ", other legs on 1 case in " + legShare);
        FuzzSummary pipeline = pipeline();
        return new BenchReport(s, pipeline, jobs, seed, batch);
    }

    /** Compile, LLVM and MC of module {@code i}, timed one by one; returns the case. */
    private GeneratedCase measure(Generator generator, LlvmCodegen codegen, LlvmMc mc, int i, Samples s) {
        GeneratedCase gc = generator.generate(new SeededSource(CaseSeeds.of(seed, i)));
        Map<PhaseClock.Phase, long[]> phases = new EnumMap<>(PhaseClock.Phase.class);
        for (PhaseClock.Phase p : PhaseClock.Phase.values()) phases.put(p, new long[1]);
        long t0 = System.nanoTime();
        ModuleBuild build = ModuleBuild.of(gc.module(), (phase, nanos) -> phases.get(phase)[0] += nanos);
        long subject = System.nanoTime() - t0;
        long insts = build.compiled().stream().mapToLong(f -> f.code().size() / 4).sum();
        s.add("subject", subject);
        s.add("subject/inst", insts == 0 ? 0 : subject / insts);
        phases.forEach((p, n) -> s.add("phase " + p.name().toLowerCase(), n[0]));
        s.addInstructions(insts);

        try {
            String ir = new IrToLlvm().translate(gc.module());
            long l0 = System.nanoTime();
            McResult o0 = codegen.compile(ir, LlvmCodegen.OptLevel.O0);
            long l1 = System.nanoTime();
            McResult o2 = codegen.compile(ir, LlvmCodegen.OptLevel.O2);
            long l2 = System.nanoTime();
            if (o0.ok() && o2.ok()) {
                s.add("llvm O0", l1 - l0);
                s.add("llvm O2", l2 - l1);
                s.addRatio((double) (l1 - l0) / subject);
            }
        } catch (UnsupportedFeatureException e) {
            s.skipLlvm();
        }

        long m0 = System.nanoTime();
        mc.assemble(build.listing());
        s.add("mc", System.nanoTime() - m0);
        return gc;
    }

    /**
     * Link, emulation and Unwind as the pipeline does them: the batch's modules (symbols prefixed)
     * linked by one lld-link call, the image loaded once into an emulator that every case reuses.
     * Per case: the link's time divided among the batch, each case's runs, each case's Unwind check.
     */
    private void backHalf(Linker linker, List<GeneratedCase> batchCases, Samples s) {
        List<Module> modules = new ArrayList<>();
        List<LinkJob> jobs = new ArrayList<>();
        List<ModuleBuild> builds = new ArrayList<>();
        for (int k = 0; k < batchCases.size(); k++) {
            Module m = SymbolPrefix.forMember(k).apply(batchCases.get(k).module());
            ModuleBuild b = ModuleBuild.of(m);
            modules.add(m);
            builds.add(b);
            jobs.add(LinkJob.of(b.object(), m, b.functionNames()));
        }
        long k0 = System.nanoTime();
        List<LinkResult> links = BatchLink.link(linker, jobs);
        long perCase = (System.nanoTime() - k0) / Math.max(1, jobs.size());
        try (SharedImages images = new SharedImages(auditor, batchCases.size() > 1)) {
            for (int k = 0; k < batchCases.size(); k++) {
                s.add("link", perCase);
                LinkResult link = links.get(k);
                if (!link.clean()) continue;
                GeneratedCase gc = batchCases.get(k);
                String prefix = SymbolPrefix.forMember(k).prefix();
                List<Invocation> invs = gc.inputs().stream().map(a -> Invocation.of(gc.module(), gc.entry(), a).named(prefix + gc.entry())).toList();
                long e0 = System.nanoTime();
                Executor ex = images.executor(link, new HostBridge(new StandardHost(), StandardHost.signatures()));
                for (Invocation inv : invs) {
                    ex.runTyped(inv.function(), inv.typedArgs(), RunCheck.budgetFor(HarnessConfig.defaults().fuel()));
                }
                s.add("emulation", System.nanoTime() - e0);
                long u0 = System.nanoTime();
                images.unwindStatic(Check.UNWIND, link, builds.get(k).functionNames());
                s.add("unwind", System.nanoTime() - u0);
            }
        }
    }

    /** Subject compiles of the bench's modules before any is measured, and a bound on their time (see {@link #warmSubject}). */
    static final int SUBJECT_WARMUP_COMPILES = 12_000;
    static final Duration SUBJECT_WARMUP_LIMIT = Duration.ofSeconds(90);

    /**
     * The subject's compiler is Java: the JIT gives its hot paths their final code only after some
     * thousands of modules (C2 compiles of 0.1-2 s each on this 2-core machine, and recompiles when a
     * module takes a path the earlier ones did not; the compile-time median keeps falling for about
     * 10,000 modules), while LLVM's code generator is native from the start. The general warm-up
     * gives it 20 modules, so it first compiles the bench's modules on its own, round after round,
     * {@link #SUBJECT_WARMUP_COMPILES} times (or for {@link #SUBJECT_WARMUP_LIMIT}), and "subject
     * compile" is measured warm, as LLVM's is.
     */
    private void warmSubject(Generator generator) {
        List<dev.a64w.ir.Module> modules = new java.util.ArrayList<>();
        for (int i = 0; i < cases; i++) modules.add(generator.generate(new SeededSource(CaseSeeds.of(seed, i))).module());
        if (modules.isEmpty()) return;
        long start = System.nanoTime(), limit = start + SUBJECT_WARMUP_LIMIT.toNanos();
        int compiles = 0;
        while (compiles < SUBJECT_WARMUP_COMPILES && System.nanoTime() < limit) {
            ModuleBuild.of(modules.get(compiles % modules.size()));
            compiles++;
        }
        progress.printf("bench: subject warmed up on its own: %d compiles in %.1f s%n", compiles, (System.nanoTime() - start) / 1e9);
    }

    private FuzzSummary pipeline() throws InterruptedException {
        Path out;
        try {
            out = Files.createTempDirectory("a64w-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot create a findings folder: " + e.getMessage(), e);
        }
        FuzzOptions options = new FuzzOptions(Duration.ofHours(24), pipelineCases, seed, out, jobs, GeneratorConfig.integer(),
                HarnessConfig.defaults(), Duration.ofSeconds(10), Duration.ZERO, false, batch, legShare);
        return new FuzzCampaign(options).run(progress);
    }
}
