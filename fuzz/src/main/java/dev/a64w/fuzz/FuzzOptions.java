package dev.a64w.fuzz;

import dev.a64w.diff.HarnessConfig;
import dev.a64w.gen.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A campaign's settings: how long (and at most how many cases), the seed, where findings go, how
 * many parallel jobs, what to generate and how to check it, the reducer's time per signature (for the
 * reduction after the campaign; zero: none), and whether to gather {@link CampaignStats};
 * {@code batch} cases are checked together (one link per side, one emulator per image:
 * {@link dev.a64w.diff.Harness#checkAll}), and the LLVM and Cranelift legs run on one case in
 * {@code legShare} ({@link LegShare}). {@code workers} says whether the jobs are worker processes or
 * threads; {@code caseTimeout} is the wall-clock time a worker process may spend on one case (or on one
 * batch checked together) before it is killed and the case becomes a {@code timeout} finding.
 */
public record FuzzOptions(
        Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator, HarnessConfig harness,
        Duration progressEvery, Duration reduceBudget, boolean stats, int batch, int legShare, Duration caseTimeout,
        Workers workers) {
    public static final Duration DEFAULT_CASE_TIMEOUT = Duration.ofSeconds(60);

    public FuzzOptions {
        if (batch < 1) throw new IllegalArgumentException("batch: expected >= 1, got " + batch);
        if (legShare < 1) throw new IllegalArgumentException("leg share: expected >= 1, got " + legShare);
        if (jobs < 1) throw new IllegalArgumentException("jobs: expected >= 1, got " + jobs);
        if (caseTimeout.isNegative() || caseTimeout.isZero()) {
            throw new IllegalArgumentException("case timeout: expected > 0, got " + caseTimeout);
        }
    }

    /** Jobs as threads of this JVM (what the benchmark measures), the default case timeout. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget, boolean stats, int batch, int legShare) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, stats, batch, legShare,
                DEFAULT_CASE_TIMEOUT, new Workers.Threads());
    }

    /** One case at a time, every leg on every case, jobs as threads. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget, boolean stats) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, stats, 1, 1);
    }

    /** Without statistics. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, false);
    }

    /** The same with jobs run by {@code w}. */
    public FuzzOptions withWorkers(Workers w) {
        return new FuzzOptions(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, stats, batch, legShare,
                caseTimeout, w);
    }

    /** The same with a worker process allowed {@code limit} per case. */
    public FuzzOptions withCaseTimeout(Duration limit) {
        return new FuzzOptions(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, stats, batch, legShare,
                limit, workers);
    }

    /** What defines the campaign's cases and how each is checked. */
    public CaseStream stream() {
        return new CaseStream(seed, generator, harness, legShare, stats);
    }

    /**
     * The options of the campaign {@code state} describes, going on for {@code time} more with {@code jobs}
     * jobs run by {@code workers}: its seed, generator, harness, leg share, stats, batch and case limit
     * ({@code maxCases} when given instead).
     */
    public static FuzzOptions resuming(CampaignState state, Path out, Duration time, Long maxCases, int jobs, Duration progressEvery,
                                       Duration reduceBudget, Duration caseTimeout, Workers workers) {
        CaseStream s = state.stream();
        return new FuzzOptions(time, maxCases != null ? maxCases : state.maxCases(), s.seed(), out, jobs, s.generator(), s.harness(),
                progressEvery, reduceBudget, s.stats(), state.batch(), s.legShare(), caseTimeout, workers);
    }
}
