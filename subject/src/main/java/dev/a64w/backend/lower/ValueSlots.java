package dev.a64w.backend.lower;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.Value;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Array positions for the values of one function, so the lowering keeps its per-value tables
 * (vreg, type) in arrays, and how often each value is used: a value's slot is its id when every id
 * is below {@link #DIRECT_LIMIT} (ids as the parser and the generator give them, dense from 0),
 * else the position of its first appearance in layout order. Every value a block parameter,
 * instruction or terminator names has a slot.
 */
final class ValueSlots {
    /** Ids below this are slots themselves (a table then takes at most this many entries). */
    static final int DIRECT_LIMIT = 1 << 20;

    private final Map<Value, Integer> numbered; // null: the slot is the id
    private final int[] uses; // by slot

    private ValueSlots(Map<Value, Integer> numbered, int[] uses) {
        this.numbered = numbered;
        this.uses = uses;
    }

    static ValueSlots of(Function f) {
        int max = -1;
        int[] uses = new int[64]; // by id, for ids below DIRECT_LIMIT
        for (Block b : f.blocks()) {
            for (Param p : b.params()) max = Math.max(max, p.value().id());
            for (Inst i : b.insts()) {
                List<Value> used = i.uses();
                max = Math.max(max, Math.max(maxId(i.results()), maxId(used)));
                uses = count(used, uses);
            }
            List<Value> used = b.terminator().uses();
            max = Math.max(max, maxId(used));
            uses = count(used, uses);
        }
        if (max < DIRECT_LIMIT) return new ValueSlots(null, Arrays.copyOf(uses, max + 1));
        return numbered(f);
    }

    private static int maxId(List<Value> values) {
        int max = -1;
        for (int k = 0; k < values.size(); k++) max = Math.max(max, values.get(k).id());
        return max;
    }

    /** Counts the uses of {@code values} (ids below the limit) into {@code uses}, grown as needed. */
    private static int[] count(List<Value> values, int[] uses) {
        for (int k = 0; k < values.size(); k++) {
            int id = values.get(k).id();
            if (id >= DIRECT_LIMIT) continue;
            if (id >= uses.length) uses = Arrays.copyOf(uses, Math.max(2 * uses.length, id + 1));
            uses[id]++;
        }
        return uses;
    }

    /** Slots in order of first appearance, for functions with ids at or above the limit. */
    private static ValueSlots numbered(Function f) {
        Map<Value, Integer> numbered = new HashMap<>();
        for (Block b : f.blocks()) {
            for (Param p : b.params()) numbered.putIfAbsent(p.value(), numbered.size());
            for (Inst i : b.insts()) {
                for (Value v : i.results()) numbered.putIfAbsent(v, numbered.size());
                for (Value v : i.uses()) numbered.putIfAbsent(v, numbered.size());
            }
            for (Value v : b.terminator().uses()) numbered.putIfAbsent(v, numbered.size());
        }
        int[] uses = new int[numbered.size()];
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) for (Value v : i.uses()) uses[numbered.get(v)]++;
            for (Value v : b.terminator().uses()) uses[numbered.get(v)]++;
        }
        return new ValueSlots(numbered, uses);
    }

    /** Length of a table indexed by slot. */
    int size() {
        return uses.length;
    }

    /** The slot of {@code v}, or -1 for a value the function never names. */
    int of(Value v) {
        if (numbered == null) return v.id() < uses.length ? v.id() : -1;
        Integer k = numbered.get(v);
        return k == null ? -1 : k;
    }

    /** How many times {@code v} is used: instruction operands and terminator arguments. */
    int useCount(Value v) {
        int k = of(v);
        return k < 0 ? 0 : uses[k];
    }
}
