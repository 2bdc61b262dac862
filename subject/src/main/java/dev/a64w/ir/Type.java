package dev.a64w.ir;

import java.util.Optional;

/**
 * The scalar value types of the supported CLIF subset: integers and IEEE binary32/binary64 floats.
 * A float value is carried as its raw IEEE bits in a {@code long} (f32 in the low 32 bits,
 * zero-extended; f64 as all 64 bits), so {@link #mask()} and {@link #zext} work on every type;
 * {@link #sext} is meaningful for integer types only.
 */
public enum Type {
    I8(8), I16(16), I32(32), I64(64), F32(32), F64(64);

    private final int bits;

    Type(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public boolean isFloat() {
        return this == F32 || this == F64;
    }

    public boolean isInt() {
        return !isFloat();
    }

    /**
     * A value of this type in the canonical 64-bit form the interpreter keeps: integers
     * sign-extended from the width, floats zero-extended (raw bits).
     */
    public long canonical(long value) {
        return isFloat() ? zext(value) : sext(value);
    }

    public int bytes() {
        return bits / 8;
    }

    /** All-ones mask of this width. */
    public long mask() {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** {@code value} truncated to this width and zero-extended to 64 bits. */
    public long zext(long value) {
        return value & mask();
    }

    /** {@code value} truncated to this width and sign-extended to 64 bits. */
    public long sext(long value) {
        int shift = 64 - bits;
        return (value << shift) >> shift;
    }

    /** CLIF spelling: {@code i32}, {@code f64}. */
    public String clif() {
        return (isFloat() ? "f" : "i") + bits;
    }

    public static Optional<Type> parse(String text) {
        return switch (text) {
            case "i8" -> Optional.of(I8);
            case "i16" -> Optional.of(I16);
            case "i32" -> Optional.of(I32);
            case "i64" -> Optional.of(I64);
            case "f32" -> Optional.of(F32);
            case "f64" -> Optional.of(F64);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return clif();
    }
}
