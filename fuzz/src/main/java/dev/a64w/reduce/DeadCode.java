package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dead code by liveness, not by use counts: a value is live when a terminator (other than through
 * a block argument) or an instruction that must stay reads it, or a live value is computed from it
 * (operands of its definition, the arguments every edge passes to a live block parameter).
 * Instructions that may go ({@link Facts#removableKind}) and non-entry block parameters with no live
 * result are dead. Removing a chosen dead item also removes every dead item that reads it (and a
 * removed parameter's argument on every edge), so any subset of the sites gives valid IR and a dead
 * chain of any length goes in one step instead of one instruction per round.
 */
final class DeadCode {
    private DeadCode() {}

    /** A dead instruction ({@code param} false: index into the block's instructions) or block parameter. */
    record Item(int fn, int block, int index, boolean param) {}

    static Pass<Item> remove() {
        return new Pass<>("remove-dead-code", DeadCode::sites, (m, chosen) -> {
            Map<Integer, List<Item>> byFn = new TreeMap<>();
            for (Item s : chosen) byFn.computeIfAbsent(s.fn(), k -> new ArrayList<>()).add(s);
            Module cur = m;
            for (var e : byFn.entrySet()) cur = Edit.function(cur, e.getKey(), without(m.functions().get(e.getKey()), e.getValue()));
            return cur;
        });
    }

    private static List<Item> sites(Module m) {
        var out = new ArrayList<Item>();
        for (int fi = 0; fi < m.functions().size(); fi++) {
            Function f = m.functions().get(fi);
            Facts facts = Facts.of(f);
            Set<Value> live = live(f, facts);
            for (int bi = 0; bi < f.blocks().size(); bi++) {
                Block b = f.blocks().get(bi);
                if (bi > 0) for (int k = 0; k < b.params().size(); k++) if (!live.contains(b.params().get(k).value())) out.add(new Item(fi, bi, k, true));
                for (int ii = 0; ii < b.insts().size(); ii++) if (dead(b.insts().get(ii), live, facts)) out.add(new Item(fi, bi, ii, false));
            }
        }
        return out;
    }

    private static boolean dead(Inst i, Set<Value> live, Facts facts) {
        return i.results().stream().noneMatch(live::contains) && facts.removableKind(i);
    }

    /** The live values of {@code f}. */
    static Set<Value> live(Function f, Facts facts) {
        Map<Value, Inst> defs = new HashMap<>();
        Map<Value, List<Value>> incoming = new HashMap<>();
        Map<BlockRef, Block> byRef = new HashMap<>();
        for (Block b : f.blocks()) byRef.putIfAbsent(b.ref(), b);
        var work = new ArrayDeque<Value>();
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                for (Value r : i.results()) defs.put(r, i);
                if (!facts.removableKind(i)) work.addAll(i.uses());
            }
            Terminator t = b.terminator();
            for (BlockCall c : t.successors()) {
                Block target = byRef.get(c.block());
                for (int k = 0; k < c.args().size(); k++) {
                    if (target != null && k < target.params().size()) {
                        incoming.computeIfAbsent(target.params().get(k).value(), x -> new ArrayList<>()).add(c.args().get(k));
                    }
                }
            }
            work.addAll(operands(t));
        }
        Set<Value> live = new HashSet<>();
        while (!work.isEmpty()) {
            Value v = work.poll();
            if (!live.add(v)) continue;
            Inst def = defs.get(v);
            if (def != null) work.addAll(def.uses());
            work.addAll(incoming.getOrDefault(v, List.of()));
        }
        return live;
    }

    /** The values a terminator reads other than the arguments it passes to blocks. */
    private static List<Value> operands(Terminator t) {
        return switch (t) {
            case Terminator.Jump j -> List.of();
            case Terminator.Brif b -> List.of(b.cond());
            case Terminator.BrTable b -> List.of(b.index());
            default -> t.uses();
        };
    }

    /** {@code f} without the chosen dead items and every dead item that reads one of them. */
    private static Function without(Function f, List<Item> chosen) {
        Facts facts = Facts.of(f);
        Set<Value> live = live(f, facts);
        // who reads each value: dead instructions, and dead parameters through edge arguments
        Map<Value, List<Inst>> readers = new HashMap<>();
        Map<Value, List<Item>> passedTo = new HashMap<>();
        Map<BlockRef, Integer> index = new HashMap<>();
        for (int bi = 0; bi < f.blocks().size(); bi++) index.putIfAbsent(f.blocks().get(bi).ref(), bi);
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) if (dead(i, live, facts)) for (Value u : i.uses()) readers.computeIfAbsent(u, k -> new ArrayList<>()).add(i);
            for (BlockCall c : b.terminator().successors()) {
                Integer ti = index.get(c.block());
                if (ti == null || ti == 0) continue;
                Block target = f.blocks().get(ti);
                for (int k = 0; k < Math.min(c.args().size(), target.params().size()); k++) {
                    if (!live.contains(target.params().get(k).value())) {
                        passedTo.computeIfAbsent(c.args().get(k), x -> new ArrayList<>()).add(new Item(-1, ti, k, true));
                    }
                }
            }
        }
        Set<Inst> goneInsts = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<BlockRef, Set<Integer>> goneParams = new HashMap<>();
        Set<Value> gone = new HashSet<>();
        var work = new ArrayDeque<Value>();
        for (Item s : chosen) {
            Block b = f.blocks().get(s.block());
            if (s.param()) {
                goneParams.computeIfAbsent(b.ref(), k -> new TreeSet<>()).add(s.index());
                work.add(b.params().get(s.index()).value());
            } else {
                Inst i = b.insts().get(s.index());
                goneInsts.add(i);
                work.addAll(i.results());
            }
        }
        while (!work.isEmpty()) {
            Value v = work.poll();
            if (!gone.add(v)) continue;
            for (Inst i : readers.getOrDefault(v, List.of())) if (goneInsts.add(i)) work.addAll(i.results());
            for (Item p : passedTo.getOrDefault(v, List.of())) {
                Block target = f.blocks().get(p.block());
                if (goneParams.computeIfAbsent(target.ref(), k -> new TreeSet<>()).add(p.index())) work.add(target.params().get(p.index()).value());
            }
        }
        var blocks = new ArrayList<Block>();
        for (Block b : f.blocks()) {
            Set<Integer> mine = goneParams.getOrDefault(b.ref(), Set.of());
            List<Param> params = ModulePasses.keep(b.params(), mine);
            List<Inst> insts = b.insts().stream().filter(i -> !goneInsts.contains(i)).toList();
            blocks.add(new Block(b.ref(), params, insts, CfgPasses.dropArgs(b.terminator(), goneParams)));
        }
        return Edit.blocks(f, blocks);
    }
}
