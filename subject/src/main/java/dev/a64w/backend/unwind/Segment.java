package dev.a64w.backend.unwind;

import dev.a64w.backend.Epilogue;
import java.util.List;

/**
 * One piece of a function that gets its own .pdata entry and .xdata record (reference §6.2): bytes
 * {@code [offset, offset + length)} of the function. Only the segment at offset 0 holds the
 * prologue; {@code epilogues} are the epilogues lying entirely inside it (their offsets are still
 * relative to the function start).
 */
public record Segment(int offset, int length, List<Epilogue> epilogues) {
    public Segment {
        epilogues = List.copyOf(epilogues);
    }

    public boolean hasPrologue() {
        return offset == 0;
    }

    public int end() {
        return offset + length;
    }
}
