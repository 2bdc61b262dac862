package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Dense renumbering for readable reproducers: in every function, blocks become block0.. in
 * layout order, values v0.. in definition order (block parameters, then instruction results,
 * block by block), and stack slots, global values, signatures and function declarations
 * ss0/gv0/sig0/fn0.. in declaration order. The module means the same thing afterwards.
 */
public final class Renumber {
    private Renumber() {}

    public static Module dense(Module m) {
        return Edit.functions(m, m.functions().stream().map(Renumber::dense).toList());
    }

    public static Function dense(Function f) {
        Map<Value, Value> values = new HashMap<>();
        Map<BlockRef, BlockRef> blocks = new HashMap<>();
        for (Block b : f.blocks()) {
            blocks.putIfAbsent(b.ref(), new BlockRef(blocks.size()));
            for (Param p : b.params()) values.putIfAbsent(p.value(), new Value(values.size()));
            for (Inst i : b.insts()) for (Value r : i.results()) values.putIfAbsent(r, new Value(values.size()));
        }
        // uses of undefined values (invalid input) keep distinct numbers after the defined ones
        int[] extra = {values.size()};
        return new Rewriter(
                v -> values.computeIfAbsent(v, k -> new Value(extra[0]++)),
                b -> blocks.getOrDefault(b, b),
                ids(f.slots().stream().map(StackSlot::id).toList()),
                ids(f.globals().stream().map(GlobalValue::id).toList()),
                ids(f.sigs().stream().map(SigDecl::id).toList()),
                ids(f.funcs().stream().map(FuncDecl::id).toList())).function(f);
    }

    private static IntUnaryOperator ids(List<Integer> declared) {
        Map<Integer, Integer> map = new HashMap<>();
        for (int id : declared) map.putIfAbsent(id, map.size());
        return id -> map.getOrDefault(id, id);
    }
}
