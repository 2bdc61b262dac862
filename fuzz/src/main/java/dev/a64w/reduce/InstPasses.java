package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.reduce.Pass.InstSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/** Instruction passes: remove dead instructions, replace results by constants or operands, shrink immediates. */
final class InstPasses {
    private InstPasses() {}

    /** Rebuilds the functions named by {@code chosen}, mapping each chosen instruction to its replacement list. */
    private interface InstEdit {
        List<Inst> edit(Function f, Inst i);
    }

    private static Module rebuild(Module m, List<InstSite> chosen, InstEdit edit) {
        Map<Integer, Set<InstSite>> byFn = new HashMap<>();
        for (InstSite s : chosen) byFn.computeIfAbsent(s.fn(), k -> new HashSet<>()).add(s);
        Module cur = m;
        for (int fi = 0; fi < m.functions().size(); fi++) {
            Set<InstSite> mine = byFn.get(fi);
            if (mine == null) continue;
            Function f = m.functions().get(fi);
            var blocks = new ArrayList<Block>();
            for (int bi = 0; bi < f.blocks().size(); bi++) {
                Block b = f.blocks().get(bi);
                var insts = new ArrayList<Inst>();
                for (int ii = 0; ii < b.insts().size(); ii++) {
                    Inst i = b.insts().get(ii);
                    if (mine.contains(new InstSite(fi, bi, ii))) insts.addAll(edit.edit(f, i));
                    else insts.add(i);
                }
                blocks.add(Edit.insts(b, insts));
            }
            cur = Edit.function(cur, fi, Edit.blocks(f, blocks));
        }
        return cur;
    }

    private interface SiteFilter {
        boolean test(Facts facts, Inst i);
    }

    private static List<InstSite> sites(Module m, SiteFilter filter) {
        var out = new ArrayList<InstSite>();
        for (int fi = 0; fi < m.functions().size(); fi++) {
            Function f = m.functions().get(fi);
            Facts facts = Facts.of(f);
            for (int bi = 0; bi < f.blocks().size(); bi++) {
                List<Inst> insts = f.blocks().get(bi).insts();
                for (int ii = 0; ii < insts.size(); ii++) if (filter.test(facts, insts.get(ii))) out.add(new InstSite(fi, bi, ii));
            }
        }
        return out;
    }

    /** Removes instructions whose results are unused (stores too, unless the stack may then be read uninitialized). */
    static Pass<InstSite> removeDead() {
        return new Pass<>("remove-dead-insts", m -> sites(m, Facts::removable), (m, chosen) -> rebuild(m, chosen, (f, i) -> List.of()));
    }

    /** Replaces an instruction by {@code iconst imm} for each of its results (results that are not pointers). */
    static Pass<InstSite> toConst(long imm) {
        return new Pass<>("results-to-" + imm, m -> sites(m, (facts, i) -> !i.results().isEmpty()
                        && !(i instanceof Inst.Iconst) && !facts.anyProtected(i.results())),
                (m, chosen) -> rebuild(m, chosen, (f, i) -> {
                    Map<Value, Type> types = f.valueTypes();
                    return Edit.consts(i.results(), i.results().stream().map(types::get).toList(), imm);
                }));
    }

    /** Replaces the single result of an instruction by its {@code k}-th distinct operand of the same type. */
    static Pass<InstSite> toOperand(int k) {
        return new Pass<>("result-to-operand-" + k, m -> sites(m, (facts, i) -> operand(facts, i, k) != null && !facts.anyProtected(i.results())),
                (m, chosen) -> {
                    Map<Integer, Map<Value, Value>> subst = new HashMap<>();
                    Map<Integer, Facts> facts = new HashMap<>();
                    for (InstSite s : chosen) {
                        Function f = m.functions().get(s.fn());
                        Inst i = f.blocks().get(s.block()).insts().get(s.inst());
                        Value o = operand(facts.computeIfAbsent(s.fn(), x -> Facts.of(f)), i, k);
                        subst.computeIfAbsent(s.fn(), x -> new HashMap<>()).put(i.results().getFirst(), o);
                    }
                    Module cur = rebuild(m, chosen, (f, i) -> List.of());
                    for (var e : subst.entrySet()) {
                        cur = Edit.function(cur, e.getKey(), Edit.substitute(cur.functions().get(e.getKey()), e.getValue()));
                    }
                    return cur;
                });
    }

