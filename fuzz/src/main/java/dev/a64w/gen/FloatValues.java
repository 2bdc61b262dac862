package dev.a64w.gen;

import dev.a64w.ir.Type;

/**
 * Float bit patterns for constants and inputs, drawn from the classes a float backend gets wrong:
 * quiet and signalling NaNs with payloads and either sign, ±0, subnormals (smallest and largest),
 * ±Inf, the largest finite values, values just below and at the integer conversion bounds, halves
 * (rounding ties), and ordinary values. Raw IEEE bits, f32 zero-extended.
 */
final class FloatValues {
    private FloatValues() {}

    /** Quiet NaNs, signalling NaNs and their payloads, both signs. */
    static long nan(ByteSource src, Type t) {
        boolean f32 = t == Type.F32;
        long exp = f32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L;
        long quiet = f32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
        long fracMask = f32 ? 0x007f_ffffL : 0x000f_ffff_ffff_ffffL;
        long sign = src.nextBoolean() ? (f32 ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        long payload = switch (src.nextInt(0, 3)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> src.nextLong() & fracMask & ~quiet;
            default -> fracMask & ~quiet;
        };
        boolean signalling = src.chance(400);
        if (signalling && payload == 0) payload = 1; // an all-zero fraction would be Inf
        return sign | exp | (signalling ? 0 : quiet) | payload;
    }

    /** One edge or ordinary value of type {@code t}. */
    static long value(ByteSource src, Type t) {
        boolean f32 = t == Type.F32;
        long sign = src.nextBoolean() ? (f32 ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        return switch (src.nextInt(0, 11)) {
            case 0 -> nan(src, t);
            case 1 -> sign; // ±0
            case 2 -> sign | (src.nextBoolean() ? 1 : (f32 ? 0x007f_ffffL : 0x000f_ffff_ffff_ffffL)); // subnormal
            case 3 -> sign | (f32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L); // ±Inf
            case 4 -> sign | (f32 ? 0x7f7f_ffffL : 0x7fef_ffff_ffff_ffffL); // largest finite
            case 5 -> sign | (f32 ? 0x0080_0000L : 0x0010_0000_0000_0000L); // smallest normal
            case 6 -> bits(t, (src.nextBoolean() ? -1 : 1) * (src.nextInt(0, 8) + 0.5)); // ties: 0.5, 1.5, 2.5 ...
            case 7 -> bits(t, bound(src)); // integer conversion bounds
            case 8 -> bits(t, (src.nextBoolean() ? -1 : 1) * Math.scalb(1.0 + src.nextInt(0, 1023) / 1024.0,
                    src.nextInt(-150, 150))); // huge and tiny
            default -> bits(t, (src.nextInt(-2000, 2000)) / 16.0); // ordinary
        };
    }

    /** A value at or next to a bound of an integer type: ±2^(n-1), 2^n, and one ulp inside (n = 8..64). */
    private static double bound(ByteSource src) {
        int n = src.pick(java.util.List.of(8, 16, 32, 64));
        double b = switch (src.nextInt(0, 3)) {
            case 0 -> Math.scalb(1.0, n - 1);
            case 1 -> -Math.scalb(1.0, n - 1);
            case 2 -> Math.scalb(1.0, n);
            default -> -1.0;
        };
        return switch (src.nextInt(0, 2)) {
            case 0 -> b;
            case 1 -> Math.nextDown(b);
            default -> Math.nextUp(b);
        };
    }

    /** {@code v} as raw bits of {@code t} (rounded to f32 for f32). */
    static long bits(Type t, double v) {
        return t == Type.F32 ? Float.floatToRawIntBits((float) v) & 0xffff_ffffL : Double.doubleToRawLongBits(v);
    }

    /** The default (canonical) quiet NaN of {@code t}. */
    static long canonicalNaN(Type t) {
        return t == Type.F32 ? 0x7fc0_0000L : 0x7ff8_0000_0000_0000L;
    }
}
