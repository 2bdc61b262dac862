package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;

/** What an instruction emitter sees after allocation: the register of each operand, frame offsets. */
public interface OpCtx {
    /** The machine register holding (use) or receiving (def/temp) {@code v} for this instruction. */
    MReg mreg(VReg v);

    /** The general-purpose register of integer-class {@code v}. */
    default Gpr reg(VReg v) {
        if (mreg(v) instanceof Gpr g) return g;
        throw new IllegalStateException(v + " is not in a general-purpose register");
    }

    /** The SIMD&amp;FP register of float-class {@code v}. */
    default FReg freg(VReg v) {
        if (mreg(v) instanceof FReg f) return f;
        throw new IllegalStateException(v + " is not in an fp register");
    }

    /** Offset from SP of explicit stack slot {@code slotId}. */
    int slotOffset(int slotId);
}
