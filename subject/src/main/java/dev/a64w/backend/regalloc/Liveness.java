package dev.a64w.backend.regalloc;

import java.util.BitSet;
import java.util.List;

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
        List<VBlock> blocks = code.blocks();
        int n = blocks.size();
        BitSet[] use = new BitSet[n], def = new BitSet[n], in = new BitSet[n], out = new BitSet[n];
        for (int b = 0; b < n; b++) {
            VBlock blk = blocks.get(b);
            use[b] = new BitSet();
            def[b] = new BitSet();
            in[b] = new BitSet();
            out[b] = new BitSet();
            for (VReg p : blk.params()) def[b].set(p.id());
            for (VInst i : blk.insts()) {
                for (VReg u : i.uses()) if (!def[b].get(u.id())) use[b].set(u.id());
                for (VReg d : i.defs()) def[b].set(d.id());
            }
            for (VReg u : blk.term().uses()) if (!def[b].get(u.id())) use[b].set(u.id());
        }
        boolean changed = true;
        BitSet o = new BitSet(), i = new BitSet();
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                o.clear();
                for (Edge e : blocks.get(b).term().edges()) o.or(in[e.block()]);
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
