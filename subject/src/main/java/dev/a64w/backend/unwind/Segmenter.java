package dev.a64w.backend.unwind;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a function into unwind segments as LLVM's MC does for functions longer than one .xdata record
 * can describe (reference §6.2; MCWin64EH "ARM64FindSegmentsInFunction"):
 * <ul>
 *   <li>a function of at most {@link #MAX_SEGMENT} bytes is one segment;</li>
 *   <li>otherwise, while more than {@code MAX_SEGMENT} bytes remain, the next segment is
 *       {@code MAX_SEGMENT} bytes long, unless an epilogue (its instructions and its {@code ret})
 *       does not end inside it although it starts at or before its end: then the segment ends
 *       where that epilogue starts, so no epilogue is ever split;</li>
 *   <li>the rest is the last segment; each epilogue belongs to the segment holding its {@code ret}.</li>
 * </ul>
 * The prologue must lie in the first segment. Pure function.
 */
public final class Segmenter {
    private Segmenter() {}

    /** FunctionLength is 18 bits of words: 0x3FFFF words = 0xFFFFC bytes. */
    public static final int MAX_SEGMENT = XdataRecord.MAX_FUNCTION_WORDS * 4;

    public static List<Segment> split(String function, int functionLength, FunctionUnwind unwind) {
        int prologueEnd = 4 * unwind.prologue().size();
        if (prologueEnd > Math.min(functionLength, MAX_SEGMENT)) {
            throw new CompileException("function " + function + ": prologue of 0x" + Integer.toHexString(prologueEnd)
                    + " bytes does not fit the first unwind segment (0x" + Integer.toHexString(Math.min(functionLength, MAX_SEGMENT)) + ")");
        }
        List<Epilogue> epilogues = unwind.epilogues();
        List<Segment> out = new ArrayList<>();
        int e = 0;
        int offset = 0;
        while (functionLength - offset > MAX_SEGMENT) {
            int end = offset + MAX_SEGMENT;
            List<Epilogue> inside = new ArrayList<>();
            while (e < epilogues.size() && epilogues.get(e).endOffset() + 4 <= end) {
                inside.add(epilogues.get(e++));
            }
            if (e < epilogues.size() && epilogues.get(e).startOffset() <= end) {
                end = epilogues.get(e).startOffset();
            }
            if (end <= offset) {
                throw new CompileException("function " + function + ": epilogue at offset 0x"
                        + Integer.toHexString(epilogues.get(e).startOffset()) + " is longer than an unwind segment (0x"
                        + Integer.toHexString(MAX_SEGMENT) + " bytes)");
            }
            out.add(new Segment(offset, end - offset, inside));
            offset = end;
        }
        out.add(new Segment(offset, functionLength - offset, epilogues.subList(e, epilogues.size())));
        return out;
    }
}
