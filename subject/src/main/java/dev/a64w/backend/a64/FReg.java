package dev.a64w.backend.a64;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A numbered SIMD&amp;FP register v0..v31, used as a scalar: {@code s}n (single) or {@code d}n
 * (double). Not a {@link Reg}: no general-purpose field accepts it, so the type system keeps the two
 * files apart. d8..d15 (the low 64 bits of v8..v15) are callee-saved on Windows ARM64.
 */
public record FReg(int n) implements MReg, FOperand {
    private static final List<FReg> ALL = IntStream.rangeClosed(0, 31).mapToObj(FReg::new).toList();

    public FReg {
        if (n < 0 || n > 31) throw new IllegalArgumentException("fp register: v" + n + " is not a register (0..31)");
    }

    public static FReg v(int n) {
        return n >= 0 && n <= 31 ? ALL.get(n) : new FReg(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FReg other && other.n == n;
    }

    @Override
    public int hashCode() {
        return n + 64;
    }

    /** The 5-bit register field value. */
    public int encoding() {
        return n;
    }

    /** Scalar name at a precision: {@code s3} or {@code d3}. */
    public String name(FpSize size) {
        return (size == FpSize.D ? "d" : "s") + n;
    }

    @Override
    public String toString() {
        return "v" + n;
    }
}
