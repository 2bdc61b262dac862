package dev.a64w.gen;

import dev.a64w.backend.abi.ArgRegisters;
import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's own structural checks (independent of the project's verifier): definitions
 * dominate uses, operand types, call graph acyclic (fi calls only fj, j > i, or imports), block
 * calls match parameters, every block reachable, memory accesses in bounds with known provenance,
 * slot reads only of bytes stored at entry, no reads of pointer bytes in data, no stores to
 * rodata, pointers never used as data, {@code aligned} only when provable, atomics naturally aligned.
 */
final class ModuleChecker {
    private final Module module;
    private final List<String> problems = new ArrayList<>();

    private ModuleChecker(Module module) {
        this.module = module;
    }

    static List<String> check(Module m) {
        var c = new ModuleChecker(m);
        c.names();
        for (int i = 0; i < m.functions().size(); i++) c.function(i, m.functions().get(i));
        return c.problems;
    }

    private void fail(Function f, String msg) {
        problems.add("%" + f.name() + ": " + msg);
    }

    /** Module names: CLIF-readable, none reserved, functions, data objects and imports all distinct. */
    private void names() {
        var seen = new java.util.HashSet<String>();
        var all = new ArrayList<String>();
        module.functions().forEach(f -> all.add(f.name()));
        module.data().forEach(d -> all.add(d.name()));
        for (String n : all) {
            if (!Names.allowed(n)) problems.add("%" + n + ": not a name the generator may use");
            if (!seen.add(n)) problems.add("%" + n + ": defined twice");
        }
        for (var i : module.imports()) if (!seen.add(i.name())) problems.add("%" + i.name() + ": import clashes with a definition");
    }

    /** Where a value is defined: block index and position (-1 for parameters). */
    private record Def(int block, int pos, Type type) {}

    /** A pointer's provenance: slot id or data name, and offset from its start. */
    private record Ptr(int slot, String data, long offset, int baseAlign) {}

    /**
     * Alignment probes of the current function: {@code band_imm p, align-1} of a data pointer at
     * offset 0 (its value is 0 by CLIF's alignment guarantee), mapped to the pointer it probes;
     * {@code iadd p, probe} is then the same pointer again.
     */
    private final Map<Value, Value> probes = new HashMap<>();

