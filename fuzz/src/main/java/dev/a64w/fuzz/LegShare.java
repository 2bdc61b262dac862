package dev.a64w.fuzz;

/**
 * Which cases the other compilers' legs (LLVM O0/O2 with Policy, Cranelift) run on: one case in
 * {@code every}, chosen from the case's seed, so the same cases for the same campaign seed whatever
 * the number of jobs or the batch size. Our backend's checks run on every case regardless.
 */
public record LegShare(int every) {
    public static final LegShare ALL = new LegShare(1);

    public LegShare {
        if (every < 1) throw new IllegalArgumentException("leg share: expected >= 1, got " + every);
    }

    public boolean includes(long campaignSeed, long caseIndex) {
        // a different mix from the generator's use of the case seed: the top bits of a second round
        return every == 1 || Long.remainderUnsigned(CaseSeeds.of(CaseSeeds.of(campaignSeed, caseIndex), 0), every) == 0;
    }

    /** How the share reads in a summary. */
    public String describe() {
        return every == 1 ? "every case" : "1 case in " + every + " (chosen by case seed)";
    }
}
