package dev.a64w.check.unwind;

import java.util.ArrayList;
import java.util.List;

/**
 * The normalized meaning of a function's (or fragment's) unwind data, so that different encodings
 * of the same frame compare equal: xdata with explicit scopes versus E=1, shared versus separate
 * epilogue codes, packed versus full, LLVM's canonicalizations (see {@link UnwindOp}).
 *
 * @param functionLengthBytes the fragment length
 * @param prologue            the prologue sequence (with any phantom codes after {@code end_c})
 * @param epilogs             epilogues by start offset (bytes from the fragment start), in order
 * @param hasHandler          X=1
 */
public record UnwindMeaning(long functionLengthBytes, Sequence prologue, List<Epilog> epilogs, boolean hasHandler) {

    /**
     * One epilogue: it starts at {@code startOffset} (bytes from the fragment start) and its codes are
     * {@code sequence}.
     */
    public record Epilog(long startOffset, Sequence sequence) {
        /**
         * The epilogue's length in instructions as Windows reckons it: its codes up to {@code end} or
         * {@code end_c} (custom frame codes 0xE8–0xF7 not counted) plus one for the final {@code ret}
         * (or tail-call branch). Windows treats pc as inside this epilogue for instruction indexes
         * [startOffset/4, startOffset/4 + instructionCount()).
         */
        public int instructionCount() {
            return sequence.instructionCount() + 1;
        }

        /** The byte offset just past the epilogue's last instruction (its {@code ret}). */
        public long endOffset() {
            return startOffset + 4L * instructionCount();
        }
    }

    /**
     * The prologue's length in instructions as Windows reckons it (codes up to {@code end}/{@code end_c},
     * custom frame codes 0xE8–0xF7 not counted): pc at instruction k &lt; prologueLength() is inside the
     * prologue, at byte offsets [0, 4·prologueLength()) of the fragment. 0 for a fragment whose codes
     * start with {@code end_c}, and for packed Flag 2.
     */
    public int prologueLength() {
        return prologue.instructionCount();
    }

    public UnwindMeaning {
        epilogs = List.copyOf(epilogs);
    }

    public static UnwindMeaning of(Xdata x) {
        Sequence pro = x.prologue();
        List<Epilog> epilogs = new ArrayList<>();
        if (x.e()) {
            Sequence s = x.sequenceAt(x.epilogCountOrIndex());
            long start = x.functionLengthBytes() - 4L * (s.instructionCount() + 1);
            if (start < 0) {
                throw new MalformedUnwindException("xdata E=1: epilogue of " + (s.instructionCount() + 1)
                        + " instructions longer than the function (0x" + Long.toHexString(x.functionLengthBytes()) + ")");
            }
            epilogs.add(new Epilog(start, s));
        } else {
            for (Xdata.EpilogScope scope : x.scopes()) {
                epilogs.add(new Epilog(4L * scope.startOffsetWords(), x.sequenceAt(scope.startIndex())));
            }
        }
        return new UnwindMeaning(x.functionLengthBytes(), pro, epilogs, x.x());
    }

    public static UnwindMeaning of(PackedUnwind p) {
        return p.meaning();
    }
}
