package dev.a64w.backend.a64;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A logical (bitmask) immediate for AND/ORR/EOR/ANDS (Arm ARM C6.2, DecodeBitMasks): a rotated run
 * of ones replicated across 2, 4, ..., 64-bit elements. It exists only if it encodes: {@link
 * #tryFrom} is the only way to make one from a value.
 *
 * @param value the value at {@code width} bits (zero-extended for 32)
 * @param width 32 or 64
 * @param n     the N field (1 only for 64-bit elements)
 * @param immr  rotate amount field
 * @param imms  element size and ones count field
 */
public record ImmLogic(long value, int width, int n, int immr, int imms) {
    public ImmLogic {
        long decoded = decode(n, immr, imms, width).orElseThrow(
                () -> new IllegalArgumentException("logical immediate: N=" + n + " immr=" + immr + " imms=" + imms + " is reserved at width " + width));
        if (decoded != value) {
            throw new IllegalArgumentException("logical immediate: fields decode to 0x" + Long.toHexString(decoded) + ", not 0x" + Long.toHexString(value));
        }
    }

    /** The encoding of {@code value} at {@code width} (32 or 64; for 32 only the low 32 bits count). */
    public static Optional<ImmLogic> tryFrom(long value, int width) {
        if (width != 32 && width != 64) throw new IllegalArgumentException("width " + width);
        long v = width == 32 ? value & 0xffff_ffffL : value;
        long rep = width == 32 ? v | (v << 32) : v;
        if (rep == 0 || rep == -1L) return Optional.empty();
        int size = 64;
        while (size > 2) {
            int half = size / 2;
            long mask = (1L << half) - 1;
            if ((rep & mask) != ((rep >>> half) & mask)) break;
            size = half;
        }
        long emask = size == 64 ? -1L : (1L << size) - 1;
        long elt = rep & emask;
        int ones = Long.bitCount(elt);
        long run = ones == 64 ? -1L : (1L << ones) - 1;
        for (int r = 0; r < size; r++) {
            long rotated = r == 0 ? elt : ((elt >>> r) | (elt << (size - r))) & emask;
            if (rotated == run) {
                int immr = (size - r) % size;
                int imms = ((~(size * 2 - 1)) & 0x3f) | (ones - 1);
                int n = size == 64 ? 1 : 0;
                return Optional.of(new ImmLogic(v, width, n, immr, imms));
            }
        }
        return Optional.empty();
    }

    /** DecodeBitMasks for the immediate forms: the value at {@code width} bits, or empty if reserved. */
    public static Optional<Long> decode(int n, int immr, int imms, int width) {
        if (n < 0 || n > 1 || immr < 0 || immr > 63 || imms < 0 || imms > 63) return Optional.empty();
        if (width == 32 && n == 1) return Optional.empty();
        int combined = (n << 6) | (~imms & 0x3f);
        if (combined == 0) return Optional.empty();
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) return Optional.empty();
        int size = 1 << len;
        int levels = size - 1;
        int s = imms & levels;
        int r = immr & levels;
        if (s == levels) return Optional.empty();
        if (width == 32 && size > 32) return Optional.empty();
        long emask = size == 64 ? -1L : (1L << size) - 1;
        long welem = s + 1 == 64 ? -1L : (1L << (s + 1)) - 1;
        long elt = r == 0 ? welem : ((welem >>> r) | (welem << (size - r))) & emask;
        long result = 0;
        for (int i = 0; i < 64; i += size) result |= elt << i;
        if (width == 32) result &= 0xffff_ffffL;
        return Optional.of(result);
    }

    /** Every encodable logical immediate at {@code width}, in field order (5334 for 64, 1302 for 32). */
    public static List<ImmLogic> all(int width) {
        List<ImmLogic> out = new ArrayList<>();
        for (int n = 0; n <= (width == 64 ? 1 : 0); n++) {
            for (int imms = 0; imms < 64; imms++) {
                for (int immr = 0; immr < 64; immr++) {
                    Optional<Long> v = decode(n, immr, imms, width);
                    if (v.isEmpty()) continue;
                    // keep only canonical immr (< element size), as the encoder produces
                    int size = elementSize(n, imms);
                    if (immr >= size) continue;
                    out.add(new ImmLogic(v.get(), width, n, immr, imms));
                }
            }
        }
        return out;
    }

    private static int elementSize(int n, int imms) {
        int combined = (n << 6) | (~imms & 0x3f);
        return 1 << (31 - Integer.numberOfLeadingZeros(combined));
    }
}