    /**
     * Replaces the single result of an instruction (a call, typically) by its first operand of another
     * integer type, converted: {@code ireduce} when the operand is wider, {@code uextend} when narrower.
     * Lets a call whose result type differs from its argument's go away (then its callee can).
     */
    static Pass<InstSite> toConvertedOperand() {
        return new Pass<>("result-to-converted-operand", m -> sites(m, (facts, i) -> converted(facts, i) != null
                        && !facts.anyProtected(i.results())),
                (m, chosen) -> rebuild(m, chosen, (f, i) -> {
                    Facts facts = Facts.of(f);
                    Value u = converted(facts, i);
                    Value r = i.results().getFirst();
                    Type t = facts.types.get(r);
                    var op = facts.types.get(u).bits() > t.bits() ? dev.a64w.ir.Opcodes.UnaryOp.IREDUCE : dev.a64w.ir.Opcodes.UnaryOp.UEXTEND;
                    return List.of(new Inst.Unary(op, r, t, u));
                }));
    }

    /** The first operand (not a pointer) of another type than the single result's, for {@link #toConvertedOperand}. */
    private static Value converted(Facts facts, Inst i) {
        if (i.results().size() != 1 || i instanceof Inst.Iconst || i instanceof Inst.Unary) return null;
        Value r = i.results().getFirst();
        Type t = facts.types.get(r);
        if (t == null) return null;
        return i.uses().stream().filter(u -> !u.equals(r) && facts.types.get(u) != null && facts.types.get(u) != t
                && !facts.isProtected(u)).findFirst().orElse(null);
    }

    /** The {@code k}-th distinct operand that is not a pointer and has the single result's type, or null. */
    private static Value operand(Facts facts, Inst i, int k) {
        if (i.results().size() != 1 || i instanceof Inst.Iconst) return null;
        Value r = i.results().getFirst();
        Type t = facts.types.get(r);
        var fit = i.uses().stream().distinct().filter(u -> !u.equals(r) && facts.types.get(u) == t && !facts.isProtected(u)).toList();
        return k < fit.size() ? fit.get(k) : null;
    }

    /** Where an immediate can shrink: an instruction, or an argument of a run line ({@code fn} = -1, {@code block} = line). */
    record ImmSite(int fn, int block, int index) {}

    /** Moves immediates (iconst, *_imm, icmp_imm, run-line arguments) by {@code shrink}, where it makes them smaller. */
    static Pass<ImmSite> immediates(String name, LongUnaryOperator shrink) {
        return new Pass<>(name, m -> {
            var out = new ArrayList<ImmSite>();
            for (InstSite s : sites(m, (facts, i) -> immOf(i) != null && !facts.anyProtected(i.results())
                    && smaller(immOf(i), shrink))) {
                out.add(new ImmSite(s.fn(), s.block(), s.inst()));
            }
            for (int r = 0; r < m.runs().size(); r++) {
                List<Long> args = m.runs().get(r).args();
                for (int k = 0; k < args.size(); k++) if (smaller(args.get(k), shrink)) out.add(new ImmSite(-1, r, k));
            }
            return out;
        }, (m, chosen) -> {
            List<InstSite> insts = chosen.stream().filter(s -> s.fn() >= 0).map(s -> new InstSite(s.fn(), s.block(), s.index())).toList();
            Module cur = rebuild(m, insts, (f, i) -> List.of(withImm(i, shrink.applyAsLong(immOf(i)))));
            var runs = new ArrayList<>(cur.runs());
            for (ImmSite s : chosen) {
                if (s.fn() >= 0) continue;
                RunLine r = runs.get(s.block());
                var args = new ArrayList<>(r.args());
                args.set(s.index(), shrink.applyAsLong(args.get(s.index())));
                runs.set(s.block(), new RunLine(r.line(), r.function(), args, r.equal(), r.expected()));
            }
            return Edit.runs(cur, runs);
        });
    }

    private static boolean smaller(long v, LongUnaryOperator shrink) {
        return Size.bits(shrink.applyAsLong(v)) < Size.bits(v);
    }

    private static Long immOf(Inst i) {
        return switch (i) {
            case Inst.Iconst x -> x.imm();
            case Inst.BinaryImm x -> x.imm();
            case Inst.IcmpImm x -> x.imm();
            default -> null;
        };
    }

    private static Inst withImm(Inst i, long imm) {
        return switch (i) {
            case Inst.Iconst x -> new Inst.Iconst(x.result(), x.type(), imm);
            case Inst.BinaryImm x -> new Inst.BinaryImm(x.op(), x.result(), x.type(), x.a(), imm);
            case Inst.IcmpImm x -> new Inst.IcmpImm(x.cc(), x.result(), x.a(), imm, x.suffix());
            default -> i;
        };
    }
}
