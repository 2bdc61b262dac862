package dev.a64w.backend.a64;

import java.util.Optional;

/**
 * An add/sub immediate: 12 unsigned bits, optionally shifted left by 12. Only {@link #tryFrom}
 * creates one from a value, so an Imm12 always encodes.
 */
public record Imm12(int bits, boolean lsl12) {
    public Imm12 {
        if (bits < 0 || bits > 0xfff) {
            throw new IllegalArgumentException("imm12: 0x" + Integer.toHexString(bits) + " does not fit (0..0xfff, optionally <<12)");
        }
    }

    /** The value {@code v} as an imm12 (unshifted preferred), or empty if it does not encode. */
    public static Optional<Imm12> tryFrom(long v) {
        if (v >= 0 && v <= 0xfff) return Optional.of(new Imm12((int) v, false));
        if (v > 0 && (v & 0xfff) == 0 && (v >>> 12) <= 0xfff) return Optional.of(new Imm12((int) (v >>> 12), true));
        return Optional.empty();
    }

    public long value() {
        return lsl12 ? (long) bits << 12 : bits;
    }
}
