package dev.a64w.reduce;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Bounds and hooks of one reduction.
 *
 * @param maxPredicateCalls the most times the predicate is asked (the original's check included)
 * @param timeBudget        wall-clock limit; the reduction stops with the best module so far
 * @param interpreterFuel   when above 0, candidates whose run lines run out of this much fuel in the
 *                          reference interpreter (or make it fail) are dropped before the predicate
 *                          sees them, so loops made endless by a reduction cost nothing
 * @param progress          receives one line per accepted step, or null
 */
public record ReduceOptions(int maxPredicateCalls, Duration timeBudget, long interpreterFuel, Consumer<String> progress) {
    public ReduceOptions {
        if (maxPredicateCalls < 1) throw new IllegalArgumentException("maxPredicateCalls: expected >= 1, got " + maxPredicateCalls);
        if (timeBudget == null || timeBudget.isNegative()) throw new IllegalArgumentException("timeBudget: expected >= 0, got " + timeBudget);
        if (interpreterFuel < 0) throw new IllegalArgumentException("interpreterFuel: expected >= 0, got " + interpreterFuel);
    }

    /** 5,000 predicate calls, 10 minutes, interpreter guard with 100,000 fuel, no progress output. */
    public static ReduceOptions defaults() {
        return new ReduceOptions(5_000, Duration.ofMinutes(10), 100_000, null);
    }

    public ReduceOptions withMaxPredicateCalls(int n) {
        return new ReduceOptions(n, timeBudget, interpreterFuel, progress);
    }

    public ReduceOptions withTimeBudget(Duration d) {
        return new ReduceOptions(maxPredicateCalls, d, interpreterFuel, progress);
    }

    public ReduceOptions withInterpreterFuel(long fuel) {
        return new ReduceOptions(maxPredicateCalls, timeBudget, fuel, progress);
    }

    public ReduceOptions withProgress(Consumer<String> p) {
        return new ReduceOptions(maxPredicateCalls, timeBudget, interpreterFuel, p);
    }
}
