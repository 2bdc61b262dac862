package dev.a64w.backend.a64;

/**
 * A virtual register: one SSA value or a temporary of the lowering. Holds 64 bits, in the register
 * file of its class. Ids are unique across classes within a function.
 * <p>It is an operand of the same instruction records as the machine registers: the lowering builds
 * {@link A64Inst}s over virtual registers, and after allocation {@link Operands#resolve} rewrites
 * them with machine registers. An integer-class vreg stands where a {@link Gpr} may stand, a
 * float-class one where an {@link FReg} may; the instruction constructors check the class. A
 * virtual register has no encoding: the encoder rejects an instruction that still holds one.
 */
public record VReg(int id, RegClass cls) implements Reg, FOperand {
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

    /** Never: virtual registers are replaced before encoding (an IllegalStateException: a compiler bug). */
    @Override
    public int encoding() {
        throw new IllegalStateException("virtual register " + this + " reached the encoder: it was never allocated");
    }

    /** {@code %id} at every width. */
    @Override
    public String name(Size size) {
        return toString();
    }

    /** {@code %id} at every precision. */
    @Override
    public String name(FpSize size) {
        return toString();
    }

    /** {@code %id}: the class is not part of the name (ids are unique); the VCode printer shows it where it matters. */
    @Override
    public String toString() {
        return "%" + id;
    }
}
