package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.Gpr;

/** Where a virtual register lives: a machine register or a spill slot of the frame. */
public sealed interface Loc {
    record InReg(Gpr reg) implements Loc {}

    /** Spill slot number {@code slot} (8 bytes each; the frame layout gives the offset). */
    record Spill(int slot) implements Loc {}
}
