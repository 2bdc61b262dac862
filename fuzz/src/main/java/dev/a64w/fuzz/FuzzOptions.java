package dev.a64w.fuzz;

import dev.a64w.diff.HarnessConfig;
import dev.a64w.gen.GeneratorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A campaign's settings: how long (and at most how many cases), the seed, where findings go, how
 * many parallel jobs, what to generate and how to check it, and how long the reducer may spend on
 * the first finding of each signature (zero: no reduction), and whether to gather
 * {@link CampaignStats}.
 */
public record FuzzOptions(
        Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator, HarnessConfig harness,
        Duration progressEvery, Duration reduceBudget, boolean stats) {
    /** Without statistics. */
    public FuzzOptions(Duration time, long maxCases, long seed, Path out, int jobs, GeneratorConfig generator,
                       HarnessConfig harness, Duration progressEvery, Duration reduceBudget) {
        this(time, maxCases, seed, out, jobs, generator, harness, progressEvery, reduceBudget, false);
    }
}
