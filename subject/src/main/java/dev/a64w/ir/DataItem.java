package dev.a64w.ir;

import dev.a64w.util.Bytes;

/** A piece of a data object's initial contents, in order. */
public sealed interface DataItem {
    int size();

    /** {@code bytes=01 02 ...}. */
    record Raw(Bytes bytes) implements DataItem {
        public int size() { return bytes.size(); }
    }

    /** {@code zero=N}: N zero bytes. */
    record Zero(int count) implements DataItem {
        public int size() { return count; }
    }

    /** {@code addr=%sym+A}: a 64-bit pointer to {@code symbol} plus {@code addend} (ADDR64). */
    record Addr(String symbol, long addend) implements DataItem {
        public int size() { return 8; }
    }
}
