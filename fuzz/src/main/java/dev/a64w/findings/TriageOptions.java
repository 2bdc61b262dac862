package dev.a64w.findings;

import dev.a64w.diff.HarnessConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link Triage} works: at most {@code reduceTime} reducing one signature, at most {@code totalTime}
 * reducing all of them (when it is spent, the rest get their issue texts with the unreduced
 * reproducer), the regressions folder it also writes into (e.g. corpus/regressions; empty: none),
 * and the harness it checks with.
 */
public record TriageOptions(Duration reduceTime, Duration totalTime, Optional<Path> regressions, HarnessConfig harness) {
    public static final Duration DEFAULT_REDUCE_TIME = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TOTAL_TIME = Duration.ofMinutes(10);

    public TriageOptions {
        if (reduceTime.isNegative() || totalTime.isNegative()) throw new IllegalArgumentException("negative time budget");
    }

    public static TriageOptions defaults() {
        return new TriageOptions(DEFAULT_REDUCE_TIME, DEFAULT_TOTAL_TIME, Optional.empty(), HarnessConfig.defaults());
    }

    public TriageOptions withReduceTime(Duration d) {
        return new TriageOptions(d, totalTime, regressions, harness);
    }

    public TriageOptions withTotalTime(Duration d) {
        return new TriageOptions(reduceTime, d, regressions, harness);
    }

    public TriageOptions withRegressions(Optional<Path> dir) {
        return new TriageOptions(reduceTime, totalTime, dir, harness);
    }

    public TriageOptions withHarness(HarnessConfig config) {
        return new TriageOptions(reduceTime, totalTime, regressions, config);
    }

    /**
     * The default regressions folder: {@code $a64w.root/corpus/regressions} when the launcher set
     * {@code a64w.root} and that folder exists, else none.
     */
    public static Optional<Path> defaultRegressions() {
        String root = System.getProperty("a64w.root");
        if (root == null || root.isBlank()) return Optional.empty();
        Path p = Path.of(root, "corpus", "regressions");
        return java.nio.file.Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
}
