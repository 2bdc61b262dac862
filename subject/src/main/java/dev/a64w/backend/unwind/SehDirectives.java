package dev.a64w.backend.unwind;

import dev.a64w.backend.UnwindOp;

/**
 * The {@code .seh_*} directive for each {@link UnwindOp}, spelled as LLVM's AArch64 assembler
 * parses and prints it (llvm/test/MC/AArch64/seh.s). The directive names the op, not the
 * canonical code: LLVM MC applies its own canonicalization, so an MC comparison also checks ours.
 * A pair starting at x29 is printed in its {@code fplr} form.
 */
public final class SehDirectives {
    private SehDirectives() {}

    public static final String PROC = ".seh_proc";
    public static final String END_PROLOGUE = ".seh_endprologue";
    public static final String START_EPILOGUE = ".seh_startepilogue";
    public static final String END_EPILOGUE = ".seh_endepilogue";
    public static final String END_PROC = ".seh_endproc";

    public static String of(UnwindOp op) {
        return switch (op) {
            case UnwindOp.SaveFpLrPre(int size) -> ".seh_save_fplr_x " + size;
            case UnwindOp.SaveFpLr(int offset) -> ".seh_save_fplr " + offset;
            case UnwindOp.SaveRegPairPre(int reg, int size) when reg == 29 -> ".seh_save_fplr_x " + size;
            case UnwindOp.SaveRegPairPre(int reg, int size) -> ".seh_save_regp_x x" + reg + ", " + size;
            case UnwindOp.SaveRegPair(int reg, int offset) when reg == 29 -> ".seh_save_fplr " + offset;
            case UnwindOp.SaveRegPair(int reg, int offset) -> ".seh_save_regp x" + reg + ", " + offset;
            case UnwindOp.SaveRegPre(int reg, int size) -> ".seh_save_reg_x x" + reg + ", " + size;
            case UnwindOp.SaveReg(int reg, int offset) -> ".seh_save_reg x" + reg + ", " + offset;
            case UnwindOp.SaveFRegPairPre(int reg, int size) -> ".seh_save_fregp_x d" + reg + ", " + size;
            case UnwindOp.SaveFRegPre(int reg, int size) -> ".seh_save_freg_x d" + reg + ", " + size;
            case UnwindOp.SaveFRegPair(int reg, int offset) -> ".seh_save_fregp d" + reg + ", " + offset;
            case UnwindOp.SaveFReg(int reg, int offset) -> ".seh_save_freg d" + reg + ", " + offset;
            case UnwindOp.AllocStack(int size) -> ".seh_stackalloc " + size;
            case UnwindOp.SetFp() -> ".seh_set_fp";
            case UnwindOp.AddFp(int offset) -> ".seh_add_fp " + offset;
            case UnwindOp.Nop() -> ".seh_nop";
        };
    }
}
