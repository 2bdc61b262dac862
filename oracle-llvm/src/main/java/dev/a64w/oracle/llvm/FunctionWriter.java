package dev.a64w.oracle.llvm;

import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One CLIF function as an LLVM {@code define}: an {@code entry} block with the stack slots'
 * allocas, then the CLIF blocks in layout order (block parameters as phis), the edge blocks that
 * feed those phis, and one trap block per trap code used. Arithmetic is in {@link ArithWriter}
 * (integers) and {@link FloatWriter} (floats), loads and stores in {@link MemoryWriter}, atomics in {@link AtomicWriter},
 * calls and returns in {@link CallWriter}; this class keeps the per-function state (the text buffer, temporaries, labels).
 */
final class FunctionWriter {
    /** One incoming phi edge: the predecessor label and the argument operands it passes. */
    private record Incoming(String label, List<String> args) {}

    private final Function f;
    private final Map<Value, Type> types;
    private final Set<String> intrinsics;
    private final StringBuilder out = new StringBuilder();
    private final Map<Value, String> literals = new HashMap<>();
    private final Map<Value, Value> aliases = new HashMap<>();
    private final Map<BlockRef, List<Incoming>> incoming = new HashMap<>();
    /** Edge label -> target block label, in creation order. */
    private final Map<String, String> edgeBlocks = new LinkedHashMap<>();
    /** Trap label -> brk immediate. */
    private final Map<String, Integer> traps = new TreeMap<>();
    private final ArithWriter arith = new ArithWriter(this);
    private final CallWriter calls = new CallWriter(this);
    private final FloatWriter floats = new FloatWriter(this);
    private final AtomicWriter atomics = new AtomicWriter(this);
    private final MemoryWriter memory = new MemoryWriter(this);
    private int temps;
    private int splits;
    /** The CLIF block being translated (the prefix of the labels of the blocks split off it). */
    private String blockLabel = "entry";
    /** The LLVM block instructions are written into now: a CLIF block or one split off it. */
    private String current = "entry";
    private String where;

    FunctionWriter(Function f, Set<String> intrinsics) {
        this.f = f;
        this.types = f.valueTypes();
        this.intrinsics = intrinsics;
        this.where = "function %" + f.name();
    }

    String translate() {
        Signature sig = f.signature();
        String ret = IrToLlvm.returnType(sig, where);
        if (f.blocks().isEmpty()) {
            throw malformed("no blocks");
        }
        collectValues();
        List<String> args = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (int i = 0; i < sig.params().size(); i++) {
            args.add("%a" + i);
            params.add(IrToLlvm.type(sig.params().get(i)) + " %a" + i);
        }
        Block first = f.entry();
        if (first.params().size() != args.size()) {
            throw malformed(first.ref() + " has " + first.params().size() + " parameters, the signature "
                    + args.size());
        }
        incoming.computeIfAbsent(first.ref(), r -> new ArrayList<>()).add(new Incoming("entry", args));
        for (Block b : f.blocks()) {
            collectEdges(b);
        }

        // noinline: every call the CLIF makes stays a call, so each reference keeps its relocation.
        // uwtable: unwind data for every function, as clang gives every function on Windows; without
        // it LLVM at O2 infers nounwind and then writes no .pdata/.xdata at all.
        out.append("define dso_local ").append(ret).append(' ').append(IrToLlvm.global(f.name())).append('(')
                .append(String.join(", ", params)).append(") noinline uwtable {\nentry:\n");
        for (StackSlot s : f.slots()) {
            emit("%ss" + s.id() + " = alloca [" + s.size() + " x i8], align " + Math.max(8, s.align()));
        }
        emit("br label %" + first.ref());
        for (Block b : f.blocks()) {
            block(b);
        }
        for (Map.Entry<String, String> e : edgeBlocks.entrySet()) {
            out.append(e.getKey()).append(":\n");
            emit("br label %" + e.getValue());
        }
        for (Map.Entry<String, Integer> t : traps.entrySet()) {
            out.append(t.getKey()).append(":\n");
            intrinsic("declare void @llvm.aarch64.break(i32 immarg)");
            emit("call void @llvm.aarch64.break(i32 " + t.getValue() + ")");
            emit("unreachable");
        }
        return out.append("}\n").toString();
    }

