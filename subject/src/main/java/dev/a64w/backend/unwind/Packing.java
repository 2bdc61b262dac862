package dev.a64w.backend.unwind;

import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a function's unwind data can be packed into its {@code .pdata} entry (Flag 1) and
 * computes the packed word. The decision is LLVM MC's (llvm/lib/MC/MCWin64EH.cpp, LLVM 20), made on
 * the same codes, so the object LLVM MC makes from the subject's listing and the subject's own
 * object agree entry by entry. All of the following must hold (reference §5.1):
 * <ol>
 *   <li>the function is one unwind segment of at most 0x7FF words, without an exception handler;</li>
 *   <li>it has exactly one epilogue and that epilogue's {@code ret} (or tail-call branch) is the
 *       function's last instruction;</li>
 *   <li>the epilogue's codes (after {@code save_next} folding) are the prologue's whole stored
 *       sequence (index 0), or that sequence without its first code, which then must be the
 *       {@code set_fp} that ends the prologue (index 1);</li>
 *   <li>the prologue is the canonical one of some packed fields ({@link #canonical}).</li>
 * </ol>
 * Pure.
 */
public final class Packing {
    private Packing() {}

    /** The packed form of the function's unwind data, or empty when some rule above fails. */
    public static Optional<PackedUnwind> tryPack(String function, int functionLength, FunctionUnwind unwind) {
        if (functionLength % 4 != 0 || functionLength / 4 > PackedUnwind.MAX_FUNCTION_WORDS
                || functionLength > Segmenter.MAX_SEGMENT || unwind.epilogues().size() != 1) {
            return Optional.empty();
        }
        Epilogue only = unwind.epilogues().getFirst();
        if (only.endOffset() + 4 != functionLength) {
            return Optional.empty();
        }
        List<UnwindCode> prologue = UnwindCodes.prologue(function, unwind.prologue());
        List<UnwindCode> stored = new ArrayList<>(prologue.reversed());
        stored.add(new UnwindCode.End());
        List<UnwindCode> epilogue = new ArrayList<>(UnwindCodes.epilogue(function, only.steps()));
        epilogue.add(new UnwindCode.End());
        int index = XdataBuilder.tailIndex(stored, epilogue);
        boolean mirrored = index == 0
                || (index == 1 && stored.getFirst() instanceof UnwindCode.SetFp);
        if (!mirrored) {
            return Optional.empty();
        }
        return canonical(prologue).map(f -> f.packed(functionLength));
    }

    /** Where the walk over a prologue stands: which codes may come next. */
    private enum Phase { START, INT_REGS, FP_REGS, HOMED, ALLOC, FRAME_RECORD, DONE }

    /** What a canonical prologue saves and allocates, as the walk found it. */
    record Frame(int regI, int regF, boolean lrAlone, boolean chained, int predecrement, int locals) {
        PackedUnwind packed(int functionLength) {
            int cr = chained ? 3 : lrAlone ? 1 : 0;
            return new PackedUnwind(functionLength, regF == 0 ? 0 : regF - 1, regI, false, cr, saveArea() + locals);
        }

        int saveArea() {
            return (8 * regI + (lrAlone ? 8 : 0) + 8 * regF + 15) & ~15;
        }
    }

    /**
     * The frame a prologue describes when it is, code for code in execution order, the canonical
     * prologue of packed data ("ARM64 exception handling", canonical prologue; reference §5.1):
     * <ol>
     *   <li>integer registers from x19 up: a pre-decrementing first store ({@code save_r19r20_x}, or
     *       {@code save_reg_x x19} for one register, {@code save_reg_x lr} for lr alone), then pairs
     *       ({@code save_regp} at 8·(registers so far), or {@code save_next}), and at most one odd
     *       register or lr last ({@code save_reg}, or {@code save_lrpair} for the last register with lr);</li>
     *   <li>d8 up in pairs ({@code save_fregp}, pre-decrementing {@code save_fregp_x d8} when nothing
     *       came before), at 8·(integer slots + d registers so far), an odd last one with {@code save_freg};</li>
     *   <li>homing {@code nop}s (exactly four would set H, which LLVM never packs: neither does this);</li>
     *   <li>the locals: one {@code alloc}, or 4080 then the rest; and for a chained frame either
     *       {@code save_fplr_x} (instead of the allocation) or the allocation then {@code save_fplr 0},
     *       followed by {@code set_fp}.</li>
     * </ol>
     * Then the pre-decrement must equal the save area rounded to 16, a chained frame's record must
     * take at least 16 bytes, the locals must be a multiple of 16, and the whole frame at most
     * 0x1FF0 bytes. Single d registers, {@code alloc_l}, {@code add_fp}, {@code save_regp_x} and the
     * fragment codes never appear in a canonical prologue.
     */
    static Optional<Frame> canonical(List<UnwindCode> prologue) {
        Phase at = Phase.START;
        int regI = 0;
        int regF = 0;
        boolean lrAlone = false;
        boolean chained = false;
        int predecrement = 0;
        int locals = 0;
        int nops = 0;
        for (UnwindCode c : prologue) {
            int slots = regI + (lrAlone ? 1 : 0) + regF;
            switch (c) {
                case UnwindCode.SaveR19R20X(int size) -> {
                    if (at != Phase.START) return Optional.empty();
                    predecrement = size;
                    regI = 2;
                    at = Phase.INT_REGS;
                }
                case UnwindCode.SaveRegX(int reg, int size) -> {
                    if (at != Phase.START || (reg != 19 && reg != 30)) return Optional.empty();
                    predecrement = size;
                    if (reg == 19) regI = 1;
                    else lrAlone = true;
                    at = Phase.FP_REGS;
                }
                case UnwindCode.SaveRegP(int reg, int offset) -> {
                    if (at != Phase.INT_REGS || offset != 8 * regI || reg != 19 + regI) return Optional.empty();
                    regI += 2;
                }
                case UnwindCode.SaveReg(int reg, int offset) -> {
                    if (at != Phase.INT_REGS || offset != 8 * regI || (reg != 19 + regI && reg != 30)) return Optional.empty();
                    if (reg == 30) lrAlone = true;
                    else regI += 1;
                    at = Phase.FP_REGS;
                }
                case UnwindCode.SaveLrPair(int reg, int offset) -> {
                    if (at != Phase.INT_REGS || offset != 8 * regI || reg != 19 + regI) return Optional.empty();
                    regI += 1;
                    lrAlone = true;
                    at = Phase.FP_REGS;
                }
                case UnwindCode.SaveNext n -> {
                    if (at == Phase.INT_REGS) regI += 2;
                    else if (at == Phase.FP_REGS) regF += 2;
                    else return Optional.empty();
                }
                case UnwindCode.SaveFRegPX(int reg, int size) -> {
                    if (at != Phase.START || reg != 8) return Optional.empty();
                    predecrement = size;
                    regF = 2;
                    at = Phase.FP_REGS;
                }
                case UnwindCode.SaveFRegP(int reg, int offset) -> {
                    if ((at != Phase.INT_REGS && at != Phase.FP_REGS) || reg != 8 + regF || offset != 8 * slots) {
                        return Optional.empty();
                    }
                    regF += 2;
                    at = Phase.FP_REGS;
                }
                case UnwindCode.SaveFReg(int reg, int offset) -> {
                    if (at != Phase.FP_REGS || regF == 0 || reg != 8 + regF || offset != 8 * slots) return Optional.empty();
                    regF += 1;
                    at = Phase.HOMED;
                }
                case UnwindCode.Nop n -> {
                    if (at != Phase.INT_REGS && at != Phase.FP_REGS && at != Phase.HOMED) return Optional.empty();
                    nops++;
                    at = Phase.HOMED;
                }
                case UnwindCode.AllocS(int size) -> {
                    if (!allocates(at, locals)) return Optional.empty();
                    locals += size;
                    at = Phase.ALLOC;
                }
                case UnwindCode.AllocM(int size) -> {
                    if (!allocates(at, locals)) return Optional.empty();
                    locals += size;
                    at = Phase.ALLOC;
                }
                case UnwindCode.SaveFpLrX(int size) -> {
                    if (!recordsAfterSaves(at)) return Optional.empty();
                    locals = size;
                    chained = true;
                    at = Phase.FRAME_RECORD;
                }
                case UnwindCode.SaveFpLr(int offset) -> {
                    if (at != Phase.ALLOC || offset != 0) return Optional.empty();
                    chained = true;
                    at = Phase.FRAME_RECORD;
                }
                case UnwindCode.SetFp s -> {
                    if (at != Phase.FRAME_RECORD) return Optional.empty();
                    at = Phase.DONE;
                }
                case UnwindCode.SaveRegPX x -> { return Optional.empty(); }
                case UnwindCode.SaveFRegX x -> { return Optional.empty(); }
                case UnwindCode.AllocL x -> { return Optional.empty(); }
                case UnwindCode.AddFp x -> { return Optional.empty(); }
                case UnwindCode.End x -> { return Optional.empty(); }
                case UnwindCode.EndC x -> { return Optional.empty(); }
            }
        }
        Frame f = new Frame(regI, regF, lrAlone, chained, predecrement, locals);
        boolean fits = regI <= 10 && regF <= 8 && !(lrAlone && chained) && (!chained || at == Phase.DONE)
                && nops == 0 && predecrement == f.saveArea() && (!chained || locals >= 16) && locals % 16 == 0
                && f.saveArea() + locals <= PackedUnwind.MAX_FRAME_UNITS * 16;
        return fits ? Optional.of(f) : Optional.empty();
    }

    /**
     * An allocation may follow the saves (or start the prologue), and one more may follow a first
     * allocation of exactly 4080 bytes (the two-{@code sub} form of a large frame).
     */
    private static boolean allocates(Phase at, int localsSoFar) {
        return switch (at) {
            case START, INT_REGS, FP_REGS, HOMED, ALLOC -> localsSoFar == 0 || localsSoFar == 4080;
            case FRAME_RECORD, DONE -> false;
        };
    }

    /** {@code save_fplr_x} allocates the locals itself, so it follows the saves, never an allocation. */
    private static boolean recordsAfterSaves(Phase at) {
        return switch (at) {
            case START, INT_REGS, FP_REGS, HOMED -> true;
            case ALLOC, FRAME_RECORD, DONE -> false;
        };
    }
}
