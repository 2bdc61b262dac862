package dev.a64w.check.unwind;

import java.util.List;

/**
 * The meaning of one prologue or epilogue instruction, independent of how it was encoded. Two
 * encodings that mean the same thing map to equal ops: {@code save_regp x29} and
 * {@code save_fplr}; {@code save_r19r20_x} and {@code save_regp_x x19}; {@code add_fp 0} and
 * {@code set_fp}; the three alloc sizes; {@code save_any_reg} and the dedicated codes;
 * {@code save_next} expanded to the pair it saves. Stored in unwind order (reverse of execution).
 */
public sealed interface UnwindOp {

    enum RegClass { X, D, Q }

    /** A register: x0..x30, d0..d31 or q0..q31. */
    record Reg(RegClass cls, int number) {
        public static Reg x(int n) {
            return new Reg(RegClass.X, n);
        }

        public static Reg d(int n) {
            return new Reg(RegClass.D, n);
        }

        public static Reg q(int n) {
            return new Reg(RegClass.Q, n);
        }

        public int size() {
            return cls == RegClass.Q ? 16 : 8;
        }

        @Override
        public String toString() {
            return cls.name().toLowerCase() + number;
        }
    }

    /** {@code sub sp,sp,#bytes} in the prologue; the unwinder adds {@code bytes} to sp. */
    record Alloc(long bytes) implements UnwindOp {
    }

    /**
     * A store of one or two registers at consecutive slots (8 bytes for X and D, 16 for Q). Without
     * writeback: at {@code [sp,#offset]}; with writeback (pre-indexed): at {@code [sp,#-offset]!}, so
     * the unwinder loads from sp and then adds {@code offset}. A D restore writes the low half of the
     * vector register, a Q restore both halves (Windows' RtlpUnwindRestoreFpRegisterRange /
     * RestoreSimdRegisterRange; docs/unwind-windows.md "save_any_reg").
     */
    record Save(List<Reg> regs, long offset, boolean writeback) implements UnwindOp {
        public Save {
            regs = List.copyOf(regs);
        }
    }

    /** {@code add x29,sp,#offset} ({@code mov x29,sp} when 0); the unwinder sets sp = x29 − offset. */
    record SetFp(long offset) implements UnwindOp {
    }

    /** An instruction without unwind effect. */
    record Nop() implements UnwindOp {
    }

    /** {@code pacibsp}: the unwinder strips the PAC from lr (the identity on the ARMv8.0 emulator). */
    record PacSignLr() implements UnwindOp {
    }

    /**
     * A code that is not an ordinary save/alloc, by its first byte: the custom frames 0xE8 trap frame,
     * 0xE9 machine frame, 0xEA context, 0xEB EC context, 0xEC clear_unwound_to_call, which Windows
     * executes; and the codes Windows rejects when it executes them (0xDF, 0xED–0xF7). Windows'
     * instruction-count table gives 0xE8–0xF7 no instruction (they describe frames set up without a
     * prologue instruction) but they still use one skip step each; 0xDF counts as one instruction.
     * See docs/unwind-windows.md "Custom codes" and "Reserved codes".
     */
    record Special(int code) implements UnwindOp {
        /** Whether Windows counts this code as a prologue/epilogue instruction. */
        public boolean countsAsInstruction() {
            return code < 0xE8 || code > 0xF7;
        }
    }

    /** Whether Windows counts this op as one prologue/epilogue instruction (everything but 0xE8–0xF7). */
    public static boolean isInstruction(UnwindOp op) {
        return !(op instanceof Special s) || s.countsAsInstruction();
    }
}
