package dev.a64w.backend.a64;

/**
 * The register file a virtual register lives in: the general-purpose registers (integers,
 * pointers) or the SIMD&amp;FP registers (scalar f32/f64 in the low bits of v0..v31). A value never
 * moves between classes through a parallel move; crossing takes an explicit instruction
 * ({@code fmov}).
 */
public enum RegClass {
    INT,
    FLOAT
}
