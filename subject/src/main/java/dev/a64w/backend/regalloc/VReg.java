package dev.a64w.backend.regalloc;

/**
 * A virtual register: one SSA value or a temporary of the lowering. Holds 64 bits, in the register
 * file of its class. Ids are unique across classes within a function.
 */
public record VReg(int id, RegClass cls) {
    public VReg {
        if (cls == null) throw new IllegalArgumentException("vreg %" + id + " without a register class");
    }

    /** An integer-class vreg. */
    public VReg(int id) {
        this(id, RegClass.INT);
    }

    /** The generated equals, spelled out: it is on the compiler's hot path, and the generated one calls through a method handle. */
    @Override
    public boolean equals(Object o) {
        return o instanceof VReg other && other.id == id && other.cls == cls;
    }

    @Override
    public int hashCode() {
        return id;
    }

    public boolean isFloat() {
        return cls == RegClass.FLOAT;
    }

    /** {@code %id}: the class is not part of the name (ids are unique); {@link VCodePrinter} shows it where it matters. */
    @Override
    public String toString() {
        return "%" + id;
    }
}
