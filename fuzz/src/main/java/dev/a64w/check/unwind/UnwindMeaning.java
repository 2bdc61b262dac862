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

    /** One epilogue: it starts at {@code startOffset} and its codes are {@code sequence}. */
    public record Epilog(long startOffset, Sequence sequence) {
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
