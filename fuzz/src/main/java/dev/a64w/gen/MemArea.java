package dev.a64w.gen;

import java.util.List;

/**
 * A memory area a function may address: a stack slot or a module data object. Loads touch only
 * {@code readable} ranges (initialized bytes, no relocated pointers); stores only {@code writable}
 * ones. {@code baseAlign} is the alignment the generator may assume for offset 0.
 */
record MemArea(boolean isSlot, int slot, String data, int size, int baseAlign, List<Range> readable, List<Range> writable) {
    MemArea {
        readable = List.copyOf(readable);
        writable = List.copyOf(writable);
    }

    /** Byte range {@code [lo, hi)}. */
    record Range(int lo, int hi) {
        int length() {
            return hi - lo;
        }
    }

    String label() {
        return isSlot ? "ss" + slot : "%" + data;
    }
}
