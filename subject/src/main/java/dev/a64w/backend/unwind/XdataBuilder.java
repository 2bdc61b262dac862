package dev.a64w.backend.unwind;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindStep;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Builds the full .xdata record of one function from its neutral unwind facts (reference §6 and
 * LLVM's MCWin64EH rules):
 * <ul>
 *   <li>the prologue must be one code per instruction from offset 0 on, each epilogue one code per
 *       instruction, contiguous, directly followed by its {@code ret} (which the {@code end} code
 *       stands for);</li>
 *   <li>prologue codes are stored in reverse execution order, then {@code end}; consecutive integer
 *       pairs are folded into {@code save_next} first, in prologues and epilogues alike
 *       ({@link UnwindCodes#foldSaveNext}), so sharing is decided on the folded codes, as in LLVM;</li>
 *   <li>an epilogue's codes are stored in its execution order, then {@code end}; an epilogue whose
 *       sequence equals a tail of the prologue's stored sequence points into it, one equal to an
 *       earlier stored epilogue reuses that one's index, others are appended;</li>
 *   <li>E=1 (no scope words) exactly when LLVM uses it: a single epilogue whose {@code ret} ends the
 *       function, and either its codes are a prologue tail at index ≤ 31 with prologue codes
 *       ≤ 124 bytes, or (not shared) the prologue codes take ≤ 31 bytes and all codes ≤ 124.</li>
 *   <li>a function longer than {@link Segmenter#MAX_SEGMENT} bytes gets one record per segment
 *       ({@link #buildSegments}); the rules above then apply per segment, with the segment's own
 *       length, its own epilogues and, after the first, codes that start with {@code end_c}. The
 *       E=1 limits are checked on the codes as written (with the {@code end_c}); LLVM checks them
 *       before adding it, which differs only for a prologue of 31 or 124 code bytes, where LLVM's
 *       index or count would overflow its field.</li>
 * </ul>
 */
public final class XdataBuilder {
    private XdataBuilder() {}

    /** The record of a function that is one segment (at most {@link Segmenter#MAX_SEGMENT} bytes). */
    public static XdataRecord build(String function, int functionLength, FunctionUnwind unwind) {
        checkShape(function, functionLength, unwind);
        return build(function, new Segment(0, functionLength, unwind.epilogues()), unwind);
    }

    /** The record of every segment of the function, in order (see {@link Segmenter}). */
    public static List<XdataRecord> buildSegments(String function, int functionLength, FunctionUnwind unwind) {
        checkShape(function, functionLength, unwind);
        List<XdataRecord> out = new ArrayList<>();
        for (Segment s : Segmenter.split(function, functionLength, unwind)) out.add(build(function, s, unwind));
        return out;
    }

    /**
     * The record of one segment. A segment without the prologue starts its codes with {@code end_c}
     * followed by the whole prologue's codes (the "phantom prologue": the unwinder runs them but no
     * instruction of the segment corresponds to them), then {@code end}; epilogue scopes count from
     * the segment start; a segment with neither prologue nor epilogue gets E=1 with index 0 (the
     * {@code end_c}), as LLVM writes it.
     */
    static XdataRecord build(String function, Segment segment, FunctionUnwind unwind) {
        List<UnwindCode> prologue = UnwindCodes.prologue(function, unwind.prologue());
        List<UnwindCode> codes = new ArrayList<>();
        if (!segment.hasPrologue()) codes.add(new UnwindCode.EndC());
        codes.addAll(prologue.reversed());
        codes.add(new UnwindCode.End());
        int prologueBytes = bytes(codes);
        String name = segment.offset() == 0 ? function : function + "+0x" + Integer.toHexString(segment.offset());

        List<List<UnwindCode>> epilogues = new ArrayList<>();
        for (Epilogue e : segment.epilogues()) {
            List<UnwindCode> seq = new ArrayList<>(UnwindCodes.epilogue(function, e.steps()));
            seq.add(new UnwindCode.End());
            epilogues.add(seq);
        }

        if (epilogues.isEmpty() && !segment.hasPrologue()) {
            return new XdataRecord(name, segment.length(), OptionalInt.of(0), List.of(), codes);
        }
        if (epilogues.size() == 1) {
            Epilogue only = segment.epilogues().getFirst();
            List<UnwindCode> seq = epilogues.getFirst();
            if (only.endOffset() + 4 == segment.end()) {
                int tail = tailIndex(codes, seq);
                if (tail >= 0 && tail <= 31 && prologueBytes <= 124) {
                    return new XdataRecord(name, segment.length(), OptionalInt.of(tail), List.of(), codes);
                }
                if (tail < 0 && prologueBytes <= 31 && prologueBytes + bytes(seq) <= 124) {
                    codes.addAll(seq);
                    return new XdataRecord(name, segment.length(), OptionalInt.of(prologueBytes), List.of(), codes);
                }
            }
        }

        List<EpilogScope> scopes = new ArrayList<>();
        List<Integer> storedAt = new ArrayList<>();
        List<List<UnwindCode>> stored = new ArrayList<>();
        List<UnwindCode> prologueCodes = List.copyOf(codes);
        for (int i = 0; i < epilogues.size(); i++) {
            List<UnwindCode> seq = epilogues.get(i);
            int index = tailIndex(prologueCodes, seq);
            if (index < 0) {
                int k = stored.indexOf(seq);
                if (k >= 0) {
                    index = storedAt.get(k);
                } else {
                    index = bytes(codes);
                    stored.add(seq);
                    storedAt.add(index);
                    codes.addAll(seq);
                }
            }
            scopes.add(new EpilogScope(segment.epilogues().get(i).startOffset() - segment.offset(), index));
        }
        return new XdataRecord(name, segment.length(), OptionalInt.empty(), scopes, codes);
    }

    /** The byte index at which {@code seq} is a suffix of {@code prologueCodes}, or -1. */
    static int tailIndex(List<UnwindCode> prologueCodes, List<UnwindCode> seq) {
        int from = prologueCodes.size() - seq.size();
        if (from < 0 || !prologueCodes.subList(from, prologueCodes.size()).equals(seq)) return -1;
        return bytes(prologueCodes.subList(0, from));
    }

    static int bytes(List<UnwindCode> codes) {
        int n = 0;
        for (UnwindCode c : codes) n += c.length();
        return n;
    }

    static void checkShape(String function, int functionLength, FunctionUnwind unwind) {
        List<UnwindStep> pro = unwind.prologue();
        for (int i = 0; i < pro.size(); i++) {
            if (pro.get(i).offset() != 4 * i) {
                throw new CompileException("function " + function + ": prologue step " + i + " (" + pro.get(i).op()
                        + ") at offset 0x" + Integer.toHexString(pro.get(i).offset()) + ", expected 0x"
                        + Integer.toHexString(4 * i) + " (one code per instruction, contiguous from the function start)");
            }
        }
        int previousEnd = 4 * pro.size();
        for (Epilogue e : unwind.epilogues()) {
            int at = e.startOffset();
            for (UnwindStep s : e.steps()) {
                if (s.offset() != at) {
                    throw new CompileException("function " + function + ": epilogue step " + s.op() + " at offset 0x"
                            + Integer.toHexString(s.offset()) + ", expected 0x" + Integer.toHexString(at)
                            + " (epilogue instructions must be contiguous)");
                }
                at += 4;
            }
            if (e.endOffset() != at) {
                throw new CompileException("function " + function + ": epilogue ret at offset 0x" + Integer.toHexString(e.endOffset())
                        + ", expected 0x" + Integer.toHexString(at) + " (right after the last epilogue step)");
            }
            if (e.startOffset() < previousEnd) {
                throw new CompileException("function " + function + ": epilogue at offset 0x" + Integer.toHexString(e.startOffset())
                        + " overlaps the prologue or the previous epilogue (which end at 0x" + Integer.toHexString(previousEnd) + ")");
            }
            if (e.endOffset() + 4 > functionLength) {
                throw new CompileException("function " + function + ": epilogue ret at offset 0x" + Integer.toHexString(e.endOffset())
                        + " outside the function (length 0x" + Integer.toHexString(functionLength) + ")");
            }
            previousEnd = e.endOffset() + 4;
        }
    }
}
