package dev.a64w.check.unwind;

/** The unwind data a {@code .pdata} entry points to: packed bits or a full {@code .xdata} record. */
public sealed interface UnwindData {
    UnwindMeaning meaning();

    long functionLengthBytes();

    record Packed(PackedUnwind packed) implements UnwindData {
        public UnwindMeaning meaning() {
            return packed.meaning();
        }

        public long functionLengthBytes() {
            return packed.functionLengthBytes();
        }
    }

    record Full(Xdata xdata) implements UnwindData {
        public UnwindMeaning meaning() {
            return UnwindMeaning.of(xdata);
        }

        public long functionLengthBytes() {
            return xdata.functionLengthBytes();
        }
    }
}
