package dev.a64w.backend.a64;

/**
 * A SIMD&amp;FP register operand of an {@link FpInst}: a machine register {@link FReg}, or, before
 * allocation, a float-class {@link VReg}.
 */
public sealed interface FOperand permits FReg, VReg {
    /** The 5-bit register field value (a machine register only). */
    int encoding();

    /** Scalar name at a precision: {@code s3}, {@code d3}, or {@code %7} for a virtual register. */
    String name(FpSize size);
}
