package dev.a64w.gen;

import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * One function: entry block with the signature's parameters, stack slots initialized at entry,
 * a structured body, and a return. With the "fold" policy the return value combines many earlier
 * values, which keeps them live across every call in the body (pressure on x19-x28 and spills).
 * With {@code sizedBytes > 0} the body holds a {@link SizedCode} block of about that many bytes.
 * In a module with floats, a function is sometimes a {@link FloatAcrossCalls} body instead.
 */
final class FunctionGen {
    /** The function and its estimated dynamic cost (for callers' budgets). */
    record Result(Function function, long cost) {}

    private FunctionGen() {}

    /**
     * Chance (permille) that a function of a module with floats, if it can call something, is a
     * {@link FloatAcrossCalls} body (only floats live across its calls; no stack slots).
     */
    static final int FLOATS_ACROSS_CALLS_PERMILLE = 125;

    static Result generate(ByteSource src, GeneratorConfig cfg, String name, Signature sig, List<Callee> callees,
                           DataGen.DataPlan data, int sizedBytes) {
        var b = new FunctionBuilder(name, sig);
        var vals = new ValueGen(src, cfg, b);
        var entry = b.newBlock(sig.params());
        b.place(entry);
        for (var p : entry.params) b.pool.add(p.value(), p.type());
        var insts = new InstGen(src, cfg, b, vals);
        var mem = new MemoryGen(src, b, vals, data.areas());
        var calls = new CallGen(src, cfg, b, vals, callees, data.fnEntries());
        // no draw unless floats are on: the levels without them draw as before
        boolean floatsAcross = sizedBytes == 0 && cfg.enabled(OpFamily.FLOAT) && calls.possible()
                && src.chance(FLOATS_ACROSS_CALLS_PERMILLE);
        if (cfg.enabled(OpFamily.STACK) && !floatsAcross) mem.setUpSlots(cfg.bigFramePermille());
        var cfgGen = new CfgGen(src, cfg, b, vals, insts, mem, calls);
        if (floatsAcross) {
            FloatAcrossCalls.body(src, b, vals, insts, calls);
        } else if (sizedBytes > 0) {
            int before = src.nextInt(0, cfg.maxRegions());
            cfgGen.body(0, before);
            if (!b.terminated()) cfgGen.sized(0, sizedBytes);
            cfgGen.body(0, Math.max(0, cfg.maxRegions() - before));
        } else {
            cfgGen.body(0, cfg.maxRegions());
        }
        if (src.chance(400)) fold(b, vals, sig.returns().getFirst());
        cfgGen.leave();
        Function f = new Function(name, sig, b.slots, b.globals, b.sigs, b.funcs, b.blocks());
        return new Result(f, b.cost);
    }

    /** Combines up to 24 values of type {@code t} from the pool with iadd/bxor into a new pool value. */
    private static void fold(FunctionBuilder b, ValueGen vals, Type t) {
        if (t.isFloat()) return; // iadd/bxor fold integers only
        var vs = new ArrayList<Value>();
        for (var v : b.pool.ofType(t)) vs.add(v.value());
        if (vs.size() < 2) return;
        List<Value> use = vs.size() > 24 ? vs.subList(vs.size() - 24, vs.size()) : vs;
        Value acc = use.getFirst();
        for (int k = 1; k < use.size(); k++) {
            Value r = b.newValue();
            b.emit(new Inst.Binary(k % 2 == 0 ? BinaryOp.IADD : BinaryOp.BXOR, r, t, acc, use.get(k)));
            acc = r;
        }
        b.pool.add(acc, t);
    }

}