    /** Constants and same-width extensions become operand text instead of instructions. */
    private void collectValues() {
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                if (i instanceof Inst.Iconst c) {
                    literals.put(c.result(), Long.toString(c.type().sext(c.imm())));
                } else if (i instanceof Inst.Unary u && types.get(u.arg()) == u.type()
                        && (u.op() == UnaryOp.UEXTEND || u.op() == UnaryOp.SEXTEND || u.op() == UnaryOp.IREDUCE
                                || u.op() == UnaryOp.BITCAST
                                || (u.op() == UnaryOp.BSWAP && u.type() == Type.I8))) {
                    aliases.put(u.result(), u.arg());
                }
            }
        }
    }

    /** The label each successor edge of {@code b} jumps to; records phi inputs for targets with params. */
    private void collectEdges(Block b) {
        List<BlockCall> succ = b.terminator().successors();
        for (int k = 0; k < succ.size(); k++) {
            BlockCall bc = succ.get(k);
            Block target = f.block(bc.block()).orElseThrow(() -> malformed(b.ref() + " branches to undefined " + bc.block()));
            if (target.params().size() != bc.args().size()) {
                throw malformed(b.ref() + " passes " + bc.args().size() + " arguments to " + bc.block() + ", which has "
                        + target.params().size() + " parameters");
            }
            if (!target.params().isEmpty()) {
                String label = edgeLabel(b.ref(), k);
                edgeBlocks.put(label, target.ref().toString());
                incoming.computeIfAbsent(target.ref(), r -> new ArrayList<>())
                        .add(new Incoming(label, bc.args().stream().map(this::op).toList()));
            }
        }
    }

    private static String edgeLabel(BlockRef from, int k) {
        return from + ".e" + k;
    }

    /** The label a branch from {@code from}'s successor {@code k} goes to. */
    private String target(BlockRef from, int k, BlockCall bc) {
        return "%" + (bc.args().isEmpty() ? bc.block().toString() : edgeLabel(from, k));
    }

    private void block(Block b) {
        blockLabel = b.ref().toString();
        splits = 0;
        where = "function %" + f.name() + ", " + b.ref();
        startBlock(blockLabel);
        List<Incoming> in = incoming.getOrDefault(b.ref(), List.of());
        for (int p = 0; p < b.params().size(); p++) {
            Param param = b.params().get(p);
            String t = IrToLlvm.type(param.type());
            if (in.isEmpty()) { // unreachable block: its parameters have no value
                emit(res(param.value()) + " = freeze " + t + " poison");
                continue;
            }
            StringBuilder phi = new StringBuilder(res(param.value()) + " = phi " + t + " ");
            String sep = "";
            for (Incoming e : in) {
                phi.append(sep).append("[ ").append(e.args().get(p)).append(", %").append(e.label()).append(" ]");
                sep = ", ";
            }
            emit(phi.toString());
        }
        for (int n = 0; n < b.insts().size(); n++) {
            where = "function %" + f.name() + ", " + b.ref() + "/inst" + n;
            inst(b.insts().get(n));
        }
        where = "function %" + f.name() + ", " + b.ref() + "/terminator";
        terminator(b.ref(), b.terminator());
    }

    private void inst(Inst inst) {
        switch (inst) {
            case Inst.Iconst x -> { } // a literal operand (collectValues)
            case Inst.Unary x -> arith.unary(x);
            case Inst.Binary x -> arith.binary(x.op(), x.result(), x.type(), op(x.a()), typeOf(x.b()), op(x.b()));
            case Inst.BinaryImm x -> arith.binaryImm(x);
            case Inst.Icmp x -> arith.icmp(x.cc(), x.result(), typeOf(x.a()), op(x.a()), op(x.b()));
            case Inst.IcmpImm x -> arith.icmp(x.cc(), x.result(), typeOf(x.a()), op(x.a()),
                    Long.toString(typeOf(x.a()).sext(x.imm())));
            case Inst.Select x when x.op() == dev.a64w.ir.Opcodes.SelectOp.BITSELECT -> arith.bitselect(x);
            case Inst.Select x -> { // select, select_spectre_guard
                String c = nonZero(x.cond());
                String t = IrToLlvm.type(x.type());
                emit(res(x.result()) + " = select i1 " + c + ", " + t + " " + op(x.ifTrue()) + ", " + t + " "
                        + op(x.ifFalse()));
            }
            case Inst.Overflow x -> arith.overflow(x);
            case Inst.OverflowTrap x -> arith.overflowTrap(x);
            case Inst.OverflowCarry x -> arith.carry(x);
            case Inst.Load x -> memory.load(x);
            case Inst.Store x -> memory.store(x);
            case Inst.StackLoad x -> memory.stackLoad(x);
            case Inst.StackStore x -> memory.stackStore(x);
            case Inst.StackAddr x -> memory.stackAddr(x);
            case Inst.GetStackPointer x -> {
                intrinsic("declare ptr @llvm.stacksave.p0()");
                String sp = tmp();
                emit(sp + " = call ptr @llvm.stacksave.p0()");
                emit(res(x.result()) + " = ptrtoint ptr " + sp + " to " + IrToLlvm.type(x.type()));
            }
            case Inst.SymbolValue x -> {
                GlobalValue gv = f.global(x.globalValue()).orElseThrow(() -> malformed("undeclared gv" + x.globalValue()));
                String p = IrToLlvm.global(gv.symbol());
                if (gv.offset() != 0) {
                    String q = tmp();
                    emit(q + " = getelementptr i8, ptr " + p + ", i64 " + gv.offset());
                    p = q;
                }
                emit(res(x.result()) + " = ptrtoint ptr " + p + " to " + IrToLlvm.type(x.type()));
            }
            case Inst.FuncAddr x -> emit(res(x.result()) + " = ptrtoint ptr " + IrToLlvm.global(decl(x.func()).name())
                    + " to " + IrToLlvm.type(x.type()));
            case Inst.Call x -> {
                FuncDecl fd = decl(x.func());
                calls.call(x.results(), fd.signature(), IrToLlvm.global(fd.name()), x.args());
            }
            case Inst.CallIndirect x -> calls.call(x.results(), sig(x.sig()), calls.calleePointer(x.callee()), x.args());
            case Inst.CondTrap x -> {
                String c = tmp();
                emit(c + " = icmp " + (x.ifNonZero() ? "ne " : "eq ") + IrToLlvm.type(typeOf(x.cond())) + " "
                        + op(x.cond()) + ", 0");
                trapIf(c, x.code());
            }
            case Inst.Fconst x -> floats.constant(x);
            case Inst.FUnary x -> floats.unary(x);
            case Inst.FBinary x -> floats.binary(x);
            case Inst.Fma x -> floats.fma(x);
            case Inst.Fcmp x -> floats.compare(x);
            case Inst.FConv x -> floats.convert(x);
            case Inst.AtomicRmw x -> atomics.rmw(x);
            case Inst.AtomicCas x -> atomics.cas(x);
            case Inst.AtomicLoad x -> atomics.load(x);
            case Inst.AtomicStore x -> atomics.store(x);
            case Inst.Fence x -> atomics.fence();
        }
    }

    private void terminator(BlockRef from, Terminator t) {
        switch (t) {
            case Terminator.Jump j -> emit("br label " + target(from, 0, j.target()));
            case Terminator.Brif b -> emit("br i1 " + nonZero(b.cond()) + ", label " + target(from, 0, b.ifTrue())
                    + ", label " + target(from, 1, b.ifFalse()));
            case Terminator.BrTable b -> {
                Type it = typeOf(b.index());
                String ty = IrToLlvm.type(it);
                StringBuilder s = new StringBuilder("switch " + ty + " " + op(b.index()) + ", label "
                        + target(from, 0, b.fallback()) + " [");
                for (int k = 0; k < b.targets().size(); k++) {
                    if (it.bits() < 64 && k > it.mask()) {
                        break; // an index of this type never reaches the remaining entries
                    }
                    s.append("\n    ").append(ty).append(' ').append(it.sext(k)).append(", label ")
                            .append(target(from, k + 1, b.targets().get(k)));
                }
                emit(s.append(" ]").toString());
            }
            case Terminator.Return r -> calls.ret(r.values().stream().map(this::op).toList());
            case Terminator.Trap x -> emit("br label %" + trapLabel(x.code()));
            case Terminator.ReturnCall x -> {
                FuncDecl fd = decl(x.func());
                calls.tailCall(fd.signature(), IrToLlvm.global(fd.name()), x.args());
            }
            case Terminator.ReturnCallIndirect x -> calls.tailCall(sig(x.sig()), calls.calleePointer(x.callee()), x.args());
        }
    }

    /** A pointer to {@code addr + offset} (wrapping integer addition, as CLIF's address arithmetic). */
    String address(Value addr, int offset) {
        String t = IrToLlvm.type(typeOf(addr));
        String a = op(addr);
        if (offset != 0) {
            String sum = tmp();
            emit(sum + " = add " + t + " " + a + ", " + offset);
            a = sum;
        }
        String p = tmp();
        emit(p + " = inttoptr " + t + " " + a + " to ptr");
        return p;
    }

    // ---- helpers shared with ArithWriter, FloatWriter, MemoryWriter, AtomicWriter and CallWriter ----

    /** An i1 that is true when {@code v} (any integer type) is not zero. */
    String nonZero(Value v) {
        String c = tmp();
        emit(c + " = icmp ne " + IrToLlvm.type(typeOf(v)) + " " + op(v) + ", 0");
        return c;
    }

    /** Branches to the trap block of {@code code} when {@code cond} (an i1) is true; continues after. */
    void trapIf(String cond, TrapCode code) {
        String cont = newLabel("c");
        emit("br i1 " + cond + ", label %" + trapLabel(code) + ", label %" + cont);
        startBlock(cont);
    }

    /**
     * A fresh label for a block split off the current CLIF block ({@code block3.c1}, {@code block3.loop2}).
     * Splitting is safe for the successors' phis: a CLIF edge that passes arguments goes through its
     * own edge block (collectEdges), so no phi names a CLIF block as its predecessor.
     */
    String newLabel(String kind) {
        return blockLabel + "." + kind + (++splits);
    }

    /** Starts LLVM block {@code label}: the instructions that follow are written into it. */
    void startBlock(String label) {
        out.append(label).append(":\n");
        current = label;
    }

    /** The label of the LLVM block being written (a phi in a block split off it names it). */
    String currentLabel() {
        return current;
    }

    private String trapLabel(TrapCode code) {
        String label = "trap." + code.name();
        traps.put(label, TrapCodes.immediate(code));
        return label;
    }

    String op(Value v) {
        Value r = v;
        for (Value a = aliases.get(r); a != null; a = aliases.get(r)) {
            r = a;
        }
        String lit = literals.get(r);
        return lit != null ? lit : res(r);
    }

    static String res(Value v) {
        return "%v" + v.id();
    }

    Type typeOf(Value v) {
        Type t = types.get(v);
        if (t == null) {
            throw malformed(v + " has no definition (or an ill-typed one)");
        }
        return t;
    }

    /** A call of {@code llvm.bswap.iN} on {@code v} (a big-endian access); gives the temporary holding the result. */
    String bswap(int bits, String v) {
        return bswap(bits, v, tmp());
    }

    /** As {@link #bswap(int, String)}, into {@code t}. */
    String bswap(int bits, String v, String t) {
        String ty = "i" + bits;
        intrinsic("declare " + ty + " @llvm.bswap." + ty + "(" + ty + ")");
        emit(t + " = call " + ty + " @llvm.bswap." + ty + "(" + ty + " " + v + ")");
        return t;
    }

    String tmp() {
        return "%t" + temps++;
    }

    void emit(String line) {
        out.append("  ").append(line).append('\n');
    }

    void intrinsic(String declaration) {
        intrinsics.add(declaration);
    }

    private FuncDecl decl(int id) {
        return f.func(id).orElseThrow(() -> malformed("undeclared fn" + id));
    }

    private Signature sig(int id) {
        return f.sig(id).orElseThrow(() -> malformed("undeclared sig" + id)).signature();
    }

    Function function() {
        return f;
    }

    String where() {
        return where;
    }

    OracleException malformed(String what) {
        return new OracleException("IrToLlvm: " + where + ": " + what);
    }
}
