package dev.a64w.backend.a64;

/**
 * When LLVM prints MOVZ/MOVN/ORR-immediate as {@code mov}: the chain MOVZ &gt; MOVN &gt; ORR, the
 * first form that can produce the value is the one printed as {@code mov}.
 */
final class MovAlias {
    private MovAlias() {}

    static long signExtend(long v, int width) {
        return width == 64 ? v : (long) (int) v;
    }

    /** MOVZ with this shift produces {@code value} (and is not {@code #0, lsl #N}). */
    static boolean isMovz(long value, int shift, int width) {
        if (width == 32) value &= 0xffff_ffffL;
        if (value == 0 && shift != 0) return false;
        return (value & ~(0xffffL << shift)) == 0;
    }

    static boolean isAnyMovz(long value, int width) {
        for (int s = 0; s < width; s += 16) if (isMovz(value, s, width)) return true;
        return false;
    }

    /** MOVN with this shift produces {@code value} and no MOVZ can. */
    static boolean isMovn(long value, int shift, int width) {
        if (isAnyMovz(value, width)) return false;
        long inv = ~value;
        if (width == 32) inv &= 0xffff_ffffL;
        return isMovz(inv, shift, width);
    }

    static boolean isAnyMovWide(long value, int width) {
        if (isAnyMovz(value, width)) return true;
        long inv = ~value;
        if (width == 32) inv &= 0xffff_ffffL;
        return isAnyMovz(inv, width);
    }
}
