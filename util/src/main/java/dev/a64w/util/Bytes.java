package dev.a64w.util;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, so that records can hold bytes ({@code byte[]}
 * compares by identity). Little-endian readers are provided because every multi-byte field in
 * COFF, PE and AArch64 instruction words is little-endian.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code data}; later changes to the array do not show through. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Copies {@code data[from, to)}; the range must lie inside the array. */
    public static Bytes of(byte[] data, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    /** Parses hex digits, ignoring spaces: {@code "fd 7b bf a9"}. */
    public static Bytes ofHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    public int size() {
        return data.length;
    }

    /** Copies all bytes into {@code dst} from index {@code at} on. */
    public void copyTo(byte[] dst, int at) {
        System.arraycopy(data, 0, dst, at, data.length);
    }

    public byte get(int index) {
        return data[index];
    }

    public int u8(int offset) {
        return data[offset] & 0xff;
    }

    public int u16(int offset) {
        return u8(offset) | (u8(offset + 1) << 8);
    }

    public long u32(int offset) {
        return (u8(offset) | (u8(offset + 1) << 8) | (u8(offset + 2) << 16) | ((long) u8(offset + 3) << 24))
                & 0xffff_ffffL;
    }

    public long u64(int offset) {
        return u32(offset) | (u32(offset + 4) << 32);
    }

    /** Bytes {@code [from, to)}; the range must lie inside this string (no zero padding). */
    public Bytes slice(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        return new Bytes(Arrays.copyOfRange(data, from, to));
    }

    /** A fresh copy; the caller may change it. */
    public byte[] toArray() {
        return data.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 32 ? "Bytes[" + hex() + "]" : "Bytes[" + data.length + " bytes]";
    }
}
