package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.reduce.Pass.BlockSite;
import dev.a64w.reduce.Pass.ItemSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Control-flow passes: return early, branch to one side, merge straight-line chains, remove block
 * parameters, drop unreachable blocks. Every transformed function loses its unreachable blocks.
 */
final class CfgPasses {
    private CfgPasses() {}

    /** Per function, the chosen block indices. */
    static Map<Integer, Set<Integer>> byFunction(List<BlockSite> chosen) {
        Map<Integer, Set<Integer>> out = new TreeMap<>();
        for (BlockSite s : chosen) out.computeIfAbsent(s.fn(), k -> new TreeSet<>()).add(s.block());
        return out;
    }

    private interface BlockEdit {
        /** The new block, or null to keep it. */
        Block edit(Function f, Block b, int[] nextValue);
    }

    private static Pass<BlockSite> blockPass(String name, java.util.function.BiPredicate<Function, Block> applies, BlockEdit edit) {
        return new Pass<>(name, m -> {
            var out = new ArrayList<BlockSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                for (int bi = 0; bi < f.blocks().size(); bi++) if (applies.test(f, f.blocks().get(bi))) out.add(new BlockSite(fi, bi));
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            boolean changed = false;
            for (var e : byFunction(chosen).entrySet()) {
                Function f = m.functions().get(e.getKey());
                int[] next = {Edit.nextValueId(f)};
                var blocks = new ArrayList<>(f.blocks());
                for (int bi : e.getValue()) {
                    Block nb = edit.edit(f, blocks.get(bi), next);
                    if (nb != null) {
                        blocks.set(bi, nb);
                        changed = true;
                    }
                }
                cur = Edit.function(cur, e.getKey(), Edit.dropUnreachable(Edit.blocks(f, blocks)));
            }
            return changed ? cur : null;
        });
    }

    /** Ends a block with {@code return 0, ...} instead of its branch or tail call. */
    static Pass<BlockSite> returnEarly() {
        return blockPass("return-early", (f, b) -> !(b.terminator() instanceof Terminator.Return || b.terminator() instanceof Terminator.Trap),
                (f, b, next) -> {
                    List<Type> rets = f.signature().returns();
                    List<Value> vals = Edit.fresh(next[0], rets.size());
                    next[0] += rets.size();
                    var insts = new ArrayList<>(b.insts());
                    insts.addAll(Edit.consts(vals, rets, 0));
                    return new Block(b.ref(), b.params(), insts, new Terminator.Return(vals));
                });
    }

