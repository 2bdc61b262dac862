package dev.a64w.util;

import java.util.Arrays;

/**
 * The one mutable byte buffer of a writer: appends bytes, little-endian integers and padding, and
 * hands out an immutable {@link Bytes} at the end. Big-endian sequences (unwind codes) are written
 * one {@link #u8} at a time by their owner.
 */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink() {
        this(64);
    }

    /** A sink that takes {@code capacity} bytes before it grows (a writer that knows its size). */
    public ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    public int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public ByteSink u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public ByteSink u16(int value) {
        return u8(value).u8(value >>> 8);
    }

    public ByteSink u32(long value) {
        return u16((int) value).u16((int) (value >>> 16));
    }

    public ByteSink u64(long value) {
        return u32(value).u32(value >>> 32);
    }

    public ByteSink bytes(Bytes data) {
        ensure(data.size());
        data.copyTo(buf, size);
        size += data.size();
        return this;
    }

    /** Appends {@code count} copies of {@code value}. */
    public ByteSink fill(int count, int value) {
        ensure(count);
        Arrays.fill(buf, size, size + count, (byte) value);
        size += count;
        return this;
    }

    public ByteSink zeros(int count) {
        return fill(count, 0);
    }

    /** Appends {@code value} bytes until the size is a multiple of {@code alignment}. */
    public ByteSink alignTo(int alignment, int value) {
        int pad = (alignment - size % alignment) % alignment;
        return fill(pad, value);
    }

    public Bytes toBytes() {
        return Bytes.of(buf, 0, size);
    }
}
