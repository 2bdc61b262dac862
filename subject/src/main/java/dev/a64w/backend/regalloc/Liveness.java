package dev.a64w.backend.regalloc;

import java.util.BitSet;

/**
 * Block-level liveness of virtual registers (backward dataflow to a fixpoint). Block parameters are
 * defined at the top of their block; edge arguments are used by the predecessor's terminator.
 */
public final class Liveness {
    private final BitSet[] liveIn;
    private final BitSet[] liveOut;

    private Liveness(BitSet[] liveIn, BitSet[] liveOut) {
        this.liveIn = liveIn;
        this.liveOut = liveOut;
    }

    public static Liveness of(VCode code) {
        return of(OperandTable.of(code));
    }

    static Liveness of(OperandTable t) {
        int n = t.blocks();
        BitSet[] use = new BitSet[n], def = new BitSet[n], in = new BitSet[n], out = new BitSet[n];
        int vregs = t.vregCount();
        for (int b = 0; b < n; b++) {
            use[b] = new BitSet(vregs);
            def[b] = new BitSet(vregs);
            in[b] = new BitSet(vregs);
            out[b] = new BitSet(vregs);
            // in item order, an item's uses before its defs: a use counts when no earlier item of the block defined it
            for (int k = t.first(t.top(b)), end = t.first(t.terminator(b) + 1); k < end; k++) {
                int v = t.vreg(k);
                switch (t.role(k)) {
                    case OperandTable.USE -> { if (!def[b].get(v)) use[b].set(v); }
                    case OperandTable.DEF, OperandTable.EARLY_DEF -> def[b].set(v);
                    default -> { }
                }
            }
        }
        boolean changed = true;
        BitSet o = new BitSet(vregs), i = new BitSet(vregs);
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                o.clear();
                for (int succ : t.successors(b)) o.or(in[succ]);
                i.clear();
                i.or(o);
                i.andNot(def[b]);
                i.or(use[b]);
                if (!o.equals(out[b]) || !i.equals(in[b])) {
                    out[b] = (BitSet) o.clone();
                    in[b] = (BitSet) i.clone();
                    changed = true;
                }
            }
        }
        return new Liveness(in, out);
    }

    public BitSet liveIn(int block) {
        return (BitSet) liveIn[block].clone();
    }

    public BitSet liveOut(int block) {
        return (BitSet) liveOut[block].clone();
    }
}
