package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.VReg;
import java.util.ArrayList;
import java.util.List;

/** A lowered, non-terminator instruction over virtual registers. */
public sealed interface VInst {
    List<VReg> defs();

    List<VReg> uses();

    /**
     * Ordinary instruction(s): the machine instructions of {@code body}, over the virtual registers
     * of {@code defs}, {@code uses} and {@code temps} (and machine registers the allocator never hands
     * out). The body reads every use before it writes any def, unless {@code earlyDef}: then the defs
     * may be written first, so they get registers distinct from the uses. Temps are scratch
     * registers live only inside the instruction (they never share a register with a use or def).
     * At most 3 uses (2 with earlyDef). {@code origin} names where the lowering made it (e.g. {@code
     * block0/inst3}), for {@link VCodePrinter}.
     */
    record Op(List<VReg> defs, List<VReg> uses, List<VReg> temps, boolean earlyDef, List<Step> body, Origin origin) implements VInst {
        public Op(List<VReg> defs, List<VReg> uses, List<VReg> temps, boolean earlyDef, List<Step> body) {
            this(defs, uses, temps, earlyDef, body, Origin.NONE);
        }

        public Op {
            defs = List.copyOf(defs);
            uses = List.copyOf(uses);
            temps = List.copyOf(temps);
            body = List.copyOf(body);
            if (distinct(uses) > (earlyDef ? 2 : 3)) throw new IllegalArgumentException("too many uses for an op: " + uses);
        }

        /** The number of distinct registers in {@code regs}. */
        public static int distinct(List<VReg> regs) {
            int n = 0;
            for (int k = 0; k < regs.size(); k++) {
                if (regs.indexOf(regs.get(k)) == k) n++;
            }
            return n;
        }
    }

    /** The function's parameters arrive in their fixed places (x0..x7, v0..v7, then the caller's stack). First instruction of the entry. */
    record Params(List<Fixed> places) implements VInst {
        public Params {
            places = List.copyOf(places);
        }

        /** The parameters, in order. */
        public List<VReg> params() { return Fixed.vregs(places); }
        public List<VReg> defs() { return params(); }
        public List<VReg> uses() { return List.of(); }
    }

    /**
     * A call: arguments moved to their fixed places (x0..x7, v0..v7, then the outgoing stack area),
     * results taken from theirs (x0..x7, v0..v7); clobbers x0..x17 and the caller-saved fp registers.
     */
    record Call(CallTarget target, List<Fixed> args, List<Fixed> results) implements VInst {
        public Call {
            args = List.copyOf(args);
            results = List.copyOf(results);
            for (Fixed r : results) if (r instanceof Fixed.OnStack) throw new IllegalArgumentException("a call result on the stack: " + r);
        }

        public List<VReg> defs() { return Fixed.vregs(results); }

        public List<VReg> uses() {
            List<VReg> all = new ArrayList<>();
            if (target instanceof CallTarget.Indirect i) all.add(i.callee());
            for (Fixed a : args) all.add(a.v());
            return all;
        }
    }
}
