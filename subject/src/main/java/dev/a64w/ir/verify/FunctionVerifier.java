package dev.a64w.ir.verify;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Printer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one function: structure, single definitions, dominance, types, references. */
final class FunctionVerifier {
    /** Where a value is defined: block index and position (-1 for block parameters). */
    private record Def(int block, int pos) {}

    private final Function f;
    private final Module module;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Map<Value, Type> types;
    private final Map<Value, Def> defs = new HashMap<>();
    private final Map<BlockRef, Integer> blockIndex = new HashMap<>();

    FunctionVerifier(Function f, Module module) {
        this.f = f;
        this.module = module;
        this.types = f.valueTypes();
    }

    private void report(String location, String message) {
        out.add(new Diagnostic(f.name(), location, message));
    }

    List<Diagnostic> run() {
        preamble();
        if (f.blocks().isEmpty()) {
            report("", "function has no blocks");
            return out;
        }
        for (int i = 0; i < f.blocks().size(); i++) {
            BlockRef r = f.blocks().get(i).ref();
            if (blockIndex.putIfAbsent(r, i) != null) report(r.toString(), r + " is defined more than once");
        }
        List<Type> entryTypes = f.entry().params().stream().map(Param::type).toList();
        if (!entryTypes.equals(f.signature().params())) {
            report(f.entry().ref().toString(), "entry block parameters " + entryTypes + " do not match the signature's " + f.signature().params());
        }
        collectDefinitions();
        Dominators dom = new Dominators(f);
        for (int bi = 0; bi < f.blocks().size(); bi++) {
            Block b = f.blocks().get(bi);
            for (int pos = 0; pos <= b.insts().size(); pos++) {
                boolean isTerm = pos == b.insts().size();
                String loc = b.ref() + "/inst" + pos + " ("
                        + (isTerm ? Printer.terminator(b.terminator()) : Printer.inst(b.insts().get(pos))) + ")";
                List<Value> uses = isTerm ? b.terminator().uses() : b.insts().get(pos).uses();
                for (Value v : uses) use(dom, bi, pos, v, loc);
                if (isTerm) terminator(b.terminator(), loc);
                else new InstRules(f, types, m -> report(loc, m)).check(b.insts().get(pos));
            }
        }
        return out;
    }

    private void preamble() {
        Set<Integer> seen = new HashSet<>();
        for (StackSlot s : f.slots()) {
            if (!seen.add(s.id())) report("preamble", "ss" + s.id() + " declared more than once");
            if (s.align() != 0 && Integer.bitCount(s.align()) != 1) report("preamble", "ss" + s.id() + " alignment " + s.align() + " is not a power of two");
            if (s.size() < 0) report("preamble", "ss" + s.id() + " has negative size");
        }
        for (FuncDecl d : f.funcs()) {
            if (d.sigRef() >= 0) {
                var s = f.sig(d.sigRef());
                if (s.isEmpty()) report("preamble", "fn" + d.id() + " refers to undeclared sig" + d.sigRef());
                else if (!s.get().signature().equals(d.signature())) report("preamble", "fn" + d.id() + " signature differs from sig" + d.sigRef());
            }
            if (module == null) continue;
            var target = module.function(d.name());
            if (target.isPresent()) {
                Signature ts = target.get().signature();
                if (!ts.params().equals(d.signature().params()) || !ts.returns().equals(d.signature().returns())) {
                    report("preamble", "fn" + d.id() + " declares %" + d.name() + " as " + Printer.signature(d.signature())
                            + " but it is defined as " + Printer.signature(ts));
                }
            } else if (d.colocated() && module.skipped().stream().noneMatch(s -> s.name().equals(d.name()))) {
                report("preamble", "fn" + d.id() + ": colocated %" + d.name() + " is not defined in this module");
            }
        }
        if (module != null) {
            for (GlobalValue g : f.globals()) {
                boolean known = module.dataObject(g.symbol()).isPresent() || module.function(g.symbol()).isPresent();
                if (g.colocated() && !known) report("preamble", "gv" + g.id() + ": colocated %" + g.symbol() + " is not defined in this module");
            }
        }
        Set<Integer> sigIds = new HashSet<>();
        for (SigDecl s : f.sigs()) if (!sigIds.add(s.id())) report("preamble", "sig" + s.id() + " declared more than once");
    }

