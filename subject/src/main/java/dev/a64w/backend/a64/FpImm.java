package dev.a64w.backend.a64;

import java.util.Optional;

/**
 * The 8-bit floating-point immediate of FMOV (scalar, immediate), Arm ARM VFPExpandImm: imm8 =
 * a:b:cd:efgh stands for (-1)^a × (16 + efgh)/16 × 2^r, r = cd + 1 when b = 0 and cd - 3 when b = 1,
 * so the encodable values are exactly ±n/16 × 2^r, n 16..31, r -3..4 (0.125 .. 31.0; zero, NaN and
 * infinities are not encodable). Values are raw IEEE bit patterns: S in the low 32 bits, D all 64.
 */
public record FpImm(int imm8) {
    public FpImm {
        Check.range("fp imm8", imm8, 0, 0xff);
    }

    /** The imm8 of {@code bits} at a precision, if FMOV can materialize exactly that bit pattern. */
    public static Optional<FpImm> encode(long bits, FpSize size) {
        int e = size == FpSize.D ? 11 : 8, f = size.bits() - e - 1;
        if (size == FpSize.S && (bits >>> 32) != 0) return Optional.empty();
        if ((bits & ((1L << (f - 4)) - 1)) != 0) return Optional.empty(); // only the top 4 fraction bits may be set
        long exp = (bits >>> f) & ((1L << e) - 1);
        long bias = (1L << (e - 1)) - 1;
        long r = exp - bias;
        if (r < -3 || r > 4) return Optional.empty();
        int sign = (int) (bits >>> (size.bits() - 1)) & 1;
        int frac = (int) (bits >>> (f - 4)) & 0xf;
        // the biased exponent is NOT(b):b...b:cd, so its low two bits are cd
        int b = r >= 1 ? 0 : 1;
        int cd = (int) ((r + bias) & 3);
        return Optional.of(new FpImm(sign << 7 | b << 6 | cd << 4 | frac));
    }

    /** VFPExpandImm: the raw IEEE bits this immediate stands for at a precision. */
    public long decode(FpSize size) {
        int e = size == FpSize.D ? 11 : 8, f = size.bits() - e - 1;
        long sign = imm8 >>> 7 & 1;
        long b = imm8 >>> 6 & 1;
        long exp = (b ^ 1) << (e - 1) | (b == 1 ? ((1L << (e - 3)) - 1) << 2 : 0) | (imm8 >>> 4 & 3);
        long frac = (long) (imm8 & 0xf) << (f - 4);
        return sign << (size.bits() - 1) | exp << f | frac;
    }

    /** The value as a double (exact at both precisions). */
    public double value() {
        return Double.longBitsToDouble(decode(FpSize.D));
    }

    /** LLVM's spelling: {@code #1.50000000}, {@code #-0.12500000} (printf "%.8f", exact for all 256). */
    public String asm() {
        return String.format(java.util.Locale.ROOT, "#%.8f", value());
    }
}
