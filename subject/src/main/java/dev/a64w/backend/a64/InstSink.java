package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.FpInst.FpRR;
import dev.a64w.backend.a64.FpInst.FpUnOp;

/**
 * Where instruction sequences go: the machine buffer (machine registers, encoded at once) or a
 * lowered op's body (virtual registers, kept as data until allocation). The sequence helpers of
 * the lowering write to either.
 */
public interface InstSink {
    void emit(A64Inst inst);

    /**
     * A register move ({@code mov rd, rm} as {@code orr rd, zr, rm}, or {@code fmov rd, rn}) that is
     * left out when its destination and source are the same register. The buffer decides at once; a
     * body records it and emission decides with the allocated registers.
     */
    default void copy(A64Inst move) {
        if (!isNoOp(move)) emit(move);
    }

    /** Whether the register move {@code move} has the same destination and source (IllegalArgumentException for anything else). */
    static boolean isNoOp(A64Inst move) {
        return switch (move) {
            case AluRRR m when m.op() == AluOp.ORR && m.rn() instanceof Zr -> m.rd().equals(m.rm());
            case FpRR m when m.op() == FpUnOp.FMOV -> m.rd().equals(m.rn());
            default -> throw new IllegalArgumentException("not a register move: " + move);
        };
    }
}
