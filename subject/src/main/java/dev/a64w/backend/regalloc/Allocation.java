package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.VReg;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The allocator's result: a location for every virtual register that is defined or used, the
 * number of spill slots, and per class the callee-saved registers the frame must save (x19 up and
 * d8 up, each a contiguous run; both empty when no callee-saved register of that class is used).
 */
public final class Allocation {
    private final Loc[] locs;
    private final int spillSlots;
    private final List<Gpr> savedGprs;
    private final List<FReg> savedFregs;

    Allocation(Loc[] locs, int spillSlots, List<Gpr> savedGprs, List<FReg> savedFregs) {
        this.locs = locs.clone();
        this.spillSlots = spillSlots;
        this.savedGprs = List.copyOf(savedGprs);
        this.savedFregs = List.copyOf(savedFregs);
    }

    public Optional<Loc> loc(VReg v) {
        return v.id() < locs.length ? Optional.ofNullable(locs[v.id()]) : Optional.empty();
    }

    public int spillSlots() {
        return spillSlots;
    }

    /** Callee-saved general-purpose registers used: x19..x(18+n). */
    public List<Gpr> savedGprs() {
        return savedGprs;
    }

    /** Callee-saved fp registers used: d8..d(7+n). */
    public List<FReg> savedFregs() {
        return savedFregs;
    }

    @Override
    public String toString() {
        return "Allocation" + Arrays.toString(locs) + " spills=" + spillSlots + " saved=" + savedGprs + " " + savedFregs;
    }
}
