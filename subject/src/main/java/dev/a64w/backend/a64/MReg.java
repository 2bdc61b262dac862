package dev.a64w.backend.a64;

/**
 * A machine register the register allocator can hand out: a general-purpose {@link Gpr} (integer
 * class) or a SIMD&amp;FP {@link FReg} (float class).
 */
public sealed interface MReg permits Gpr, FReg {
    /** The 5-bit register field value. */
    int encoding();
}
