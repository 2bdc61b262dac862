package dev.a64w.gen;

/**
 * A {@link ByteSource} reading a fuzzer's bytes (Jazzer: {@code new
 * BytesSource(data.consumeRemainingAsBytes())}). A choice in a range of size N consumes just enough
 * bytes for N, little-endian; a range of one value consumes nothing. When the bytes run out every
 * choice is the smallest one, so truncating an input shrinks the module.
 */
public final class BytesSource implements ByteSource {
    private final byte[] data;
    private int pos;

    public BytesSource(byte[] data) {
        this.data = data.clone();
    }

    @Override
    public int nextInt(int lo, int hiInclusive) {
        if (hiInclusive < lo) throw new IllegalArgumentException("empty range [" + lo + ", " + hiInclusive + "]");
        long span = (long) hiInclusive - lo;
        if (span == 0) return lo;
        int bytes = (64 - Long.numberOfLeadingZeros(span) + 7) / 8;
        long raw = 0;
        for (int k = 0; k < bytes; k++) {
            if (pos >= data.length) break;
            raw |= (data[pos++] & 0xffL) << (8 * k);
        }
        return (int) (lo + Long.remainderUnsigned(raw, span + 1));
    }

    @Override
    public long nextLong() {
        long raw = 0;
        for (int k = 0; k < 8 && pos < data.length; k++) raw |= (data[pos++] & 0xffL) << (8 * k);
        return raw;
    }

    @Override
    public boolean nextBoolean() {
        return pos < data.length && (data[pos++] & 1) != 0;
    }

    @Override
    public boolean exhausted() {
        return pos >= data.length;
    }
}
