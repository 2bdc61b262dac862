package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.reduce.Pass.InstSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Constant folding: a pure instruction whose operands are all constants ({@code iconst}s,
 * {@code f32const}/{@code f64const}s, or foldable themselves) becomes constants of its results
 * (float results as float constants of the exact bits). The value comes from the reference interpreter running the
 * instruction alone (so folding has exactly the IR's semantics); instructions that trap there
 * are not folded.
 */
final class FoldPass {
    private static final long FUEL = 1_000;

    private FoldPass() {}

    static Pass<InstSite> fold() {
        return new Pass<>("fold-constants", m -> {
            var out = new ArrayList<InstSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                int f = fi;
                folds(m.functions().get(fi), (bi, ii, values) -> out.add(new InstSite(f, bi, ii)));
            }
            return out;
        }, (m, chosen) -> {
            Map<Integer, Set<InstSite>> byFn = new TreeMap<>();
            for (InstSite s : chosen) byFn.computeIfAbsent(s.fn(), k -> new HashSet<>()).add(s);
            Module cur = m;
            for (var e : byFn.entrySet()) {
                Function f = m.functions().get(e.getKey());
                Map<Value, Type> types = f.valueTypes();
                Map<Integer, Map<Integer, List<Long>>> replace = new HashMap<>();
                folds(f, (bi, ii, values) -> {
                    if (e.getValue().contains(new InstSite(e.getKey(), bi, ii))) replace.computeIfAbsent(bi, k -> new HashMap<>()).put(ii, values);
                });
                var blocks = new ArrayList<Block>();
                for (int bi = 0; bi < f.blocks().size(); bi++) {
                    Block b = f.blocks().get(bi);
                    Map<Integer, List<Long>> mine = replace.getOrDefault(bi, Map.of());
                    var insts = new ArrayList<Inst>();
                    for (int ii = 0; ii < b.insts().size(); ii++) {
                        Inst i = b.insts().get(ii);
                        List<Long> values = mine.get(ii);
                        if (values == null) insts.add(i);
                        else for (int k = 0; k < values.size(); k++) insts.add(Edit.constantBits(i.results().get(k), types.get(i.results().get(k)), values.get(k)));
                    }
                    blocks.add(Edit.insts(b, insts));
                }
                cur = Edit.function(cur, e.getKey(), Edit.blocks(f, blocks));
            }
            return cur;
        });
    }

    private interface FoldSink {
        void fold(int block, int inst, List<Long> values);
    }

    /**
     * Every foldable instruction of {@code f} in layout order with its results' values: operands
     * are {@code iconst}s or results of instructions folded before it, so a chain of foldable
     * instructions folds in one step. Pointers are not folded.
     */
    private static void folds(Function f, FoldSink sink) {
        Facts facts = Facts.of(f);
        Map<Value, Long> known = new HashMap<>();
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                if (i instanceof Inst.Iconst c) known.put(c.result(), c.imm());
                if (i instanceof Inst.Fconst c) known.put(c.result(), c.bits());
            }
        }
        for (int bi = 0; bi < f.blocks().size(); bi++) {
            List<Inst> insts = f.blocks().get(bi).insts();
            for (int ii = 0; ii < insts.size(); ii++) {
                Inst i = insts.get(ii);
                if (facts.anyProtected(i.results())) continue;
                List<Long> values = evaluate(i, known, facts.types);
                if (values == null) continue;
                for (int k = 0; k < values.size(); k++) known.put(i.results().get(k), values.get(k));
                sink.fold(bi, ii, values);
            }
        }
    }

    private static boolean pure(Inst i) {
        return switch (i) {
            case Inst.Unary x -> true;
            case Inst.Binary x -> true;
            case Inst.BinaryImm x -> true;
            case Inst.Icmp x -> true;
            case Inst.IcmpImm x -> true;
            case Inst.Select x -> true;
            case Inst.Overflow x -> true;
            case Inst.OverflowCarry x -> true;
            case Inst.OverflowTrap x -> true;
            // floats: the interpreter's FloatOps give the value (NaN payloads as AArch64 computes them);
            // a trapping fcvt_to_sint/uint is not folded (the evaluation returns no value)
            case Inst.FUnary x -> true;
            case Inst.FBinary x -> true;
            case Inst.Fma x -> true;
            case Inst.Fcmp x -> true;
            case Inst.FConv x -> true;
            default -> false;
        };
    }

    /** The results of {@code i} when all its operands are constants, or null. */
    private static List<Long> evaluate(Inst i, Map<Value, Long> known, Map<Value, Type> types) {
        if (!pure(i) || i.uses().isEmpty()) return null;
        var body = new ArrayList<Inst>();
        for (Value u : i.uses().stream().distinct().toList()) {
            Long c = known.get(u);
            if (c == null || types.get(u) == null) return null;
            body.add(Edit.constantBits(u, types.get(u), c));
        }
        body.add(i);
        List<Type> rets = i.results().stream().map(types::get).toList();
        if (rets.contains(null)) return null;
        Block b = new Block(new BlockRef(0), List.<Param>of(), body, new Terminator.Return(i.results()));
        Function f = new Function("fold", new Signature(List.of(), rets), List.of(), List.of(), List.of(), List.of(), List.of(b));
        try {
            return new Interpreter(Module.of(List.of(f)), new StandardHost(), FUEL).call("fold", List.of()) instanceof Outcome.Returned r
                    ? r.values() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