    private void collectDefinitions() {
        for (int bi = 0; bi < f.blocks().size(); bi++) {
            Block b = f.blocks().get(bi);
            for (Param p : b.params()) define(p.value(), new Def(bi, -1), b.ref().toString());
            for (int pos = 0; pos < b.insts().size(); pos++) {
                for (Value r : b.insts().get(pos).results()) define(r, new Def(bi, pos), b.ref() + "/inst" + pos);
            }
        }
    }

    private void define(Value v, Def d, String loc) {
        if (defs.putIfAbsent(v, d) != null) report(loc, v + " is defined more than once");
    }

    private void use(Dominators dom, int bi, int pos, Value v, String loc) {
        Def d = defs.get(v);
        if (d == null) {
            report(loc, v + " is used but never defined");
            return;
        }
        if (!dom.reachable(bi)) return;
        boolean ok = d.block() == bi ? d.pos() < pos : dom.dominates(d.block(), bi);
        if (!ok) report(loc, v + " is used where its definition (" + f.blocks().get(d.block()).ref() + ") does not dominate");
    }

    private void blockCall(BlockCall c, String loc) {
        Integer ti = blockIndex.get(c.block());
        if (ti == null) {
            report(loc, c.block() + " does not exist");
            return;
        }
        List<Param> params = f.blocks().get(ti).params();
        if (params.size() != c.args().size()) {
            report(loc, c.block() + " takes " + params.size() + " arguments, " + c.args().size() + " given");
            return;
        }
        for (int k = 0; k < params.size(); k++) {
            Type t = types.get(c.args().get(k));
            if (t != null && t != params.get(k).type()) {
                report(loc, "argument " + k + " to " + c.block() + ": " + c.args().get(k) + " is " + t + ", parameter is " + params.get(k).type());
            }
        }
    }

    private void terminator(Terminator t, String loc) {
        InstRules rules = new InstRules(f, types, m -> report(loc, m));
        for (BlockCall c : t.successors()) blockCall(c, loc);
        switch (t) {
            case Terminator.BrTable b -> {
                Type it = types.get(b.index());
                if (it != null && it != Type.I32) report(loc, "br_table index " + b.index() + " must be i32, is " + it);
            }
            case Terminator.Return r -> returns(r.values(), loc);
            case Terminator.ReturnCall rc -> f.func(rc.func()).ifPresentOrElse(d -> {
                rules.args(rc.args(), d.signature().params(), "%" + d.name());
                tailReturns(d.signature(), "%" + d.name(), loc);
            }, () -> report(loc, "fn" + rc.func() + " is not declared"));
            case Terminator.ReturnCallIndirect rc -> {
                rules.address(rc.callee());
                rules.sig(rc.sig()).ifPresent(s -> {
                    rules.args(rc.args(), s.params(), "sig" + rc.sig());
                    tailReturns(s, "sig" + rc.sig(), loc);
                });
            }
            case Terminator.Jump j -> { }
            case Terminator.Brif b -> {
                Type ct = types.get(b.cond());
                if (ct != null && ct.isFloat()) report(loc, "brif condition " + b.cond() + " has type " + ct + ", expected an integer");
                rules.suffix("brif", b.suffix(), b.cond());
            }
            case Terminator.Trap tr -> { }
        }
    }

    private void returns(List<Value> values, String loc) {
        List<Type> expected = f.signature().returns();
        if (values.size() != expected.size()) {
            report(loc, "returns " + values.size() + " values, the signature has " + expected.size());
            return;
        }
        for (int k = 0; k < values.size(); k++) {
            Type t = types.get(values.get(k));
            if (t != null && t != expected.get(k)) report(loc, "return value " + k + " (" + values.get(k) + ") is " + t + ", the signature says " + expected.get(k));
        }
    }

    private void tailReturns(Signature callee, String name, String loc) {
        if (!callee.returns().equals(f.signature().returns())) {
            report(loc, "tail call: " + name + " returns " + callee.returns() + ", the caller returns " + f.signature().returns());
        }
    }
}
