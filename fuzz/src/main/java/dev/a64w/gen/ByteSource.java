package dev.a64w.gen;

import java.util.List;

/**
 * The stream of choices that drives the generator. Every decision the generator makes is one call
 * here, so the same stream always gives the same module. Implementations that run out of input
 * ({@link BytesSource}) return the smallest choice from then on ({@code lo}, {@code false}, the first
 * element, 0), and the generator is written so that the smallest choice means "less": short inputs
 * give small modules.
 */
public interface ByteSource {
    /** A value in {@code [lo, hiInclusive]}; {@code lo} when exhausted. */
    int nextInt(int lo, int hiInclusive);

    /** Any 64-bit value; 0 when exhausted. */
    long nextLong();

    /** {@code false} when exhausted. */
    boolean nextBoolean();

    /** True once the source has no more input of its own (never for seeded sources). */
    boolean exhausted();

    /** An element of a non-empty list; the first when exhausted. */
    default <T> T pick(List<T> items) {
        if (items.isEmpty()) throw new IllegalArgumentException("pick from an empty list");
        return items.get(nextInt(0, items.size() - 1));
    }

    /**
     * True with probability {@code permille}/1000; false when exhausted (so a run-out source never
     * takes an optional branch).
     */
    default boolean chance(int permille) {
        if (permille <= 0) return false;
        if (permille >= 1000) return true;
        return nextInt(0, 999) >= 1000 - permille;
    }

    /** An index chosen with the given weights; index 0 when exhausted. */
    default int weighted(int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        if (total <= 0) throw new IllegalArgumentException("weights sum to " + total);
        int r = nextInt(0, total - 1);
        for (int k = 0; k < weights.length; k++) {
            if (r < weights[k]) return k;
            r -= weights[k];
        }
        throw new AssertionError("unreachable");
    }
}
