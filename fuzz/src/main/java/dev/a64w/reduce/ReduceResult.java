package dev.a64w.reduce;

import dev.a64w.ir.Module;

/**
 * What a reduction gave: the smallest interesting module found (the input itself when nothing
 * could be removed), the number of accepted steps, how often the predicate was asked, and why it
 * stopped.
 */
public record ReduceResult(Module reduced, int steps, int predicateCalls, Stop stop) {
    public enum Stop {
        /** No pass finds anything more to remove: the result is 1-minimal for the passes. */
        FIXPOINT,
        /** {@link ReduceOptions#maxPredicateCalls()} reached. */
        PREDICATE_BUDGET,
        /** {@link ReduceOptions#timeBudget()} reached. */
        TIME_BUDGET,
        /** The input does not verify: nothing was tried (every candidate must be valid IR). */
        INVALID_INPUT,
        /** The predicate rejects the input itself (a flaky or mis-wired predicate). */
        NOT_INTERESTING
    }
}
