package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.reduce.Pass.BlockSite;
import dev.a64w.reduce.Pass.InstSite;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/** Instruction passes: empty blocks, replace results by constants or operands, shrink immediates. */
final class InstPasses {
    private InstPasses() {}

    /** The replacement of one chosen instruction; {@code facts} are those of its function before the edit (computed once per function). */
    private interface InstEdit {
        List<Inst> edit(Facts facts, Inst i);
    }

    /** Rebuilds the functions named by {@code chosen}, mapping each chosen instruction to its replacement list. */

    private static Module rebuild(Module m, List<InstSite> chosen, InstEdit edit) {
        Map<Integer, Set<InstSite>> byFn = new HashMap<>();
        for (InstSite s : chosen) byFn.computeIfAbsent(s.fn(), k -> new HashSet<>()).add(s);
        Module cur = m;
        for (int fi = 0; fi < m.functions().size(); fi++) {
            Set<InstSite> mine = byFn.get(fi);
            if (mine == null) continue;
            Function f = m.functions().get(fi);
            Facts facts = Facts.of(f);
            var blocks = new ArrayList<Block>();
            for (int bi = 0; bi < f.blocks().size(); bi++) {
                Block b = f.blocks().get(bi);
                var insts = new ArrayList<Inst>();
                for (int ii = 0; ii < b.insts().size(); ii++) {
                    Inst i = b.insts().get(ii);
                    if (mine.contains(new InstSite(fi, bi, ii))) insts.addAll(edit.edit(facts, i));
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

    /**
     * Empties chosen blocks at once: every instruction that may go (not a pointer, not a store the
     * stack may be read through) goes, and its results still read elsewhere become {@code iconst 0}
     * at the top of the block. One candidate per block removes a block of any size, where the
     * instruction passes would need one candidate per chunk of it.
     */
    static Pass<BlockSite> hollowBlocks() {
        return new Pass<>("hollow-blocks", m -> {
            var out = new ArrayList<BlockSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                Facts facts = Facts.of(f);
                for (int bi = 0; bi < f.blocks().size(); bi++) {
                    if (f.blocks().get(bi).insts().stream().anyMatch(i -> hollowable(facts, i))) out.add(new BlockSite(fi, bi));
                }
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (var e : CfgPasses.byFunction(chosen).entrySet()) {
                Function f = m.functions().get(e.getKey());
                Facts facts = Facts.of(f);
                Set<Value> read = new HashSet<>();
                for (int bi = 0; bi < f.blocks().size(); bi++) {
                    Block b = f.blocks().get(bi);
                    boolean hollow = e.getValue().contains(bi);
                    for (Inst i : b.insts()) if (!hollow || !hollowable(facts, i)) read.addAll(i.uses());
                    read.addAll(b.terminator().uses());
                }
                var blocks = new ArrayList<>(f.blocks());
                for (int bi : e.getValue()) {
                    Block b = f.blocks().get(bi);
                    var zeros = new ArrayList<Inst>();
                    var kept = new ArrayList<Inst>();
                    for (Inst i : b.insts()) {
                        if (!hollowable(facts, i)) kept.add(i);
                        else for (Value r : i.results()) if (read.contains(r)) zeros.add(Edit.constant(r, facts.types.get(r), 0));
                    }
                    zeros.addAll(kept);
                    blocks.set(bi, Edit.insts(b, zeros));
                }
                cur = Edit.function(cur, e.getKey(), Edit.blocks(f, blocks));
            }
            return cur;
        });
    }

    private static boolean hollowable(Facts facts, Inst i) {
        return facts.removableKind(i) && !facts.anyProtected(i.results());
    }

    /**
     * Replaces an instruction by {@code iconst imm} for each of its results (results that are not
     * pointers); a float result by {@code f32const}/{@code f64const} of the number {@code imm}
     * (0.0 or 1.0), also a float constant that is not that number yet.
     */
    static Pass<InstSite> toConst(long imm) {
        return new Pass<>("results-to-" + imm, m -> sites(m, (facts, i) -> !i.results().isEmpty()
                        && !(i instanceof Inst.Iconst) && !(i instanceof Inst.Fconst c && c.equals(Edit.constant(c.result(), c.type(), imm)))
                        && !facts.anyProtected(i.results())),
                (m, chosen) -> rebuild(m, chosen, (facts, i) -> Edit.consts(i.results(), i.results().stream().map(facts.types::get).toList(), imm)));
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
                    Module cur = rebuild(m, chosen, (x, i) -> List.of());
                    for (var e : subst.entrySet()) {
                        cur = Edit.function(cur, e.getKey(), Edit.substitute(cur.functions().get(e.getKey()), e.getValue()));
                    }
                    return cur;
                });
    }

    /**
     * Replaces a call's single result by its first non-pointer argument converted to the result's
     * width ({@code ireduce} or {@code uextend}); an argument of the same type is {@link #toOperand}'s
     * case. Lets a value that flows through a call keep flowing once the call is gone.
     */
    static Pass<InstSite> callToConvertedArgument() {
        return new Pass<>("call-to-converted-argument", m -> sites(m, (facts, i) -> convertible(facts, i) != null
                        && !facts.anyProtected(i.results())),
                (m, chosen) -> rebuild(m, chosen, (facts, i) -> {
                    Value arg = convertible(facts, i);
                    Value r = i.results().getFirst();
                    Type t = facts.types.get(r);
                    UnaryOp op = facts.types.get(arg).bits() > t.bits() ? UnaryOp.IREDUCE : UnaryOp.UEXTEND;
                    return List.of(new Inst.Unary(op, r, t, arg));
                }));
    }

    /** The first argument of a direct or indirect call with one result that is not a pointer and differs in width, or null. */
    private static Value convertible(Facts facts, Inst i) {
        List<Value> args = switch (i) {
            case Inst.Call c -> c.args();
            case Inst.CallIndirect c -> c.args();
            default -> List.of();
        };
        if (i.results().size() != 1) return null;
        Type t = facts.types.get(i.results().getFirst());
        return args.stream().filter(a -> !facts.isProtected(a) && facts.types.get(a) != t).findFirst().orElse(null);
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
            Module cur = rebuild(m, insts, (facts, i) -> List.of(withImm(i, shrink.applyAsLong(immOf(i)))));
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
