package dev.a64w.backend.regalloc;

import java.util.Arrays;
import java.util.Optional;

/**
 * The allocator's result: a location for every virtual register that is defined or used, the
 * number of spill slots, and how many callee-saved registers from x19 up the frame must save.
 */
public final class Allocation {
    private final Loc[] locs;
    private final int spillSlots;
    private final int savedRegs;

    Allocation(Loc[] locs, int spillSlots, int savedRegs) {
        this.locs = locs.clone();
        this.spillSlots = spillSlots;
        this.savedRegs = savedRegs;
    }

    public Optional<Loc> loc(VReg v) {
        return v.id() < locs.length ? Optional.ofNullable(locs[v.id()]) : Optional.empty();
    }

    public int spillSlots() {
        return spillSlots;
    }

    public int savedRegs() {
        return savedRegs;
    }

    @Override
    public String toString() {
        return "Allocation" + Arrays.toString(locs) + " spills=" + spillSlots + " saved=" + savedRegs;
    }
}
