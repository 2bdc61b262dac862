package dev.a64w.backend.a64;

/** Scalar floating-point precision: S (32-bit, ftype=00) or D (64-bit, ftype=01). */
public enum FpSize {
    S, D;

    /** The {@code ftype} field of the scalar FP encodings. */
    public int ftype() {
        return this == D ? 1 : 0;
    }

    public int bits() {
        return this == D ? 64 : 32;
    }
}
