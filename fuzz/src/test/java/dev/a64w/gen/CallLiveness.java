package dev.a64w.gen;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values live across each call of a function ({@code call}, {@code call_indirect}; a tail call
 * leaves the function): defined before the call and used after it, by backward liveness over the
 * blocks (block parameters are defined at their block's entry, block-call arguments are uses of the
 * branch). What a compiler must keep in callee-saved registers or spill around the call.
 */
final class CallLiveness {
    private CallLiveness() {}

    /** For each call in layout order, the values live across it (its results excluded). */
    static List<Set<Value>> acrossCalls(Function f) {
        Map<BlockRef, Block> byRef = new HashMap<>();
        for (Block b : f.blocks()) byRef.put(b.ref(), b);
        Map<BlockRef, Set<Value>> liveIn = new HashMap<>();
        for (Block b : f.blocks()) liveIn.put(b.ref(), new HashSet<>());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : f.blocks().reversed()) {
                Set<Value> in = blockIn(b, liveOut(b, liveIn), null);
                if (!in.equals(liveIn.get(b.ref()))) {
                    liveIn.put(b.ref(), in);
                    changed = true;
                }
            }
        }
        List<Set<Value>> out = new ArrayList<>();
        for (Block b : f.blocks()) {
            List<Set<Value>> inBlock = new ArrayList<>();
            blockIn(b, liveOut(b, liveIn), inBlock);
            out.addAll(inBlock.reversed());
        }
        return out;
    }

    private static Set<Value> liveOut(Block b, Map<BlockRef, Set<Value>> liveIn) {
        Set<Value> out = new HashSet<>();
        for (BlockCall s : b.terminator().successors()) out.addAll(liveIn.getOrDefault(s.block(), Set.of()));
        return out;
    }

    /** Live-in of {@code b} given its live-out; the sets live across its calls go to {@code across} (last call first). */
    private static Set<Value> blockIn(Block b, Set<Value> liveOut, List<Set<Value>> across) {
        Set<Value> live = new HashSet<>(liveOut);
        live.addAll(b.terminator().uses());
        for (Inst i : b.insts().reversed()) {
            i.results().forEach(live::remove);
            if (across != null && (i instanceof Inst.Call || i instanceof Inst.CallIndirect)) across.add(Set.copyOf(live));
            live.addAll(i.uses());
        }
        for (Param p : b.params()) live.remove(p.value());
        return live;
    }
}
