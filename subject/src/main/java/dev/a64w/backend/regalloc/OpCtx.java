package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.Gpr;

/** What an instruction emitter sees after allocation: the register of each operand, frame offsets. */
public interface OpCtx {
    /** The register holding (use) or receiving (def/temp) {@code v} for this instruction. */
    Gpr reg(VReg v);

    /** Offset from SP of explicit stack slot {@code slotId}. */
    int slotOffset(int slotId);
}
