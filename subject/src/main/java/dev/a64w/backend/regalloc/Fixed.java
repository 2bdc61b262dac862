package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.abi.ArgRegisters;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.VReg;
import java.util.ArrayList;
import java.util.List;

/**
 * An operand whose place the calling convention fixes: a parameter, a call's argument or result, a
 * returned value. The lowering decides the place once; the allocator takes a fixed register as the
 * vreg's preferred register, and emission moves the value between its allocated location and the
 * fixed place.
 */
public sealed interface Fixed {
    VReg v();

    /** {@code v} in machine register {@code reg} (of its class). */
    record InReg(VReg v, MReg reg) implements Fixed {
        public InReg {
            if ((reg instanceof FReg) != v.isFloat()) throw new IllegalArgumentException(v + " (" + v.cls() + ") fixed to " + reg);
        }
    }

    /** {@code v} in stack argument slot {@code slot} (8 bytes each, in argument order). */
    record OnStack(VReg v, int slot) implements Fixed {}

    /**
     * The Windows ARM64 places of {@code values} in list order: the k-th value of a class is
     * register k of that class (x0..x7, v0..v7; the classes are counted separately), and, with
     * {@code stackAfter8} (arguments, parameters), the values beyond the eighth of their class go to
     * the stack slots in list order. Without it (results), a ninth value of a class is an error.
     */
    public static List<Fixed> abi(List<VReg> values, boolean stackAfter8) {
        List<Fixed> out = new ArrayList<>(values.size());
        int ints = 0, floats = 0, stack = 0;
        for (VReg v : values) {
            int pos = v.isFloat() ? floats++ : ints++;
            if (pos < ArgRegisters.PER_CLASS) {
                out.add(new InReg(v, v.isFloat() ? FReg.v(pos) : Gpr.x(pos)));
            } else if (stackAfter8) {
                out.add(new OnStack(v, stack++));
            } else {
                throw new IllegalArgumentException("more than " + ArgRegisters.PER_CLASS + " " + v.cls() + " values in registers: " + values);
            }
        }
        return out;
    }

    /** The vregs of {@code places}, in order. */
    public static List<VReg> vregs(List<Fixed> places) {
        List<VReg> out = new ArrayList<>(places.size());
        for (Fixed f : places) out.add(f.v());
        return out;
    }
}
