package dev.a64w.ir;

import java.util.Optional;

/** The integer value types of the supported CLIF subset. */
public enum Type {
    I8(8), I16(16), I32(32), I64(64);

    private final int bits;

    Type(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
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

    /** CLIF spelling: {@code i32}. */
    public String clif() {
        return "i" + bits;
    }

    public static Optional<Type> parse(String text) {
        return switch (text) {
            case "i8" -> Optional.of(I8);
            case "i16" -> Optional.of(I16);
            case "i32" -> Optional.of(I32);
            case "i64" -> Optional.of(I64);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return clif();
    }
}
