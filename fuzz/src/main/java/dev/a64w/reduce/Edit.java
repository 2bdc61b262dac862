package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small pure edits of the immutable IR records, shared by the passes. */
final class Edit {
    private Edit() {}

    static Module functions(Module m, List<Function> fs) {
        return new Module(m.header(), m.imports(), m.data(), fs, m.runs(), m.skipped());
    }

    static Module function(Module m, int index, Function f) {
        var fs = new ArrayList<>(m.functions());
        fs.set(index, f);
        return functions(m, fs);
    }

    static Module runs(Module m, List<RunLine> runs) {
        return new Module(m.header(), m.imports(), m.data(), m.functions(), runs, m.skipped());
    }

    static Function blocks(Function f, List<Block> blocks) {
        return new Function(f.name(), f.signature(), f.slots(), f.globals(), f.sigs(), f.funcs(), blocks);
    }

    static Block insts(Block b, List<Inst> insts) {
        return new Block(b.ref(), b.params(), insts, b.terminator());
    }

    static Block terminator(Block b, Terminator t) {
        return new Block(b.ref(), b.params(), b.insts(), t);
    }

    static int blockIndex(Function f, BlockRef ref) {
        for (int k = 0; k < f.blocks().size(); k++) if (f.blocks().get(k).ref().equals(ref)) return k;
        return -1;
    }

    /** One more than the highest value id defined or used in the function. */
    static int nextValueId(Function f) {
        int max = -1;
        for (Block b : f.blocks()) {
            for (Param p : b.params()) max = Math.max(max, p.value().id());
            for (Inst i : b.insts()) {
                for (Value v : i.results()) max = Math.max(max, v.id());
                for (Value v : i.uses()) max = Math.max(max, v.id());
            }
            for (Value v : b.terminator().uses()) max = Math.max(max, v.id());
        }
        return max + 1;
    }

    /** {@code iconst.T imm} defining each of {@code values}. */
    static List<Inst> consts(List<Value> values, List<Type> types, long imm) {
        var out = new ArrayList<Inst>();
        for (int k = 0; k < values.size(); k++) out.add(constant(values.get(k), types.get(k), imm));
        return out;
    }

    /**
     * {@code v = iconst.T imm} for an integer type; for a float type {@code f32const}/{@code f64const}
     * of the number {@code imm} ({@code 0} is +0.0, {@code 1} is 1.0), never an iconst of a float type.
     */
    static Inst constant(Value v, Type t, long imm) {
        if (t.isInt()) return new Inst.Iconst(v, t, imm);
        long bits = t == Type.F32 ? Float.floatToRawIntBits((float) imm) & 0xffff_ffffL : Double.doubleToRawLongBits((double) imm);
        return new Inst.Fconst(v, t, bits);
    }

    /** {@code v} defined as the raw value {@code bits} of type {@code t} (an iconst, or a float constant of those bits). */
    static Inst constantBits(Value v, Type t, long bits) {
        return t.isInt() ? new Inst.Iconst(v, t, bits) : new Inst.Fconst(v, t, t.zext(bits));
    }

    /** Fresh values {@code next, next+1, ...}, one per type. */
    static List<Value> fresh(int next, int count) {
        var out = new ArrayList<Value>();
        for (int k = 0; k < count; k++) out.add(new Value(next + k));
        return out;
    }

    /** Replaces every use of a key by its value, following chains (a -> b -> c gives a -> c). */
    static Function substitute(Function f, Map<Value, Value> map) {
        if (map.isEmpty()) return f;
        Map<Value, Value> resolved = new HashMap<>();
        return Rewriter.values(v -> resolve(map, resolved, v)).function(f);
    }

    /** The end of {@code v}'s chain; every value on the way is remembered, so n chained lookups cost O(n), not O(n^2). A cycle ends where it closes. */
    private static Value resolve(Map<Value, Value> map, Map<Value, Value> resolved, Value v) {
        var path = new ArrayList<Value>();
        Set<Value> onPath = new HashSet<>();
        Value cur = v;
        while (true) {
            Value known = resolved.get(cur);
            if (known != null) {
                cur = known;
                break;
            }
            Value next = map.get(cur);
            if (next == null || !onPath.add(cur)) break;
            path.add(cur);
            cur = next;
        }
        for (Value p : path) resolved.put(p, cur);
        return cur;
    }

    /** Indices of blocks reachable from the entry. */
    static Set<Integer> reachable(Function f) {
        Map<BlockRef, Integer> index = new HashMap<>();
        for (int k = 0; k < f.blocks().size(); k++) index.putIfAbsent(f.blocks().get(k).ref(), k);
        Set<Integer> seen = new HashSet<>();
        if (f.blocks().isEmpty()) return seen;
        var work = new ArrayDeque<Integer>();
        work.add(0);
        seen.add(0);
        while (!work.isEmpty()) {
            Block b = f.blocks().get(work.poll());
            for (BlockCall c : b.terminator().successors()) {
                Integer t = index.get(c.block());
                if (t != null && seen.add(t)) work.add(t);
            }
        }
        return seen;
    }

    /** The function without blocks unreachable from the entry (their values cannot be used by reachable ones). */
    static Function dropUnreachable(Function f) {
        Set<Integer> live = reachable(f);
        if (live.size() == f.blocks().size()) return f;
        var blocks = new ArrayList<Block>();
        for (int k = 0; k < f.blocks().size(); k++) if (live.contains(k)) blocks.add(f.blocks().get(k));
        return blocks(f, blocks);
    }

    /** Number of block-call edges into each block, over all blocks of the function. */
    static Map<BlockRef, Integer> incoming(Function f) {
        Map<BlockRef, Integer> in = new HashMap<>();
        for (Block b : f.blocks()) for (BlockCall c : b.terminator().successors()) in.merge(c.block(), 1, Integer::sum);
        return in;
    }
}
