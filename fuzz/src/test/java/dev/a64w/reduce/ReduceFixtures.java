package dev.a64w.reduce;

import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Generated modules with run lines, and the synthetic predicates the reducer tests use. */
final class ReduceFixtures {
    static final long FUEL = 100_000;

    private ReduceFixtures() {}

    /** The generated case for {@code seed}, its inputs as run lines with the interpreter's results. */
    static Module generated(GeneratorConfig cfg, long seed) {
        GeneratedCase c = new Generator(cfg).generate(new SeededSource(seed));
        var runs = new ArrayList<RunLine>();
        for (List<Long> in : c.inputs()) runs.add(new RunLine(0, c.entry(), in, true, List.of()));
        Module m = c.module();
        return Expectations.refresh(new Module(m.header(), m.imports(), m.data(), m.functions(), runs, m.skipped()), FUEL);
    }

    /** Instructions plus terminators over all functions. */
    static int instructions(Module m) {
        int n = 0;
        for (Function f : m.functions()) for (Block b : f.blocks()) n += b.insts().size() + 1;
        return n;
    }

    /** True when, in some function, the result of an {@code imul} flows (through operands and block arguments) into a {@code return}. */
    static boolean imulReachesReturn(Module m) {
        for (Function f : m.functions()) {
            Map<Value, List<Value>> flow = new HashMap<>();
            Map<BlockRef, Block> byRef = new HashMap<>();
            for (Block b : f.blocks()) byRef.put(b.ref(), b);
            List<Value> seeds = new ArrayList<>();
            for (Block b : f.blocks()) {
                for (Inst i : b.insts()) {
                    if (i instanceof Inst.Binary x && x.op() == BinaryOp.IMUL) seeds.add(x.result());
                    for (Value u : i.uses()) for (Value r : i.results()) flow.computeIfAbsent(u, k -> new ArrayList<>()).add(r);
                }
                for (BlockCall c : b.terminator().successors()) {
                    Block t = byRef.get(c.block());
                    for (int k = 0; k < c.args().size(); k++) {
                        flow.computeIfAbsent(c.args().get(k), x -> new ArrayList<>()).add(t.params().get(k).value());
                    }
                }
            }
            Set<Value> seen = new HashSet<>(seeds);
            var work = new ArrayDeque<>(seeds);
            while (!work.isEmpty()) for (Value n : flow.getOrDefault(work.poll(), List.of())) if (seen.add(n)) work.add(n);
            for (Block b : f.blocks()) {
                if (b.terminator() instanceof Terminator.Return r && r.values().stream().anyMatch(seen::contains)) return true;
            }
        }
        return false;
    }
}
