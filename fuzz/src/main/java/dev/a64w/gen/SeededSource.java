package dev.a64w.gen;

import java.util.SplittableRandom;

/** A pseudo-random {@link ByteSource}: the same seed gives the same stream, forever. */
public final class SeededSource implements ByteSource {
    private final SplittableRandom random;

    public SeededSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int nextInt(int lo, int hiInclusive) {
        if (hiInclusive < lo) throw new IllegalArgumentException("empty range [" + lo + ", " + hiInclusive + "]");
        return (int) random.nextLong(lo, (long) hiInclusive + 1);
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    @Override
    public boolean nextBoolean() {
        return random.nextBoolean();
    }

    @Override
    public boolean exhausted() {
        return false;
    }
}
