package dev.a64w.diff.readobj;

/**
 * A field on which our decoder and llvm-readobj differ for one {@code .pdata} entry.
 * {@link Disagreement}s are unexplained and fail a cross-check; {@link KnownDifference}s match a
 * documented case where llvm-readobj (LLVM 20) is known to print something else
 * (docs/readobj-differences.md), and are reported apart.
 */
public sealed interface Finding {
    /** The function: symbol (+offset) in an object, address in an image. */
    String function();

    /** The field, e.g. {@code RegI}, {@code Prologue[3].bytes}, {@code EpilogueScopes[1].StartOffset}. */
    String field();

    String ours();

    String llvm();

    record Disagreement(String function, String field, String ours, String llvm) implements Finding {
        @Override
        public String toString() {
            return function + ": " + field + ": ours " + ours + ", llvm-readobj " + llvm;
        }
    }

    /** {@code id} names the documented difference ({@link KnownDifferences}). */
    record KnownDifference(String function, String field, String ours, String llvm, String id) implements Finding {
        @Override
        public String toString() {
            return function + ": " + field + ": ours " + ours + ", llvm-readobj " + llvm + " [known: " + id + "]";
        }
    }
}
