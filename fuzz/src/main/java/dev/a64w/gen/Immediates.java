package dev.a64w.gen;

import dev.a64w.ir.Type;

/**
 * Biased choice of constants (a generation policy): values near 0 and ±1, the type's extremes,
 * width-1, powers of two ± 1, add/sub immediate edges (0xfff, 0x1000, 0xfff000), logical-immediate
 * bit patterns, 16/32/48-bit boundaries for movz/movk/movn sequences, and full random 64-bit values.
 * Results are sign-extended from the type's width. The first choice (an exhausted source) is 0.
 */
final class Immediates {
    private static final long[] ARITH_EDGES = {
        0xfff, 0x1000, 0x1001, 0xffe, 4080, 0xfff000, 0x1000000, 0xfff001, 0x7ff, 0x800, 255, 256, 32760, 32768,
    };

    private Immediates() {}

    /** A biased value of type {@code t}, sign-extended. */
    static long value(ByteSource src, Type t) {
        int w = t.bits();
        long v = switch (src.weighted(20, 12, 12, 10, 8, 10, 8, 10)) {
            case 0 -> src.nextInt(0, 2) - (src.nextBoolean() ? 1 : 0) * 2L; // 0, 1, 2, -2, -1, 0
            case 1 -> switch (src.nextInt(0, 5)) {
                case 0 -> t.sext(1L << (w - 1)); // INT_MIN
                case 1 -> t.sext((1L << (w - 1)) - 1); // INT_MAX (64-bit: Long.MAX_VALUE)
                case 2 -> -1L;
                case 3 -> w - 1;
                case 4 -> w;
                default -> t.sext(t.mask() - 1);
            };
            case 2 -> {
                int k = src.nextInt(0, w - 1);
                yield (1L << k) + src.nextInt(-1, 1);
            }
            case 3 -> {
                long e = ARITH_EDGES[src.nextInt(0, ARITH_EDGES.length - 1)];
                yield src.nextBoolean() ? -e : e;
            }
            case 4 -> logical(src);
            case 5 -> chunks(src);
            case 6 -> src.nextInt(-300, 300);
            default -> src.nextLong();
        };
        return t.sext(v);
    }

    /**
     * A value of one of the classes the coverage goals name ({@code dev.a64w.fuzz.coverage}): 0, 1,
     * -1, the type's MIN or MAX (three times as likely as the others), or another negative value (the sign bit
     * of the type set); sign-extended.
     */
    static long edge(ByteSource src, Type t) {
        int w = t.bits();
        long v = switch (src.weighted(1, 1, 1, 3, 3, 1)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> 1L << (w - 1);
            case 4 -> (1L << (w - 1)) - 1;
            default -> src.nextLong() | (1L << (w - 1));
        };
        return t.sext(v);
    }

    /** A negative value of type {@code t}: -1, MIN, or another with the sign bit set; sign-extended. */
    static long negative(ByteSource src, Type t) {
        int w = t.bits();
        return t.sext(switch (src.nextInt(0, 2)) {
            case 0 -> -1;
            case 1 -> 1L << (w - 1);
            default -> src.nextLong() | (1L << (w - 1));
        });
    }

    /** An immediate for the _imm forms and icmp_imm: like {@link #value} with more small numbers. */
    static long imm(ByteSource src, Type t) {
        if (src.chance(300)) return t.sext(src.nextInt(-16, 64));
        if (src.chance(150)) return edge(src, t);
        return value(src, t);
    }

    /** A shift or rotate amount: mostly in range, sometimes at or beyond the width. */
    static long shiftAmount(ByteSource src, Type t) {
        int w = t.bits();
        return switch (src.weighted(40, 10, 10, 20, 10)) {
            case 0 -> src.nextInt(0, w - 1);
            case 1 -> 0;
            case 2 -> w - 1;
            case 3 -> w + src.nextInt(0, w);
            default -> src.nextInt(0, 255);
        };
    }

    /**
     * A value whose bit pattern is a valid AArch64 logical immediate: a rotated run of ones in an
     * element of 2..64 bits, replicated. Sometimes off by one so the near-miss is tried too.
     */
    static long logical(ByteSource src) {
        int e = 2 << src.nextInt(0, 5); // 2, 4, ... 64
        int ones = src.nextInt(1, e - 1);
        int rot = src.nextInt(0, e - 1);
        long emask = e == 64 ? -1L : (1L << e) - 1;
        long elem = (1L << ones) - 1;
        if (rot != 0) elem = ((elem >>> rot) | (elem << (e - rot))) & emask;
        long v = 0;
        for (int k = 0; k < 64; k += e) v |= elem << k;
        return src.chance(150) ? v + 1 : v;
    }

    /** Each 16-bit chunk 0, 0xffff or random: the movz/movn/movk boundary cases. */
    static long chunks(ByteSource src) {
        long v = 0;
        for (int k = 0; k < 4; k++) {
            long c = switch (src.nextInt(0, 2)) {
                case 0 -> 0;
                case 1 -> 0xffff;
                default -> src.nextInt(0, 0xffff);
            };
            v |= c << (16 * k);
        }
        return v;
    }
}
