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
import java.util.List;
import java.util.Map;

/**
 * Constant folding: a pure instruction whose operands are all {@code iconst}s becomes
 * {@code iconst}s of its results. The value comes from the reference interpreter running the
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
                Function f = m.functions().get(fi);
                Facts facts = Facts.of(f);
                Map<Value, Inst.Iconst> consts = consts(f);
                for (int bi = 0; bi < f.blocks().size(); bi++) {
                    List<Inst> insts = f.blocks().get(bi).insts();
                    for (int ii = 0; ii < insts.size(); ii++) {
                        Inst i = insts.get(ii);
                        if (!facts.anyProtected(i.results()) && evaluate(i, consts, facts.types) != null) out.add(new InstSite(fi, bi, ii));
                    }
                }
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            // last site first: folding an instruction with two results shifts the ones after it
            var order = new ArrayList<>(chosen);
            order.sort(java.util.Comparator.comparingInt(InstSite::fn).thenComparingInt(InstSite::block)
                    .thenComparingInt(InstSite::inst).reversed());
            for (InstSite s : order) {
                Function f = cur.functions().get(s.fn());
                Block b = f.blocks().get(s.block());
                Inst i = b.insts().get(s.inst());
                Map<Value, Type> types = f.valueTypes();
                List<Long> values = evaluate(i, consts(f), types);
                if (values == null) continue;
                var insts = new ArrayList<>(b.insts());
                insts.remove(s.inst());
                for (int k = i.results().size() - 1; k >= 0; k--) {
                    Value r = i.results().get(k);
                    insts.add(s.inst(), new Inst.Iconst(r, types.get(r), values.get(k)));
                }
                var blocks = new ArrayList<>(f.blocks());
                blocks.set(s.block(), Edit.insts(b, insts));
                cur = Edit.function(cur, s.fn(), Edit.blocks(f, blocks));
            }
            return cur;
        });
    }

    private static Map<Value, Inst.Iconst> consts(Function f) {
        Map<Value, Inst.Iconst> out = new HashMap<>();
        for (Block b : f.blocks()) for (Inst i : b.insts()) if (i instanceof Inst.Iconst c) out.put(c.result(), c);
        return out;
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
            default -> false;
        };
    }

    /** The results of {@code i} when all its operands are constants, or null. */
    private static List<Long> evaluate(Inst i, Map<Value, Inst.Iconst> consts, Map<Value, Type> types) {
        if (!pure(i) || i.uses().isEmpty()) return null;
        var body = new ArrayList<Inst>();
        for (Value u : i.uses().stream().distinct().toList()) {
            Inst.Iconst c = consts.get(u);
            if (c == null) return null;
            body.add(c);
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
