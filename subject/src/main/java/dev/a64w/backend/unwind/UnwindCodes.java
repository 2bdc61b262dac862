package dev.a64w.backend.unwind;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one neutral {@link UnwindOp} (one prologue or epilogue instruction) to exactly one Windows
 * ARM64 {@link UnwindCode}. Uses LLVM's choices where they are simply the natural encoding
 * (MCWin64EH simplifyARM64Opcodes, AArch64WinCOFFStreamer):
 * <ul>
 *   <li>a pair starting at x29 is {@code save_fplr} / {@code save_fplr_x};</li>
 *   <li>a pre-indexed x19/x20 pair with size ≤ 0xf8 is {@code save_r19r20_x};</li>
 *   <li>{@code add x29, sp, #0} is {@code set_fp};</li>
 *   <li>allocations: {@code alloc_s} below 0x200, {@code alloc_m} below 0x4000, else {@code alloc_l}.</li>
 * </ul>
 * A whole prologue or epilogue ({@link #prologue}, {@link #epilogue}) also folds integer pairs into
 * {@code save_next} as LLVM MC does ({@link #foldSaveNext}), so the bytes, and the tail sharing
 * decided on them, are LLVM's.
 */
public final class UnwindCodes {
    private UnwindCodes() {}

    /** LLVM's alloc_s/alloc_m split point (AArch64WinCOFFStreamer). */
    public static final int ALLOC_M_FROM = 0x200;
    /** LLVM's alloc_m/alloc_l split point; the encoding itself would allow alloc_m up to 0x7ff0. */
    public static final int ALLOC_L_FROM = 0x4000;

    /**
     * The code for one step.
     *
     * @throws CompileException naming the function, the step's offset and op when the op has no
     *     encoding (register outside the callee-saved range, offset out of range or misaligned)
     */
    public static UnwindCode of(String function, UnwindStep step) {
        try {
            return of(step.op());
        } catch (IllegalArgumentException e) {
            throw new CompileException("function " + function + ": unwind op " + step.op() + " at offset 0x"
                    + Integer.toHexString(step.offset()) + " has no Windows ARM64 unwind code: " + e.getMessage(), e);
        }
    }

    /** The code for one op; {@link IllegalArgumentException} when it has none. */
    public static UnwindCode of(UnwindOp op) {
        return switch (op) {
            case UnwindOp.SaveFpLrPre(int size) -> new UnwindCode.SaveFpLrX(size);
            case UnwindOp.SaveFpLr(int offset) -> new UnwindCode.SaveFpLr(offset);
            case UnwindOp.SaveRegPairPre(int reg, int size) when reg == 29 -> new UnwindCode.SaveFpLrX(size);
            case UnwindOp.SaveRegPairPre(int reg, int size) when reg == 19 && size > 0 && size <= 0xf8 && size % 8 == 0 ->
                    new UnwindCode.SaveR19R20X(size);
            case UnwindOp.SaveRegPairPre(int reg, int size) -> new UnwindCode.SaveRegPX(reg, size);
            case UnwindOp.SaveRegPair(int reg, int offset) when reg == 29 -> new UnwindCode.SaveFpLr(offset);
            case UnwindOp.SaveRegPair(int reg, int offset) -> new UnwindCode.SaveRegP(reg, offset);
            case UnwindOp.SaveRegPre(int reg, int size) -> new UnwindCode.SaveRegX(reg, size);
            case UnwindOp.SaveReg(int reg, int offset) -> new UnwindCode.SaveReg(reg, offset);
            case UnwindOp.SaveFRegPairPre(int reg, int size) -> new UnwindCode.SaveFRegPX(reg, size);
            case UnwindOp.SaveFRegPre(int reg, int size) -> new UnwindCode.SaveFRegX(reg, size);
            case UnwindOp.SaveFRegPair(int reg, int offset) -> new UnwindCode.SaveFRegP(reg, offset);
            case UnwindOp.SaveFReg(int reg, int offset) -> new UnwindCode.SaveFReg(reg, offset);
            case UnwindOp.AllocStack(int size) when size < ALLOC_M_FROM -> new UnwindCode.AllocS(size);
            case UnwindOp.AllocStack(int size) when size < ALLOC_L_FROM -> new UnwindCode.AllocM(size);
            case UnwindOp.AllocStack(int size) -> new UnwindCode.AllocL(size);
            case UnwindOp.SetFp() -> new UnwindCode.SetFp();
            case UnwindOp.AddFp(int offset) when offset == 0 -> new UnwindCode.SetFp();
            case UnwindOp.AddFp(int offset) -> new UnwindCode.AddFp(offset);
            case UnwindOp.Nop() -> new UnwindCode.Nop();
        };
    }

    /** The codes of a prologue's steps, in execution order, {@code save_next} folded. */
    public static List<UnwindCode> prologue(String function, List<UnwindStep> steps) {
        List<UnwindCode> out = new ArrayList<>();
        for (UnwindStep s : steps) out.add(of(function, s));
        return foldSaveNext(out);
    }

    /**
     * The codes of an epilogue's steps, in execution order (which is also their stored order),
     * {@code save_next} folded. An epilogue undoes a prologue backwards, so the folding reads it
     * from its last instruction to its first.
     */
    public static List<UnwindCode> epilogue(String function, List<UnwindStep> steps) {
        List<UnwindCode> out = new ArrayList<>();
        for (UnwindStep s : steps) out.add(of(function, s));
        return foldSaveNext(out.reversed()).reversed();
    }

    /**
     * Folds integer pair saves into {@code save_next}, reading {@code codes} in the order a prologue
     * executes them (Microsoft: save_next saves the next pair 16 bytes above the previous one):
     * a {@code save_regp xR} at offset {@code o} becomes {@code save_next} when the code before it
     * saved the pair {@code xR-2, xR-1} at {@code o - 16}. The pair a pre-indexed save
     * ({@code save_r19r20_x}, {@code save_regp_x}) stores sits at offset 0; a {@code save_next}
     * continues the chain by one pair. Floating-point pairs are never folded (LLVM MC leaves them
     * alone: older Windows unwinders mishandle save_next on d registers). Pure.
     */
    public static List<UnwindCode> foldSaveNext(List<UnwindCode> codes) {
        List<UnwindCode> out = new ArrayList<>(codes.size());
        int lastReg = -1;
        int lastOffset = -1;
        for (UnwindCode c : codes) {
            UnwindCode folded = c;
            if (c instanceof UnwindCode.SaveRegP(int reg, int offset) && lastReg >= 0 && reg == lastReg + 2
                    && offset == lastOffset + 16) {
                folded = new UnwindCode.SaveNext();
            }
            switch (folded) {
                case UnwindCode.SaveR19R20X x -> { lastReg = 19; lastOffset = 0; }
                case UnwindCode.SaveRegPX(int reg, int size) -> { lastReg = reg; lastOffset = 0; }
                case UnwindCode.SaveRegP(int reg, int offset) -> { lastReg = reg; lastOffset = offset; }
                case UnwindCode.SaveNext n -> { lastReg += 2; lastOffset += 16; }
                default -> { lastReg = -1; lastOffset = -1; }
            }
            out.add(folded);
        }
        return out;
    }
}
