package dev.a64w.backend.lower;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Array positions for the values of one function, so the lowering keeps its per-value tables
 * (vreg, type, use count) in arrays: a value's slot is its id when every id is below {@link
 * #DIRECT_LIMIT} (ids as the parser and the generator give them, dense from 0), else the position of
 * its first appearance in layout order. Every value a block parameter, instruction or terminator
 * names has a slot.
 */
final class ValueSlots {
    /** Ids below this are slots themselves (a table then takes at most this many entries). */
    static final int DIRECT_LIMIT = 1 << 20;

    private final Map<Value, Integer> numbered; // null: the slot is the id
    private final int size;

    private ValueSlots(Map<Value, Integer> numbered, int size) {
        this.numbered = numbered;
        this.size = size;
    }

    static ValueSlots of(Function f) {
        int max = -1;
        for (Block b : f.blocks()) {
            for (Param p : b.params()) max = Math.max(max, p.value().id());
            for (Inst i : b.insts()) {
                max = Math.max(max, maxId(i.results()));
                max = Math.max(max, maxId(i.uses()));
            }
            max = Math.max(max, maxId(b.terminator().uses()));
        }
        if (max < DIRECT_LIMIT) return new ValueSlots(null, max + 1);
        Map<Value, Integer> numbered = new HashMap<>();
        for (Block b : f.blocks()) {
            for (Param p : b.params()) numbered.putIfAbsent(p.value(), numbered.size());
            for (Inst i : b.insts()) {
                for (Value v : i.results()) numbered.putIfAbsent(v, numbered.size());
                for (Value v : i.uses()) numbered.putIfAbsent(v, numbered.size());
            }
            for (Value v : b.terminator().uses()) numbered.putIfAbsent(v, numbered.size());
        }
        return new ValueSlots(numbered, numbered.size());
    }

    private static int maxId(List<Value> values) {
        int max = -1;
        for (int k = 0; k < values.size(); k++) max = Math.max(max, values.get(k).id());
        return max;
    }

    /** Length of a table indexed by slot. */
    int size() {
        return size;
    }

    /** The slot of {@code v}, or -1 for a value the function never names. */
    int of(Value v) {
        if (numbered == null) return v.id() < size ? v.id() : -1;
        Integer k = numbered.get(v);
        return k == null ? -1 : k;
    }
}
