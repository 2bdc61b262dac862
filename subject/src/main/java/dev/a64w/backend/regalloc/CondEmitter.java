package dev.a64w.backend.regalloc;

import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.Cond;

/** Emits a flag-setting test for a conditional branch and returns the condition for "taken". */
@FunctionalInterface
public interface CondEmitter {
    Cond emit(OpCtx c, MachineBuffer buf);
}
