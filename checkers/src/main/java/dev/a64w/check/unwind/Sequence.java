package dev.a64w.check.unwind;

import java.util.List;

/**
 * One unwind sequence in normalized form: {@code ops} are the codes up to {@code end} or
 * {@code end_c}, one per instruction, in unwind order; {@code phantom} holds the codes between an
 * {@code end_c} and the final {@code end} (a parent fragment's prologue, executed but never
 * counted as instructions of this fragment). {@code endC} is true if the sequence ended with {@code end_c}.
 */
public record Sequence(List<UnwindOp> ops, boolean endC, List<UnwindOp> phantom) {
    public Sequence {
        ops = List.copyOf(ops);
        phantom = List.copyOf(phantom);
    }

    public static Sequence of(List<UnwindOp> ops) {
        return new Sequence(ops, false, List.of());
    }

    /**
     * Number of instructions this sequence describes as Windows counts them (excluding an epilogue's
     * final {@code ret}): one per op, except the custom frame codes 0xE8–0xF7, which describe frames
     * built without a prologue instruction (Windows' UnwindCodeInstructionCountTable; Wine
     * tests/unwind.c test_virtual_unwind_arm64 function_2/3/17 record it). Ops after {@code end_c}
     * (the phantom) are never counted.
     */
    public int instructionCount() {
        return (int) ops.stream().filter(UnwindOp::isInstruction).count();
    }

    /** Number of codes before {@code end}/{@code end_c} (save_next counted): the steps a skip walks over. */
    public int codeCount() {
        return ops.size();
    }

    /** Normalizes codes decoded by {@link UnwindCodes#decodeSequence} (terminated by {@code end}). */
    public static Sequence fromCodes(List<UnwindCode> codes) {
        List<UnwindOp> ops = new java.util.ArrayList<>();
        List<UnwindOp> phantom = new java.util.ArrayList<>();
        boolean afterEndC = false;
        int pendingNext = 0;
        for (UnwindCode c : codes) {
            if (c instanceof UnwindCode.End) {
                break;
            }
            if (c instanceof UnwindCode.EndC) {
                if (afterEndC) {
                    throw new MalformedUnwindException("unwind sequence: second end_c before end");
                }
                if (pendingNext > 0) {
                    throw new MalformedUnwindException("unwind sequence: save_next before end_c");
                }
                afterEndC = true;
                continue;
            }
            if (c instanceof UnwindCode.SaveNext) {
                pendingNext++;
                continue;
            }
            List<UnwindOp> target = afterEndC ? phantom : ops;
            UnwindOp op = CodeMeaning.of(c);
            if (pendingNext > 0) {
                if (!(op instanceof UnwindOp.Save save) || save.regs().size() != 2 || !CodeMeaning.isPairSave(c)) {
                    throw new MalformedUnwindException("unwind sequence: save_next expected before save_regp(_x), "
                            + "save_r19r20_x, save_fregp(_x) or a pair save_any_reg, actual " + c
                            + " (Windows fails such a sequence with STATUS_UNWIND_INVALID_SEQUENCE)");
                }
                target.addAll(CodeMeaning.nextPairs(save, pendingNext));
                pendingNext = 0;
            }
            target.add(op);
        }
        if (pendingNext > 0) {
            throw new MalformedUnwindException("unwind sequence: save_next at the end of a sequence");
        }
        return new Sequence(ops, afterEndC, phantom);
    }
}
