package dev.a64w.check.unwind;

/**
 * A runtime function entry of a loaded image: [begin, end) as RVAs relative to {@code imageBase},
 * and its unwind data.
 */
public record FunctionEntry(long imageBase, long beginRva, long endRva, UnwindData data) {
    public boolean contains(long pc) {
        return pc >= imageBase + beginRva && pc < imageBase + endRva;
    }

    public static FunctionEntry of(long imageBase, long beginRva, UnwindData data) {
        return new FunctionEntry(imageBase, beginRva, beginRva + data.functionLengthBytes(), data);
    }
}
