package dev.a64w.backend.regalloc;

/** A virtual register: one SSA value or a temporary of the lowering. Holds 64 bits. */
public record VReg(int id) {
    /** The generated equals, spelled out: it is on the compiler's hot path, and the generated one calls through a method handle. */
    @Override
    public boolean equals(Object o) {
        return o instanceof VReg other && other.id == id;
    }

    @Override
    public String toString() {
        return "%" + id;
    }
}