    private void function(int index, Function f) {
        var blocks = f.blocks();
        if (blocks.isEmpty()) { fail(f, "no blocks"); return; }
        Map<BlockRef, Integer> idx = new HashMap<>();
        for (int k = 0; k < blocks.size(); k++) {
            if (idx.put(blocks.get(k).ref(), k) != null) fail(f, "duplicate " + blocks.get(k).ref());
        }
        List<Type> entryTypes = blocks.getFirst().params().stream().map(Param::type).toList();
        if (!entryTypes.equals(f.signature().params())) fail(f, "entry params " + entryTypes + " vs signature " + f.signature().params());
        Map<Value, Def> defs = new HashMap<>();
        Map<Value, Type> declared = f.valueTypes();
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            for (Param p : b.params()) define(f, defs, p.value(), new Def(k, -1, p.type()));
            for (int j = 0; j < b.insts().size(); j++) {
                Inst in = b.insts().get(j);
                List<Type> ts = resultTypes(f, in, declared);
                if (ts.size() != in.results().size()) { fail(f, b.ref() + ": result count of " + in); continue; }
                for (int r = 0; r < ts.size(); r++) define(f, defs, in.results().get(r), new Def(k, j, ts.get(r)));
            }
        }
        int[] idom = Dominators.idom(blocks, idx);
        for (int k = 0; k < blocks.size(); k++) if (idom[k] == -1 && k != 0) fail(f, blocks.get(k).ref() + " unreachable");
        for (Block b : blocks) for (BlockCall s : b.terminator().successors()) {
            if (!idx.containsKey(s.block())) fail(f, b.ref() + ": branch to unknown " + s.block());
        }
        Map<Value, Ptr> ptrs = new HashMap<>();
        probes.clear();
        definers.clear();
        Map<Value, String> fnPtrs = new HashMap<>();
        Map<Integer, BitSet> initialized = new HashMap<>();
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            for (int j = 0; j < b.insts().size(); j++) {
                Inst in = b.insts().get(j);
                for (Value u : in.uses()) use(f, defs, idom, u, k, j, b.ref() + "/" + j);
                inst(f, index, in, defs, ptrs, fnPtrs, initialized, k == 0, b.ref() + "/" + j);
            }
            Terminator t = b.terminator();
            for (Value u : t.uses()) use(f, defs, idom, u, k, b.insts().size(), b.ref() + "/term");
            terminator(f, index, t, defs, idx, blocks, fnPtrs);
            for (Value u : t.uses()) {
                if (t instanceof Terminator.ReturnCallIndirect rc && u.equals(rc.callee())) continue;
                if (ptrs.containsKey(u) || fnPtrs.containsKey(u)) fail(f, b.ref() + ": pointer " + u + " used by terminator");
            }
        }
    }

    private void define(Function f, Map<Value, Def> defs, Value v, Def d) {
        if (defs.put(v, d) != null) fail(f, v + " defined twice");
    }

    private void use(Function f, Map<Value, Def> defs, int[] idom, Value v, int block, int pos, String where) {
        Def d = defs.get(v);
        if (d == null) { fail(f, where + ": " + v + " never defined"); return; }
        if (d.block() == block) {
            if (d.pos() >= pos) fail(f, where + ": " + v + " used before its definition");
            return;
        }
        int x = block;
        while (x != -1 && x != d.block()) x = idom[x] == x ? -1 : idom[x];
        if (x == -1) fail(f, where + ": definition of " + v + " in block index " + d.block() + " does not dominate");
    }

    private List<Type> resultTypes(Function f, Inst in, Map<Value, Type> types) {
        return switch (in) {
            case Inst.Icmp x -> List.of(Type.I8);
            case Inst.IcmpImm x -> List.of(Type.I8);
            case Inst.Overflow x -> List.of(x.type(), Type.I8);
            case Inst.OverflowCarry x -> List.of(x.type(), Type.I8);
            case Inst.Store x -> List.of();
            case Inst.StackStore x -> List.of();
            case Inst.CondTrap x -> List.of();
            case Inst.Call x -> f.func(x.func()).map(d -> d.signature().returns()).orElse(List.of());
            case Inst.CallIndirect x -> f.sig(x.sig()).map(s -> s.signature().returns()).orElse(List.of());
            default -> in.results().stream().map(types::get).toList();
        };
    }

    private Type type(Map<Value, Def> defs, Value v) {
        Def d = defs.get(v);
        return d == null ? null : d.type();
    }

    private void expect(Function f, String where, Map<Value, Def> defs, Value v, Type t) {
        Type actual = type(defs, v);
        if (actual != null && actual != t) fail(f, where + ": " + v + " has type " + actual + ", expected " + t);
    }

    private static boolean isProbe(Inst.BinaryImm x, Ptr p) {
        return x.op() == BinaryImmOp.BAND_IMM && p != null && p.data() != null && p.offset() == 0 && x.imm() == p.baseAlign() - 1;
    }

    private void inst(Function f, int index, Inst in, Map<Value, Def> defs, Map<Value, Ptr> ptrs, Map<Value, String> fnPtrs,
                      Map<Integer, BitSet> init, boolean entry, String where) {
        if (!in.results().isEmpty()) definers.put(in.results().getFirst(), in);
        // pointer values may only address memory, be called, or be moved by iadd_imm
        List<Value> dataUses = switch (in) {
            case Inst.Load x -> List.of();
            case Inst.Store x -> List.of(x.value());
            case Inst.CallIndirect x -> x.args();
            case Inst.AtomicRmw x -> List.of(x.arg());
            case Inst.AtomicCas x -> List.of(x.expected(), x.replacement());
            case Inst.AtomicLoad x -> List.of();
            case Inst.AtomicStore x -> List.of(x.value());
            case Inst.BinaryImm x when x.op() == BinaryImmOp.IADD_IMM && ptrs.containsKey(x.a()) -> List.of();
            case Inst.BinaryImm x when isProbe(x, ptrs.get(x.a())) -> List.of();
            case Inst.Binary x when x.op() == BinaryOp.IADD && ptrs.containsKey(x.a()) && x.a().equals(probes.get(x.b())) -> List.of();
            default -> in.uses();
        };
        for (Value u : dataUses) if (ptrs.containsKey(u) || fnPtrs.containsKey(u)) fail(f, where + ": pointer " + u + " used as data");
        switch (in) {
            case Inst.Iconst x -> { }
            case Inst.Unary x -> {
                Type a = type(defs, x.arg());
                if (a == null) return;
                switch (x.op()) {
                    case UEXTEND, SEXTEND -> { if (a.bits() >= x.type().bits()) fail(f, where + ": extend " + a + " to " + x.type()); }
                    case IREDUCE -> { if (a.bits() <= x.type().bits()) fail(f, where + ": ireduce " + a + " to " + x.type()); }
                    case BMASK -> { }
                    case BITCAST -> {
                        if (a.bits() != x.type().bits() || (a != x.type() && a.isFloat() == x.type().isFloat())) {
                            fail(f, where + ": bitcast " + a + " to " + x.type());
                        }
                        if (a.isFloat() && x.type().isInt()) canonical(f, where, x.arg());
                    }
                    default -> {
                        expect(f, where, defs, x.arg(), x.type());
                        if (x.op() == UnaryOp.BSWAP && x.type() == Type.I8) fail(f, where + ": bswap.i8");
                    }
                }
            }
            case Inst.Binary x when x.op() == BinaryOp.IADD && ptrs.containsKey(x.a()) && x.a().equals(probes.get(x.b())) ->
                    ptrs.put(x.result(), ptrs.get(x.a()));
            case Inst.BinaryImm x when isProbe(x, ptrs.get(x.a())) -> probes.put(x.result(), x.a());
            case Inst.Binary x -> {
                expect(f, where, defs, x.a(), x.type());
                if (!x.op().isShift()) expect(f, where, defs, x.b(), x.type());
            }
            case Inst.BinaryImm x -> {
                if (ptrs.containsKey(x.a())) {
                    Ptr p = ptrs.get(x.a());
                    ptrs.put(x.result(), new Ptr(p.slot(), p.data(), p.offset() + x.imm(), p.baseAlign()));
                } else {
                    expect(f, where, defs, x.a(), x.type());
                }
            }
            case Inst.Icmp x -> expect(f, where, defs, x.b(), type(defs, x.a()));
            case Inst.IcmpImm x -> { }
            case Inst.Select x -> {
                expect(f, where, defs, x.ifTrue(), x.type());
                expect(f, where, defs, x.ifFalse(), x.type());
                if (x.op() == dev.a64w.ir.Opcodes.SelectOp.BITSELECT) expect(f, where, defs, x.cond(), x.type());
            }
            case Inst.Overflow x -> {
                expect(f, where, defs, x.a(), x.type());
                expect(f, where, defs, x.b(), x.type());
            }
            case Inst.OverflowCarry x -> {
                expect(f, where, defs, x.a(), x.type());
                expect(f, where, defs, x.b(), x.type());
                expect(f, where, defs, x.carry(), Type.I8);
            }
            case Inst.OverflowTrap x -> {
                if (x.type().bits() < 32) fail(f, where + ": uadd_overflow_trap." + x.type());
                expect(f, where, defs, x.a(), x.type());
                expect(f, where, defs, x.b(), x.type());
            }
            case Inst.Load x -> {
                String table = tableEntry(f, index, where, ptrs.get(x.addr()), x);
                if (table != null) {
                    fnPtrs.put(x.result(), table);
                    return;
                }
                int bytes = x.op().bytes(x.type());
                if (x.op().accessBytes != 0 && bytes >= x.type().bytes()) fail(f, where + ": " + x.op().clif + "." + x.type());
                access(f, where, ptrs.get(x.addr()), x.addr(), x.offset(), bytes, true, x.flags().has("aligned"), init);
            }
            case Inst.Store x -> {
                Type vt = type(defs, x.value());
                if (vt == null) return;
                if (vt.isFloat()) canonical(f, where, x.value());
                int bytes = x.op().bytes(vt);
                if (x.op().accessBytes != 0 && bytes >= vt.bytes()) fail(f, where + ": " + x.op().clif + " of " + vt);
                access(f, where, ptrs.get(x.addr()), x.addr(), x.offset(), bytes, false, x.flags().has("aligned"), init);
            }
            case Inst.StackLoad x -> slotAccess(f, where, x.slot(), x.offset(), x.type().bytes(), true, init);
            case Inst.StackStore x -> {
                Type vt = type(defs, x.value());
                if (vt == null) return;
                if (vt.isFloat()) canonical(f, where, x.value());
                slotAccess(f, where, x.slot(), x.offset(), vt.bytes(), false, init);
                if (entry) {
                    init.computeIfAbsent(x.slot(), s -> new BitSet()).set(x.offset(), x.offset() + vt.bytes());
                }
            }
            case Inst.StackAddr x -> {
                StackSlot s = f.slot(x.slot()).orElse(null);
                if (s == null) { fail(f, where + ": unknown ss" + x.slot()); return; }
                if (x.offset() < 0 || x.offset() > s.size()) fail(f, where + ": stack_addr offset 0x" + Integer.toHexString(x.offset()));
                ptrs.put(x.result(), new Ptr(x.slot(), null, x.offset(), Math.max(1, s.align())));
            }
            case Inst.GetStackPointer x -> fnPtrs.put(x.result(), "");
            case Inst.SymbolValue x -> {
                GlobalValue g = f.global(x.globalValue()).orElse(null);
                if (g == null) { fail(f, where + ": unknown gv" + x.globalValue()); return; }
                DataObject d = module.dataObject(g.symbol()).orElse(null);
                if (d == null) { fail(f, where + ": gv" + g.id() + " names no data object: " + g.symbol()); return; }
                ptrs.put(x.result(), new Ptr(-1, d.name(), g.offset(), d.align()));
            }
            case Inst.FuncAddr x -> {
                if (f.func(x.func()).isEmpty()) fail(f, where + ": unknown fn" + x.func());
                FuncDecl d = callTarget(f, index, where, x.func());
                if (d != null) fnPtrs.put(x.result(), d.name());
            }
            case Inst.Call x -> {
                FuncDecl d = callTarget(f, index, where, x.func());
                if (d != null) args(f, where, defs, x.args(), d.signature());
            }
            case Inst.CallIndirect x -> {
                var s = f.sig(x.sig()).orElse(null);
                if (s == null) { fail(f, where + ": unknown sig" + x.sig()); return; }
                String target = fnPtrs.get(x.callee());
                if (target == null || target.isEmpty()) fail(f, where + ": callee " + x.callee() + " is not a function pointer");
                else if (!signatureOf(target).equals(s.signature())) fail(f, where + ": sig" + x.sig() + " differs from %" + target + "'s");
                args(f, where, defs, x.args(), s.signature());
            }
            case Inst.CondTrap x -> { }
            case Inst.Fconst x -> { if (!x.type().isFloat()) fail(f, where + ": " + x.type() + "const"); }
            case Inst.FUnary x -> expect(f, where, defs, x.arg(), x.type());
            case Inst.FBinary x -> {
                expect(f, where, defs, x.a(), x.type());
                expect(f, where, defs, x.b(), x.type());
                if (x.op() == dev.a64w.ir.Opcodes.FBinaryOp.FCOPYSIGN) canonical(f, where, x.b());
            }
            case Inst.Fma x -> {
                expect(f, where, defs, x.a(), x.type());
                expect(f, where, defs, x.b(), x.type());
                expect(f, where, defs, x.c(), x.type());
            }
            case Inst.Fcmp x -> {
                Type a = type(defs, x.a());
                if (a != null && !a.isFloat()) fail(f, where + ": fcmp of " + a);
                expect(f, where, defs, x.b(), a);
            }
            case Inst.FConv x -> {
                Type a = type(defs, x.arg());
                if (a == null) return;
                boolean ok = switch (x.op()) {
                    case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT ->
                            a.isFloat() && x.type().isInt();
                    case FCVT_FROM_SINT, FCVT_FROM_UINT -> a.isInt() && x.type().isFloat();
                    case FPROMOTE -> a == Type.F32 && x.type() == Type.F64;
                    case FDEMOTE -> a == Type.F64 && x.type() == Type.F32;
                };
                if (!ok) fail(f, where + ": " + x.op().clif + "." + x.type() + " of " + a);
            }
            case Inst.AtomicRmw x -> {
                expect(f, where, defs, x.arg(), x.type());
                atomic(f, where, ptrs.get(x.addr()), x.addr(), x.type(), x.flags(), true, true, init);
            }
            case Inst.AtomicCas x -> {
                expect(f, where, defs, x.expected(), x.type());
                expect(f, where, defs, x.replacement(), x.type());
                atomic(f, where, ptrs.get(x.addr()), x.addr(), x.type(), x.flags(), true, true, init);
            }
            case Inst.AtomicLoad x -> atomic(f, where, ptrs.get(x.addr()), x.addr(), x.type(), x.flags(), true, false, init);
            case Inst.AtomicStore x -> {
                Type vt = type(defs, x.value());
                if (vt == null) return;
                if (!vt.isInt()) fail(f, where + ": atomic_store of " + vt);
                atomic(f, where, ptrs.get(x.addr()), x.addr(), vt, x.flags(), false, true, init);
            }
            case Inst.Fence x -> { }
        }
    }

    /**
     * An atomic access: naturally aligned by provenance (it faults otherwise), inside its area, reading
     * only readable bytes and writing only writable ones.
     */
    private void atomic(Function f, String where, Ptr p, Value addr, Type t, dev.a64w.ir.MemFlags flags, boolean reads,
                        boolean writes, Map<Integer, BitSet> init) {
        if (!t.isInt()) { fail(f, where + ": atomic on " + t); return; }
        if (p == null) { fail(f, where + ": address " + addr + " has no known provenance"); return; }
        int bytes = t.bytes();
        if (p.baseAlign() < bytes || p.offset() % bytes != 0) {
            fail(f, where + ": atomic " + t + " at offset 0x" + Long.toHexString(p.offset()) + " of an area aligned to " + p.baseAlign());
        }
        if (reads) access(f, where, p, addr, 0, bytes, true, flags.has("aligned"), init);
        if (writes) access(f, where, p, addr, 0, bytes, false, flags.has("aligned"), init);
    }

    /** Values by the instruction that defines them (for {@link #canonical}). */
    private final Map<Value, Inst> definers = new HashMap<>();

    /**
     * {@code v} must be a canonicalized float: {@code select (fcmp uno x, x), NaN, x}, the only form
     * in which the generator lets a float reach memory, integer code or a sign (NaN payloads are the
     * implementation's).
     */
    private void canonical(Function f, String where, Value v) {
        if (definers.get(v) instanceof Inst.Select s && definers.get(s.cond()) instanceof Inst.Fcmp c
                && c.cc() == dev.a64w.ir.FloatCC.UNO && c.a().equals(s.ifFalse()) && c.b().equals(s.ifFalse())
                && definers.get(s.ifTrue()) instanceof Inst.Fconst) return;
        fail(f, where + ": float " + v + " reaches memory, an integer or a sign without NaN canonicalization");
    }

    /** The function named by an {@code addr=} item that the load reads whole, or null. */
    private String tableEntry(Function f, int index, String where, Ptr p, Inst.Load x) {
        if (p == null || p.data() == null || x.op() != dev.a64w.ir.Opcodes.LoadOp.LOAD || x.type() != Type.I64) return null;
        DataObject d = module.dataObject(p.data()).orElseThrow();
        long at = p.offset() + x.offset();
        long pos = 0;
        for (DataItem item : d.items()) {
            if (pos == at && item instanceof DataItem.Addr a && a.addend() == 0 && module.function(a.symbol()).isPresent()) {
                int target = module.functions().indexOf(module.function(a.symbol()).get());
                if (target <= index) fail(f, where + ": table call edge " + f.name() + " -> " + a.symbol() + " goes backwards");
                return a.symbol();
            }
            pos += item.size();
        }
        return null;
    }

    private Signature signatureOf(String name) {
        return module.function(name).map(Function::signature)
                .orElseGet(() -> Generator.HOST.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow().signature());
    }

    private void args(Function f, String where, Map<Value, Def> defs, List<Value> args, Signature s) {
        if (args.size() != s.params().size()) { fail(f, where + ": " + args.size() + " args for " + s.params()); return; }
        for (int k = 0; k < args.size(); k++) expect(f, where, defs, args.get(k), s.params().get(k));
    }

    /** A declared callee must be an import or a later function with the same signature. */
    private FuncDecl callTarget(Function f, int index, String where, int fn) {
        FuncDecl d = f.func(fn).orElse(null);
        if (d == null) { fail(f, where + ": unknown fn" + fn); return null; }
        if (module.importOf(d.name()).isPresent()) {
            if (d.colocated()) fail(f, where + ": import " + d.name() + " declared colocated");
            return d;
        }
        int target = -1;
        for (int k = 0; k < module.functions().size(); k++) if (module.functions().get(k).name().equals(d.name())) target = k;
        if (target == -1) { fail(f, where + ": " + d.name() + " is neither a function nor an import"); return d; }
        if (target <= index) fail(f, where + ": call graph edge " + f.name() + " -> " + d.name() + " goes backwards (cycle possible)");
        if (!module.functions().get(target).signature().equals(d.signature())) fail(f, where + ": declared signature of " + d.name() + " differs");
        if (d.sigRef() >= 0 && !f.sig(d.sigRef()).map(s -> s.signature().equals(d.signature())).orElse(false)) {
            fail(f, where + ": sigRef of " + d + " does not match");
        }
        return d;
    }

    private void slotAccess(Function f, String where, int slot, long offset, int bytes, boolean load, Map<Integer, BitSet> init) {
        StackSlot s = f.slot(slot).orElse(null);
        if (s == null) { fail(f, where + ": unknown ss" + slot); return; }
        if (offset < 0 || offset + bytes > s.size()) {
            fail(f, where + ": ss" + slot + " access [0x" + Long.toHexString(offset) + ", +" + bytes + ") outside 0x" + Integer.toHexString(s.size()));
            return;
        }
        if (load) {
            BitSet b = init.getOrDefault(slot, new BitSet());
            if (b.nextClearBit((int) offset) < offset + bytes) fail(f, where + ": ss" + slot + " read of uninitialized bytes at 0x" + Long.toHexString(offset));
        }
    }

    private void access(Function f, String where, Ptr p, Value addr, long off, int bytes, boolean load, boolean aligned,
                        Map<Integer, BitSet> init) {
        if (p == null) { fail(f, where + ": address " + addr + " has no known provenance"); return; }
        long at = p.offset() + off;
        if (aligned && (p.baseAlign() < bytes || at % bytes != 0)) fail(f, where + ": aligned flag at offset 0x" + Long.toHexString(at) + " size " + bytes);
        if (p.slot() >= 0) { slotAccess(f, where, p.slot(), at, bytes, load, init); return; }
        DataObject d = module.dataObject(p.data()).orElseThrow();
        if (at < 0 || at + bytes > d.size()) { fail(f, where + ": %" + d.name() + " access [0x" + Long.toHexString(at) + ", +" + bytes + ") outside 0x" + Integer.toHexString(d.size())); return; }
        if (!load && d.readOnly()) fail(f, where + ": store to rodata %" + d.name());
        long pos = 0;
        for (DataItem item : d.items()) {
            if (item instanceof DataItem.Addr && pos < at + bytes && at < pos + 8) fail(f, where + ": access of pointer bytes in %" + d.name());
            pos += item.size();
        }
    }

    /** A tail call may need no more stack-argument slots than the caller received (else the subject rejects it). */
    private void stackArgs(Function f, Signature callee) {
        int own = ArgRegisters.stackSlots(f.signature().params());
        int need = ArgRegisters.stackSlots(callee.params());
        if (need > own) fail(f, "tail call needs " + need + " stack arguments, the caller received " + own);
    }

    private void terminator(Function f, int index, Terminator t, Map<Value, Def> defs, Map<BlockRef, Integer> idx, List<Block> blocks,
                            Map<Value, String> fnPtrs) {
        if (t instanceof Terminator.ReturnCallIndirect rc) {
            var s = f.sig(rc.sig()).orElse(null);
            if (s == null) { fail(f, "return_call_indirect: unknown sig" + rc.sig()); return; }
            String target = fnPtrs.get(rc.callee());
            if (target == null || target.isEmpty()) fail(f, "return_call_indirect: callee " + rc.callee() + " is not a function pointer");
            else if (!signatureOf(target).equals(s.signature())) fail(f, "return_call_indirect: sig" + rc.sig() + " differs from %" + target + "'s");
            else if (module.importOf(target).isPresent()) fail(f, "return_call_indirect to import %" + target);
            else {
                int k = -1;
                for (int j = 0; j < module.functions().size(); j++) if (module.functions().get(j).name().equals(target)) k = j;
                if (k <= index) fail(f, "return_call_indirect edge " + f.name() + " -> " + target + " goes backwards");
            }
            args(f, "return_call_indirect", defs, rc.args(), s.signature());
            if (!s.signature().returns().equals(f.signature().returns())) fail(f, "return_call_indirect returns differ");
            stackArgs(f, s.signature());
        }
        for (BlockCall c : t.successors()) {
            Integer k = idx.get(c.block());
            if (k == null) continue;
            List<Param> ps = blocks.get(k).params();
            if (ps.size() != c.args().size()) { fail(f, "call of " + c.block() + " with " + c.args().size() + " args for " + ps.size() + " params"); continue; }
            for (int j = 0; j < ps.size(); j++) expect(f, "args of " + c.block(), defs, c.args().get(j), ps.get(j).type());
        }
        switch (t) {
            case Terminator.Return r -> {
                if (r.values().size() != f.signature().returns().size()) fail(f, "return of " + r.values().size() + " values");
                else for (int j = 0; j < r.values().size(); j++) expect(f, "return", defs, r.values().get(j), f.signature().returns().get(j));
            }
            case Terminator.BrTable bt -> expect(f, "br_table", defs, bt.index(), Type.I32);
            case Terminator.ReturnCall rc -> {
                FuncDecl d = callTarget(f, index, "return_call", rc.func());
                if (d != null) {
                    args(f, "return_call", defs, rc.args(), d.signature());
                    if (!d.signature().returns().equals(f.signature().returns())) fail(f, "return_call returns differ");
                    stackArgs(f, d.signature());
                }
            }
            default -> { }
        }
    }
}
