package dev.a64w.backend.regalloc;

/** A virtual register: one SSA value or a temporary of the lowering. Holds 64 bits. */
public record VReg(int id) {
    @Override
    public String toString() {
        return "%" + id;
    }
}