    /**
     * Replaces a {@code brif} or {@code br_table} by a {@code jump} to one of its distinct targets
     * (site item k: the k-th distinct block call, true side and default first).
     */
    static Pass<ItemSite> branchToOne() {
        return new Pass<>("branch-to-one-target", m -> {
            var out = new ArrayList<ItemSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                for (int bi = 0; bi < f.blocks().size(); bi++) {
                    Terminator t = f.blocks().get(bi).terminator();
                    if (!(t instanceof Terminator.Brif || t instanceof Terminator.BrTable)) continue;
                    int n = (int) t.successors().stream().distinct().count();
                    for (int k = 0; k < n; k++) out.add(new ItemSite(fi, bi, k));
                }
            }
            return out;
        }, (m, chosen) -> {
            Map<Integer, Map<Integer, Integer>> pick = new TreeMap<>();
            for (ItemSite s : chosen) pick.computeIfAbsent(s.fn(), k -> new TreeMap<>()).putIfAbsent(s.block(), s.item());
            Module cur = m;
            for (var e : pick.entrySet()) {
                Function f = m.functions().get(e.getKey());
                var blocks = new ArrayList<>(f.blocks());
                for (var b : e.getValue().entrySet()) {
                    Block blk = blocks.get(b.getKey());
                    BlockCall to = blk.terminator().successors().stream().distinct().toList().get(b.getValue());
                    blocks.set(b.getKey(), Edit.terminator(blk, new Terminator.Jump(to)));
                }
                cur = Edit.function(cur, e.getKey(), Edit.dropUnreachable(Edit.blocks(f, blocks)));
            }
            return cur;
        });
    }

    /** Removes blocks unreachable from the entry. */
    static Pass<Integer> dropUnreachable() {
        return new Pass<>("drop-unreachable", m -> {
            var out = new ArrayList<Integer>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                if (Edit.reachable(f).size() < f.blocks().size()) out.add(fi);
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (int fi : chosen) cur = Edit.function(cur, fi, Edit.dropUnreachable(cur.functions().get(fi)));
            return cur;
        });
    }

    /**
     * Merges a block ending in {@code jump B(args)} with B when that jump is B's only incoming
     * edge: B's parameters become the arguments, its body is appended, B disappears.
     */
    static Pass<BlockSite> mergeBlocks() {
        return new Pass<>("merge-blocks", m -> {
            var out = new ArrayList<BlockSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                Map<BlockRef, Integer> in = Edit.incoming(f);
                for (int bi = 0; bi < f.blocks().size(); bi++) if (mergeable(f, f.blocks().get(bi), in)) out.add(new BlockSite(fi, bi));
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (var e : byFunction(chosen).entrySet()) {
                Function f = m.functions().get(e.getKey());
                List<BlockRef> heads = e.getValue().stream().map(bi -> f.blocks().get(bi).ref()).toList();
                Function g = f;
                for (BlockRef head : heads) g = merge(g, head);
                cur = Edit.function(cur, e.getKey(), g);
            }
            return cur;
        });
    }

    private static boolean mergeable(Function f, Block a, Map<BlockRef, Integer> in) {
        if (!(a.terminator() instanceof Terminator.Jump j)) return false;
        BlockRef b = j.target().block();
        return !b.equals(a.ref()) && !b.equals(f.entry().ref()) && in.getOrDefault(b, 0) == 1 && Edit.blockIndex(f, b) >= 0;
    }

    private static Function merge(Function f, BlockRef head) {
        int ai = Edit.blockIndex(f, head);
        if (ai < 0 || !mergeable(f, f.blocks().get(ai), Edit.incoming(f))) return f;
        Block a = f.blocks().get(ai);
        BlockCall target = ((Terminator.Jump) a.terminator()).target();
        int bi = Edit.blockIndex(f, target.block());
        Block b = f.blocks().get(bi);
        Map<Value, Value> subst = new HashMap<>();
        for (int k = 0; k < b.params().size(); k++) subst.put(b.params().get(k).value(), target.args().get(k));
        var insts = new ArrayList<Inst>(a.insts());
        insts.addAll(b.insts());
        var blocks = new ArrayList<>(f.blocks());
        blocks.set(ai, new Block(a.ref(), a.params(), insts, b.terminator()));
        blocks.remove(bi);
        return Edit.substitute(Edit.blocks(f, blocks), subst);
    }

    /** Removes parameters of non-entry blocks: the value becomes {@code iconst 0}, every edge drops the argument. */
    static Pass<ItemSite> removeBlockParams() {
        return new Pass<>("remove-block-params", m -> {
            var out = new ArrayList<ItemSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                Facts facts = Facts.of(f);
                for (int bi = 1; bi < f.blocks().size(); bi++) {
                    List<Param> ps = f.blocks().get(bi).params();
                    for (int k = 0; k < ps.size(); k++) if (!facts.isProtected(ps.get(k).value())) out.add(new ItemSite(fi, bi, k));
                }
            }
            return out;
        }, (m, chosen) -> {
            Map<Integer, Map<BlockRef, Set<Integer>>> drops = new TreeMap<>();
            for (ItemSite s : chosen) {
                BlockRef ref = m.functions().get(s.fn()).blocks().get(s.block()).ref();
                drops.computeIfAbsent(s.fn(), k -> new HashMap<>()).computeIfAbsent(ref, k -> new TreeSet<>()).add(s.item());
            }
            Module cur = m;
            for (var e : drops.entrySet()) cur = Edit.function(cur, e.getKey(), dropParams(m.functions().get(e.getKey()), e.getValue(), true));
            return cur;
        });
    }

    /** A block parameter and the k-th distinct value its incoming edges pass to it. */
    record ParamArg(int fn, int block, int param, int k) {}

    /**
     * Replaces a non-entry block parameter by one of the values its edges pass (the verifier then
     * rejects the candidate where that value does not dominate the block); the edges drop the argument.
     */
    static Pass<ParamArg> paramsToIncoming() {
        return new Pass<>("param-to-incoming", m -> {
            var out = new ArrayList<ParamArg>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                Facts facts = Facts.of(f);
                for (int bi = 1; bi < f.blocks().size(); bi++) {
                    Block b = f.blocks().get(bi);
                    for (int k = 0; k < b.params().size(); k++) {
                        if (facts.isProtected(b.params().get(k).value())) continue;
                        int n = incomingArgs(f, b, k).size();
                        for (int j = 0; j < n; j++) out.add(new ParamArg(fi, bi, k, j));
                    }
                }
            }
            return out;
        }, (m, chosen) -> {
            Map<Integer, Map<BlockRef, Map<Integer, Integer>>> pick = new TreeMap<>();
            for (ParamArg s : chosen) {
                BlockRef ref = m.functions().get(s.fn()).blocks().get(s.block()).ref();
                pick.computeIfAbsent(s.fn(), k -> new HashMap<>()).computeIfAbsent(ref, k -> new TreeMap<>()).putIfAbsent(s.param(), s.k());
            }
            Module cur = m;
            for (var e : pick.entrySet()) {
                Function f = m.functions().get(e.getKey());
                Map<Value, Value> subst = new HashMap<>();
                Map<BlockRef, Set<Integer>> drop = new HashMap<>();
                for (var b : e.getValue().entrySet()) {
                    Block blk = f.blocks().get(Edit.blockIndex(f, b.getKey()));
                    for (var p : b.getValue().entrySet()) {
                        subst.put(blk.params().get(p.getKey()).value(), incomingArgs(f, blk, p.getKey()).get(p.getValue()));
                        drop.computeIfAbsent(b.getKey(), k -> new TreeSet<>()).add(p.getKey());
                    }
                }
                cur = Edit.function(cur, e.getKey(), Edit.substitute(dropParams(f, drop, false), subst));
            }
            return cur;
        });
    }

    /** The distinct values passed to parameter {@code k} of {@code b}, other than the parameter itself, in edge order. */
    private static List<Value> incomingArgs(Function f, Block b, int k) {
        Value self = b.params().get(k).value();
        var out = new ArrayList<Value>();
        for (Block from : f.blocks()) {
            for (BlockCall c : from.terminator().successors()) {
                if (!c.block().equals(b.ref()) || c.args().size() <= k) continue;
                Value a = c.args().get(k);
                if (!a.equals(self) && !out.contains(a)) out.add(a);
            }
        }
        return out;
    }

    /** Drops the given parameters (and the matching argument of every edge); with {@code zeros} each becomes {@code iconst 0}. */
    private static Function dropParams(Function f, Map<BlockRef, Set<Integer>> drop, boolean zeros) {
        var blocks = new ArrayList<Block>();
        for (Block b : f.blocks()) {
            Set<Integer> mine = drop.getOrDefault(b.ref(), Set.of());
            var params = new ArrayList<Param>();
            var insts = new ArrayList<Inst>();
            for (int k = 0; k < b.params().size(); k++) {
                Param p = b.params().get(k);
                if (!mine.contains(k)) params.add(p);
                else if (zeros) insts.add(Edit.constant(p.value(), p.type(), 0));
            }
            insts.addAll(b.insts());
            blocks.add(new Block(b.ref(), params, insts, dropArgs(b.terminator(), drop)));
        }
        return Edit.blocks(f, blocks);
    }

    static Terminator dropArgs(Terminator t, Map<BlockRef, Set<Integer>> drop) {
        return switch (t) {
            case Terminator.Jump j -> new Terminator.Jump(dropArgs(j.target(), drop));
            case Terminator.Brif b -> new Terminator.Brif(b.cond(), dropArgs(b.ifTrue(), drop), dropArgs(b.ifFalse(), drop), b.suffix());
            case Terminator.BrTable b -> new Terminator.BrTable(b.index(), dropArgs(b.fallback(), drop),
                    b.targets().stream().map(c -> dropArgs(c, drop)).toList());
            default -> t;
        };
    }

    private static BlockCall dropArgs(BlockCall c, Map<BlockRef, Set<Integer>> drop) {
        Set<Integer> d = drop.get(c.block());
        return d == null ? c : new BlockCall(c.block(), ModulePasses.keep(c.args(), d));
    }
}
