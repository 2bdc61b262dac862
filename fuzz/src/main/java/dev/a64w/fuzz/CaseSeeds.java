package dev.a64w.fuzz;

/**
 * The seed of case {@code i} of a campaign with seed {@code s}: a fixed mix (SplitMix64's
 * finalizer), so case i is the same module whatever the number of jobs or the time limit.
 */
public final class CaseSeeds {
    private CaseSeeds() {}

    public static long of(long campaignSeed, long caseIndex) {
        long z = campaignSeed + 0x9E3779B97F4A7C15L * (caseIndex + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
