package dev.a64w.backend.unwind;

/**
 * One epilog scope word of an .xdata record (E=0): the epilogue's first instruction at byte
 * {@code startOffset} from the function start, its codes at byte {@code startIndex} of the code
 * array. Written as {@code startOffset/4 | startIndex << 22}.
 */
public record EpilogScope(int startOffset, int startIndex) {
    public EpilogScope {
        if (startOffset < 0 || startOffset % 4 != 0 || startOffset / 4 > XdataRecord.MAX_FUNCTION_WORDS) {
            throw new IllegalArgumentException("epilog start offset 0x" + Integer.toHexString(startOffset)
                    + " not a multiple of 4 in 0..0x" + Integer.toHexString(XdataRecord.MAX_FUNCTION_WORDS * 4));
        }
        if (startIndex < 0 || startIndex > 0x3ff) {
            throw new IllegalArgumentException("epilog start index 0x" + Integer.toHexString(startIndex) + " not in 0..0x3ff");
        }
    }

    public int word() {
        return (startOffset / 4) | (startIndex << 22);
    }
}
