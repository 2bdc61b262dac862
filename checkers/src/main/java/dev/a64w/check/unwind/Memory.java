package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

/** Read access to the unwound process's memory. {@link #read64} may throw on unmapped addresses. */
@FunctionalInterface
public interface Memory {
    long read64(long address);

    default long read32(long address) {
        return readBytes(address, 4).u32(0);
    }

    /** Reads {@code n} bytes using aligned 8-byte reads only. */
    default Bytes readBytes(long address, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            long a = address + i;
            long word = read64(a & ~7L);
            out[i] = (byte) (word >>> (8 * (a & 7)));
        }
        return Bytes.of(out);
    }
}
