package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Narrows types, i64 to i32 to i16 to i8. A site is a web of values that must share one type
 * (operands and result of an arithmetic instruction, both sides of a compare, a block argument and
 * its parameter) and that touches no signature, call, memory access or pointer; the whole web goes
 * one width down at once. Conversions at the web's edge follow: one whose source and result now
 * have the same width becomes a {@code bitcast}, a widening one that now narrows an {@code ireduce},
 * a narrowing one that now widens a {@code uextend}. The verifier judges the rest. Floats never
 * narrow (f64 does not become f32): a web with a float is left alone, and every float instruction
 * and int-float {@code bitcast} pins its values.
 */
final class TypePass {
    private TypePass() {}

    /** A web, named by the lowest value id in it. */
    record Web(int fn, int root) {}

    static Pass<Web> narrow() {
        return new Pass<>("narrow-types", m -> {
            var out = new ArrayList<Web>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Webs w = Webs.of(m.functions().get(fi));
                for (Value root : w.narrowable()) out.add(new Web(fi, root.id()));
            }
            return out;
        }, (m, chosen) -> {
            Map<Integer, Set<Integer>> byFn = new TreeMap<>();
            for (Web s : chosen) byFn.computeIfAbsent(s.fn(), k -> new HashSet<>()).add(s.root());
            Module cur = m;
            for (var e : byFn.entrySet()) {
                Function f = m.functions().get(e.getKey());
                Webs w = Webs.of(f);
                Map<Value, Type> types = new HashMap<>(w.types);
                for (Value v : w.types.keySet()) if (e.getValue().contains(w.find(v).id())) types.put(v, narrower(w.types.get(v)));
                cur = Edit.function(cur, e.getKey(), retype(f, types));
            }
            return cur;
        });
    }

    private static Type narrower(Type t) {
        return switch (t) {
            case I64 -> Type.I32;
            case I32 -> Type.I16;
            case I16, I8 -> Type.I8;
            case F32, F64 -> throw new IllegalArgumentException("float webs are not narrowed: " + t);
        };
    }

    /** Union-find over the values of one function, with the webs that may not change type. */
    private static final class Webs {
        final Map<Value, Type> types;
        private final Map<Value, Value> parent = new HashMap<>();
        private final Set<Value> pinned = new HashSet<>();

        private Webs(Function f) {
            this.types = f.valueTypes();
        }

        Value find(Value v) {
            Value p = parent.getOrDefault(v, v);
            if (p.equals(v)) return v;
            Value r = find(p);
            parent.put(v, r);
            return r;
        }

        void union(Value a, Value b) {
            Value ra = find(a), rb = find(b);
            if (ra.equals(rb)) return;
            // the lower id is the root, so a web's name does not depend on the order of unions
            if (ra.id() < rb.id()) parent.put(rb, ra);
            else parent.put(ra, rb);
        }

        static Webs of(Function f) {
            Webs w = new Webs(f);
            Facts facts = Facts.of(f);
            Map<BlockRef, Block> byRef = new HashMap<>();
            for (Block b : f.blocks()) byRef.putIfAbsent(b.ref(), b);
            if (!f.blocks().isEmpty()) for (Param p : f.entry().params()) w.pinned.add(p.value());
            for (Block b : f.blocks()) {
                for (Inst i : b.insts()) w.constrain(i);
                Terminator t = b.terminator();
                for (BlockCall c : t.successors()) {
                    Block target = byRef.get(c.block());
                    if (target == null) continue;
                    for (int k = 0; k < Math.min(c.args().size(), target.params().size()); k++) w.union(c.args().get(k), target.params().get(k).value());
                }
                if (!(t instanceof Terminator.Jump || t instanceof Terminator.Brif || t instanceof Terminator.BrTable)) w.pinned.addAll(t.uses());
            }
            for (Value v : w.types.keySet()) if (facts.isProtected(v)) w.pinned.add(v);
            return w;
        }

        private void constrain(Inst i) {
            switch (i) {
                case Inst.Unary x when x.op() == UnaryOp.BITCAST && (x.type().isFloat() || isFloat(x.arg())) -> {
                    // int <-> float bitcasts keep their width: the integer side may not narrow
                    pinned.add(x.arg());
                    pinned.add(x.result());
                }
                case Inst.Unary x -> { if (!x.op().changesType()) union(x.result(), x.arg()); }
                case Inst.Binary x -> {
                    union(x.result(), x.a());
                    if (!x.op().isShift()) union(x.result(), x.b());
                }
                case Inst.BinaryImm x -> union(x.result(), x.a());
                case Inst.Icmp x -> union(x.a(), x.b());
                case Inst.Select x -> {
                    union(x.result(), x.ifTrue());
                    union(x.result(), x.ifFalse());
                    if (x.op() == SelectOp.BITSELECT) union(x.result(), x.cond());
                }
                case Inst.Overflow x -> {
                    union(x.result(), x.a());
                    union(x.result(), x.b());
                }
                case Inst.OverflowCarry x -> {
                    union(x.result(), x.a());
                    union(x.result(), x.b());
                }
                case Inst.OverflowTrap x -> {
                    union(x.result(), x.a());
                    union(x.result(), x.b());
                }
                case Inst.Iconst x -> { }
                case Inst.IcmpImm x -> { }
                case Inst.CondTrap x -> { }
                default -> {
                    // memory accesses, calls, addresses: their values keep their width
                    pinned.addAll(i.uses());
                    pinned.addAll(i.results());
                }
            }
        }

        private boolean isFloat(Value v) {
            Type t = types.get(v);
            return t != null && t.isFloat();
        }

        /** Roots of webs wider than i8 with no pinned value, in id order. */
        List<Value> narrowable() {
            Set<Value> bad = new HashSet<>();
            for (Value v : pinned) bad.add(find(v));
            for (var e : types.entrySet()) if (e.getValue().isFloat()) bad.add(find(e.getKey()));
            Map<Integer, Value> roots = new TreeMap<>();
            for (var e : types.entrySet()) {
                Value r = find(e.getKey());
                if (!bad.contains(r) && e.getValue() != Type.I8) roots.putIfAbsent(r.id(), r);
            }
            return List.copyOf(roots.values());
        }
    }

    /** {@code f} with every value given its type in {@code types}, conversions fixed up. */
    private static Function retype(Function f, Map<Value, Type> types) {
        var blocks = new ArrayList<Block>();
        for (Block b : f.blocks()) {
            var params = b.params().stream().map(p -> new Param(p.value(), types.get(p.value()))).toList();
            var insts = b.insts().stream().map(i -> retype(i, types)).toList();
            blocks.add(new Block(b.ref(), params, insts, b.terminator()));
        }
        return Edit.blocks(f, blocks);
    }

    private static Inst retype(Inst i, Map<Value, Type> types) {
        return switch (i) {
            case Inst.Iconst x -> new Inst.Iconst(x.result(), types.get(x.result()), types.get(x.result()).sext(x.imm()));
            case Inst.Unary x -> new Inst.Unary(conversion(x.op(), types.get(x.arg()), types.get(x.result())), x.result(),
                    types.get(x.result()), x.arg());
            case Inst.Binary x -> new Inst.Binary(x.op(), x.result(), types.get(x.result()), x.a(), x.b());
            case Inst.BinaryImm x -> new Inst.BinaryImm(x.op(), x.result(), types.get(x.result()), x.a(), x.imm());
            case Inst.Select x -> new Inst.Select(x.op(), x.result(), types.get(x.result()), x.cond(), x.ifTrue(), x.ifFalse());
            case Inst.Overflow x -> new Inst.Overflow(x.op(), x.result(), x.overflow(), types.get(x.result()), x.a(), x.b());
            case Inst.OverflowCarry x -> new Inst.OverflowCarry(x.op(), x.result(), x.overflow(), types.get(x.result()), x.a(), x.b(),
                    x.carry());
            case Inst.OverflowTrap x -> new Inst.OverflowTrap(x.result(), types.get(x.result()), x.a(), x.b(), x.code());
            case Inst.Icmp x -> new Inst.Icmp(x.cc(), x.result(), x.a(), x.b());
            case Inst.IcmpImm x -> new Inst.IcmpImm(x.cc(), x.result(), x.a(), x.imm());
            case Inst.CondTrap x -> new Inst.CondTrap(x.ifNonZero(), x.cond(), x.code());
            default -> i;
        };
    }

    /** The conversion from {@code from} to {@code to} closest to {@code op}. */
    private static UnaryOp conversion(UnaryOp op, Type from, Type to) {
        if (!(op == UnaryOp.UEXTEND || op == UnaryOp.SEXTEND || op == UnaryOp.IREDUCE || op == UnaryOp.BITCAST)) return op;
        if (from.bits() == to.bits()) return UnaryOp.BITCAST;
        if (from.bits() > to.bits()) return UnaryOp.IREDUCE;
        return op == UnaryOp.SEXTEND ? UnaryOp.SEXTEND : UnaryOp.UEXTEND;
    }
}
