package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.reduce.Pass.ItemSite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** Passes over whole functions and their interfaces: remove functions, run lines, parameters, returns. */
final class ModulePasses {
    private ModulePasses() {}

    /** Removes functions whose address is not taken; direct calls to them become zero constants. */
    static Pass<String> removeFunctions() {
        return new Pass<>("remove-functions", m -> {
            Set<String> taken = Facts.addressTaken(m);
            return m.functions().stream().map(Function::name).filter(n -> !taken.contains(n)).toList();
        }, (m, chosen) -> {
            Set<String> gone = new HashSet<>(chosen);
            var fs = new ArrayList<Function>();
            for (Function f : m.functions()) if (!gone.contains(f.name())) fs.add(withoutCallsTo(f, gone));
            var runs = m.runs().stream().filter(r -> !gone.contains(r.function())).toList();
            return new Module(m.header(), m.imports(), m.data(), fs, runs, m.skipped());
        });
    }

    /** {@code f} with calls to the named functions replaced by zero constants and their declarations dropped. */
    private static Function withoutCallsTo(Function f, Set<String> gone) {
        Set<Integer> decls = new HashSet<>();
        for (FuncDecl d : f.funcs()) if (gone.contains(d.name())) decls.add(d.id());
        if (decls.isEmpty()) return f;
        int next = Edit.nextValueId(f);
        var blocks = new ArrayList<Block>();
        for (Block b : f.blocks()) {
            var insts = new ArrayList<Inst>();
            for (Inst i : b.insts()) {
                if (i instanceof Inst.Call c && decls.contains(c.func())) {
                    insts.addAll(Edit.consts(c.results(), f.func(c.func()).orElseThrow().signature().returns(), 0));
                } else {
                    insts.add(i);
                }
            }
            Terminator t = b.terminator();
            if (t instanceof Terminator.ReturnCall rc && decls.contains(rc.func())) {
                List<Type> rets = f.signature().returns();
                List<Value> vals = Edit.fresh(next, rets.size());
                next += rets.size();
                insts.addAll(Edit.consts(vals, rets, 0));
                t = new Terminator.Return(vals);
            }
            blocks.add(new Block(b.ref(), b.params(), insts, t));
        }
        var funcs = f.funcs().stream().filter(d -> !decls.contains(d.id())).toList();
        return new Function(f.name(), f.signature(), f.slots(), f.globals(), f.sigs(), funcs, blocks);
    }

    static Pass<Integer> removeRunLines() {
        return new Pass<>("remove-run-lines", m -> range(m.runs().size()), (m, chosen) -> {
            Set<Integer> gone = new HashSet<>(chosen);
            var runs = new ArrayList<RunLine>();
            for (int k = 0; k < m.runs().size(); k++) if (!gone.contains(k)) runs.add(m.runs().get(k));
            return Edit.runs(m, runs);
        });
    }

