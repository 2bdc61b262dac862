package dev.a64w.fuzz;

import dev.a64w.diff.HarnessConfig;
import dev.a64w.gen.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A campaign's settings: how long (and at most how many cases), the seed, where findings go, how
 * many parallel jobs, what to generate and how to check it, and how long the reducer may spend on
 * the first finding of each signature (zero: no reduction), and whether to gather
 * {@link CampaignStats}; {@code batch} cases are checked together (one link per side, one emulator per
 * image: {@link dev.a64w.diff.Harness#checkAll}), and the LLVM and Cranelift legs run on one case in
 * {@code legShare} ({@link LegShare}).
 */
public record FuzzOptions(
        Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator, HarnessConfig harness,
        Duration progressEvery, Duration reduceBudget, boolean stats, int batch, int legShare) {
    public FuzzOptions {
        if (batch < 1) throw new IllegalArgumentException("batch: expected >= 1, got " + batch);
        if (legShare < 1) throw new IllegalArgumentException("leg share: expected >= 1, got " + legShare);
    }

    /** One case at a time, every leg on every case. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget, boolean stats) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, stats, 1, 1);
    }

    /** Without statistics. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, false);
    }
}
