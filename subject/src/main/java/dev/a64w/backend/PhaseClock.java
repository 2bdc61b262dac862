package dev.a64w.backend;

/**
 * Where {@link FunctionCompiler} reports how long each phase of one compile took, for
 * {@code a64w bench}. Stateless by default ({@link #NONE}); a benchmark passes its own.
 */
@FunctionalInterface
public interface PhaseClock {
    /** The phases of a function's compile, in order. */
    enum Phase {
        /** IR to virtual-register machine code. */
        LOWER,
        /** Linear-scan register allocation and frame layout. */
        ALLOCATE,
        /** Machine code, listing, relocations and unwind facts. */
        EMIT,
        /** Module level, once per module: the COFF object and the listing of all functions. */
        OBJECT
    }

    /** {@code nanos} were spent in {@code phase}. */
    void lap(Phase phase, long nanos);

    /** Reports nowhere. */
    PhaseClock NONE = (phase, nanos) -> { };
}