    /** Removes parameters of functions whose address is not taken: the value becomes 0, callers and run lines drop the argument. */
    static Pass<ItemSite> removeParams() {
        return new Pass<>("remove-params", m -> {
            Set<String> taken = Facts.addressTaken(m);
            var out = new ArrayList<ItemSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                if (taken.contains(f.name()) || f.blocks().isEmpty()) continue;
                Facts facts = Facts.of(f);
                List<Param> params = f.entry().params();
                for (int k = 0; k < params.size(); k++) if (!facts.isProtected(params.get(k).value())) out.add(new ItemSite(fi, 0, k));
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Set<Integer> drop = items(chosen, fi);
                if (drop.isEmpty()) continue;
                Function f = m.functions().get(fi);
                Block entry = f.entry();
                var params = new ArrayList<Param>();
                var zeros = new ArrayList<Inst>();
                for (int k = 0; k < entry.params().size(); k++) {
                    Param p = entry.params().get(k);
                    if (drop.contains(k)) zeros.add(Edit.constant(p.value(), p.type(), 0));
                    else params.add(p);
                }
                zeros.addAll(entry.insts());
                var blocks = new ArrayList<>(f.blocks());
                blocks.set(0, new Block(entry.ref(), params, zeros, entry.terminator()));
                Signature sig = new Signature(keep(f.signature().params(), drop), f.signature().returns(), f.signature().callConv());
                cur = Edit.function(cur, fi, new Function(f.name(), sig, f.slots(), f.globals(), f.sigs(), f.funcs(), blocks));
                cur = retarget(cur, f.name(), sig, c -> new Inst.Call(c.results(), c.func(), keep(c.args(), drop)),
                        rc -> new Terminator.ReturnCall(rc.func(), keep(rc.args(), drop)));
                String name = f.name();
                cur = Edit.runs(cur, cur.runs().stream().map(r -> !r.function().equals(name) ? r
                        : new RunLine(r.line(), r.function(), keep(r.args(), drop), r.equal(), r.expected())).toList());
            }
            return cur;
        });
    }

    /**
     * Removes return values of functions whose address is not taken and that neither make nor
     * receive tail calls: callers' results become 0, run lines drop the expected value.
     */
    static Pass<ItemSite> removeReturns() {
        return new Pass<>("remove-returns", m -> {
            Set<String> taken = Facts.addressTaken(m);
            Set<String> tail = tailCallTargets(m);
            var out = new ArrayList<ItemSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                if (taken.contains(f.name()) || tail.contains(f.name()) || makesTailCalls(f)) continue;
                for (int k = 0; k < f.signature().returns().size(); k++) out.add(new ItemSite(fi, 0, k));
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Set<Integer> drop = items(chosen, fi);
                if (drop.isEmpty()) continue;
                Function f = m.functions().get(fi);
                var blocks = f.blocks().stream().map(b -> b.terminator() instanceof Terminator.Return r
                        ? Edit.terminator(b, new Terminator.Return(keep(r.values(), drop))) : b).toList();
                Signature sig = new Signature(f.signature().params(), keep(f.signature().returns(), drop), f.signature().callConv());
                cur = Edit.function(cur, fi, new Function(f.name(), sig, f.slots(), f.globals(), f.sigs(), f.funcs(), blocks));
                List<Type> oldReturns = f.signature().returns();
                cur = retargetResults(cur, f.name(), sig, drop, oldReturns);
                String name = f.name();
                cur = Edit.runs(cur, cur.runs().stream().map(r -> !r.function().equals(name) ? r
                        : new RunLine(r.line(), r.function(), r.args(), r.equal(), keep(r.expected(), drop))).toList());
            }
            return cur;
        });
    }

    private static boolean makesTailCalls(Function f) {
        return f.blocks().stream().anyMatch(b -> b.terminator() instanceof Terminator.ReturnCall
                || b.terminator() instanceof Terminator.ReturnCallIndirect);
    }

    private static Set<String> tailCallTargets(Module m) {
        Set<String> out = new TreeSet<>();
        for (Function f : m.functions()) {
            for (Block b : f.blocks()) {
                if (b.terminator() instanceof Terminator.ReturnCall rc) f.func(rc.func()).ifPresent(d -> out.add(d.name()));
            }
        }
        return out;
    }

    /** Every declaration of {@code name} gets {@code sig} (written inline); its calls are rewritten. */
    private static Module retarget(Module m, String name, Signature sig, UnaryOperator<Inst.Call> call,
                                   UnaryOperator<Terminator.ReturnCall> tail) {
        var fs = new ArrayList<Function>();
        for (Function g : m.functions()) {
            Set<Integer> ids = declsOf(g, name);
            if (ids.isEmpty()) {
                fs.add(g);
                continue;
            }
            var blocks = new ArrayList<Block>();
            for (Block b : g.blocks()) {
                var insts = b.insts().stream().map(i -> i instanceof Inst.Call c && ids.contains(c.func()) ? (Inst) call.apply(c) : i).toList();
                Terminator t = b.terminator() instanceof Terminator.ReturnCall rc && ids.contains(rc.func()) ? tail.apply(rc) : b.terminator();
                blocks.add(new Block(b.ref(), b.params(), insts, t));
            }
            fs.add(new Function(g.name(), g.signature(), g.slots(), g.globals(), g.sigs(), redeclare(g, ids, sig), blocks));
        }
        return Edit.functions(m, fs);
    }

    private static Module retargetResults(Module m, String name, Signature sig, Set<Integer> drop, List<Type> oldReturns) {
        var fs = new ArrayList<Function>();
        for (Function g : m.functions()) {
            Set<Integer> ids = declsOf(g, name);
            if (ids.isEmpty()) {
                fs.add(g);
                continue;
            }
            var blocks = new ArrayList<Block>();
            for (Block b : g.blocks()) {
                var insts = new ArrayList<Inst>();
                for (Inst i : b.insts()) {
                    if (i instanceof Inst.Call c && ids.contains(c.func())) {
                        insts.add(new Inst.Call(keep(c.results(), drop), c.func(), c.args()));
                        for (int k : drop) if (k < c.results().size()) insts.add(Edit.constant(c.results().get(k), oldReturns.get(k), 0));
                    } else {
                        insts.add(i);
                    }
                }
                blocks.add(Edit.insts(b, insts));
            }
            fs.add(new Function(g.name(), g.signature(), g.slots(), g.globals(), g.sigs(), redeclare(g, ids, sig), blocks));
        }
        return Edit.functions(m, fs);
    }

    private static Set<Integer> declsOf(Function g, String name) {
        Set<Integer> ids = new HashSet<>();
        for (FuncDecl d : g.funcs()) if (d.name().equals(name)) ids.add(d.id());
        return ids;
    }

    private static List<FuncDecl> redeclare(Function g, Set<Integer> ids, Signature sig) {
        return g.funcs().stream().map(d -> !ids.contains(d.id()) ? d
                : new FuncDecl(d.id(), d.name(), d.colocated(), new Signature(sig.params(), sig.returns(), d.signature().callConv()), -1)).toList();
    }

    static Set<Integer> items(List<ItemSite> chosen, int fn) {
        Set<Integer> out = new TreeSet<>();
        for (ItemSite s : chosen) if (s.fn() == fn) out.add(s.item());
        return out;
    }

    static <T> List<T> keep(List<T> list, Set<Integer> drop) {
        var out = new ArrayList<T>();
        for (int k = 0; k < list.size(); k++) if (!drop.contains(k)) out.add(list.get(k));
        return out;
    }

    static List<Integer> range(int n) {
        var out = new ArrayList<Integer>();
        for (int k = 0; k < n; k++) out.add(k);
        return out;
    }
}
