package dev.a64w.backend;

/**
 * The unwind effect of one prologue or epilogue instruction, in neutral terms (what the instruction
 * does to SP and which registers it saves where). Offsets are in bytes. The unwind package maps
 * these to Windows ARM64 unwind codes; exactly one op per prologue/epilogue instruction.
 * Registers are numbered as in the ISA: x0..x30 (29 = fp, 30 = lr), d0..d31.
 */
public sealed interface UnwindOp {
    /** {@code stp x29, x30, [sp, #-size]!} (pre-index, SP decreases by {@code size}). */
    record SaveFpLrPre(int size) implements UnwindOp {}

    /** {@code stp x29, x30, [sp, #offset]}. */
    record SaveFpLr(int offset) implements UnwindOp {}

    /** {@code stp xR, xR+1, [sp, #-size]!}. */
    record SaveRegPairPre(int reg, int size) implements UnwindOp {}

    /** {@code stp xR, xR+1, [sp, #offset]}. */
    record SaveRegPair(int reg, int offset) implements UnwindOp {}

    /** {@code str xR, [sp, #-size]!}. */
    record SaveRegPre(int reg, int size) implements UnwindOp {}

    /** {@code str xR, [sp, #offset]}. */
    record SaveReg(int reg, int offset) implements UnwindOp {}

    /** {@code stp dR, dR+1, [sp, #-size]!}. */
    record SaveFRegPairPre(int reg, int size) implements UnwindOp {}

    /** {@code str dR, [sp, #-size]!}. */
    record SaveFRegPre(int reg, int size) implements UnwindOp {}

    /** {@code stp dR, dR+1, [sp, #offset]}. */
    record SaveFRegPair(int reg, int offset) implements UnwindOp {}

    /** {@code str dR, [sp, #offset]}. */
    record SaveFReg(int reg, int offset) implements UnwindOp {}

    /** {@code sub sp, sp, #size} (or a register form after {@code __chkstk}); size a multiple of 16. */
    record AllocStack(int size) implements UnwindOp {}

    /** {@code mov x29, sp}. */
    record SetFp() implements UnwindOp {}

    /** {@code add x29, sp, #offset}. */
    record AddFp(int offset) implements UnwindOp {}

    /** An instruction with no unwind effect inside a prologue or epilogue (mov x15, bl __chkstk...). */
    record Nop() implements UnwindOp {}
}
