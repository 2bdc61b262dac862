package dev.a64w.backend.regalloc;

import dev.a64w.backend.MachineBuffer;

/**
 * Emits the machine code of one lowered instruction. Contract: read every use before writing any
 * def (unless the instruction is marked early-def); use only the registers the context gives (never
 * x15..x18, which the emitter keeps for reloads, moves and the platform).
 */
@FunctionalInterface
public interface OpEmitter {
    void emit(OpCtx c, MachineBuffer buf);
}
