package dev.a64w.ir.interp;

import dev.a64w.ir.TrapCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interpreter's flat little-endian address space: data objects (one segment each, read-only
 * ones reject stores) and a stack region stored in lazily allocated pages (untouched bytes read as
 * zero). Any access not entirely inside one segment traps {@code heap_oob}.
 */
final class Memory {
    static final long STACK_TOP = 0x4000_0000L;
    static final long STACK_SIZE = 16L << 20;
    static final long STACK_BASE = STACK_TOP - STACK_SIZE;
    private static final int PAGE = 4096;

    /** A data object's bytes at a fixed address. */
    static final class Segment {
        final String name;
        final long base;
        final byte[] bytes;
        final boolean writable;

        Segment(String name, long base, byte[] bytes, boolean writable) {
            this.name = name;
            this.base = base;
            this.bytes = bytes;
            this.writable = writable;
        }
    }

    private final List<Segment> segments = new ArrayList<>();
    private final Map<Long, byte[]> stackPages = new HashMap<>();

    void add(Segment s) {
        segments.add(s);
    }

    List<Segment> segments() {
        return segments;
    }

    void clearStack() {
        stackPages.clear();
    }

    private Segment find(long addr, int size) {
        for (Segment s : segments) {
            if (addr >= s.base && addr - s.base <= s.bytes.length - size && addr - s.base >= 0) return s;
        }
        return null;
    }

    private static boolean inStack(long addr, int size) {
        return addr >= STACK_BASE && addr <= STACK_TOP - size;
    }

    /** The low {@code size} bytes of {@code v} in reverse order, zero-extended (a big-endian access). */
    static long reverse(long v, int size) {
        return Long.reverseBytes(v) >>> (64 - 8 * size);
    }

    long load(long addr, int size) {
        long v = 0;
        if (inStack(addr, size)) {
            for (int i = size - 1; i >= 0; i--) v = (v << 8) | stackByte(addr + i);
            return v;
        }
        Segment s = find(addr, size);
        if (s == null) throw new TrapSignal(TrapCode.HEAP_OOB);
        int off = (int) (addr - s.base);
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (s.bytes[off + i] & 0xff);
        return v;
    }

    void store(long addr, int size, long value) {
        if (inStack(addr, size)) {
            for (int i = 0; i < size; i++) setStackByte(addr + i, (byte) (value >>> (8 * i)));
            return;
        }
        Segment s = find(addr, size);
        if (s == null || !s.writable) throw new TrapSignal(TrapCode.HEAP_OOB);
        int off = (int) (addr - s.base);
        for (int i = 0; i < size; i++) s.bytes[off + i] = (byte) (value >>> (8 * i));
    }

    private int stackByte(long addr) {
        byte[] page = stackPages.get(addr / PAGE);
        return page == null ? 0 : page[(int) (addr % PAGE)] & 0xff;
    }

    private void setStackByte(long addr, byte b) {
        stackPages.computeIfAbsent(addr / PAGE, k -> new byte[PAGE])[(int) (addr % PAGE)] = b;
    }
}
