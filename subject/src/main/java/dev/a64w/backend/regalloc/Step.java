package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.FOperand;
import dev.a64w.backend.a64.FpInst.FpMemOp;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Reg;

/**
 * One step of a lowered op's body: a machine instruction over virtual registers (machine registers
 * after allocation, through {@link dev.a64w.backend.a64.Operands#resolve}), or one of the few
 * things only emission can settle: where a local label is, whether a move is needed, a stack
 * slot's offset from SP.
 */
public sealed interface Step {
    /** An instruction, emitted as it is once its registers and labels are resolved. */
    record Machine(A64Inst inst) implements Step {}

    /** Local label {@code label} is here. */
    record Bind(LocalLabel label) implements Step {}

    /** A register move left out when its two registers are allocated the same one ({@link InstSink#copy}). */
    record Copy(A64Inst move) implements Step {
        public Copy {
            InstSink.isNoOp(move); // checks that it is a register move
        }
    }

    /**
     * A load or store of {@code rt} at {@code offset} bytes into explicit stack slot {@code slot}
     * (its offset from SP is fixed by the frame, after allocation); {@code tmp} holds the offset
     * when no immediate form reaches it.
     */
    record SlotAccess(LdStOp op, Reg rt, int slot, long offset, Reg tmp) implements Step {}

    /** The same for an SIMD&amp;FP register. */
    record FpSlotAccess(FpMemOp op, FpSize size, FOperand rt, int slot, long offset, Reg tmp) implements Step {}

    /** {@code rd} = the address of byte {@code offset} of stack slot {@code slot}. */
    record SlotAddress(Reg rd, int slot, long offset) implements Step {}
}
