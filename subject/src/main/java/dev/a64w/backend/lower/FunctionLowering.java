package dev.a64w.backend.lower;

import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.abi.ArgRegisters;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.regalloc.CallTarget;
import dev.a64w.backend.regalloc.CondTest;
import dev.a64w.backend.regalloc.Edge;
import dev.a64w.backend.regalloc.Fixed;
import dev.a64w.backend.regalloc.VBlock;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VTerm;
import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IR function → {@link VCode}: one VBlock per IR block in layout order; calls, returns and branches
 * here, the other instructions in {@link IntLowering} and {@link MemLowering}. Constant operands
 * are folded into immediate forms first ({@link ConstFold}); an {@code icmp} whose only use is the
 * block's {@code brif}, a {@code select} or a {@code trapz}/{@code trapnz} of the block is fused
 * into it ({@link CmpFusion}).
 */
public final class FunctionLowering {
    /**
     * Calling conventions accepted, all compiled as Windows ARM64 (x0..x7, then 8-byte stack slots,
     * caller-pops). {@code tail} shares that assignment: a tail call is real (frame torn down, then
     * {@code b}/{@code br}) in any convention when the callee's stack arguments fit in the caller's
     * own incoming area; Cranelift's callee-pops rule for {@code tail} is not implemented, so a tail
     * call needing more stack-argument space is unsupported.
     */
    private static final Set<String> CALL_CONVS = Set.of("", "system_v", "windows_fastcall", "fast", "cold", "apple_aarch64", "tail");

    private FunctionLowering() {}

    public static VCode lower(Module module, Function f) {
        LowerCtx c = new LowerCtx(module, f);
        checkSignature(c, f.signature(), "signature of %" + f.name());
        Map<Integer, Integer> index = new HashMap<>();
        for (int k = 0; k < f.blocks().size(); k++) index.put(f.blocks().get(k).ref().id(), k);
        List<VBlock> out = new ArrayList<>(f.blocks().size());
        for (int k = 0; k < f.blocks().size(); k++) {
            Block b = f.blocks().get(k);
            List<VReg> params = new ArrayList<>(b.params().size());
            for (Param p : b.params()) params.add(c.v(p.value()));
            if (k == 0) {
                if (b.params().size() != f.signature().params().size()) {
                    throw c.unsupported("entry block with " + b.params().size() + " params for a signature of " + f.signature().params().size());
                }
                c.add(new VInst.Params(Fixed.abi(params, true)));
            }
            List<Inst> insts = foldConstants(c, b);
            // the compare each select/trapz/trapnz fuses, by position; the compares so fused are not lowered on their own
            Inst[] fusedBy = new Inst[insts.size()];
            boolean[] fusedAway = new boolean[insts.size()];
            for (int i = 0; i < insts.size(); i++) {
                Inst inst = insts.get(i);
                if (inst == null) continue;
                Value cond = switch (inst) {
                    case Inst.Select x -> x.cond();
                    case Inst.CondTrap x -> x.cond();
                    default -> null;
                };
                int cmp = cond == null ? -1 : CmpFusion.compareFor(c, cond, insts);
                if (cmp >= 0) {
                    fusedBy[i] = insts.get(cmp);
                    fusedAway[cmp] = true;
                }
            }
            int brif = b.terminator() instanceof Terminator.Brif br ? CmpFusion.compareFor(c, br.cond(), insts) : -1;
            Inst brifCmp = brif < 0 ? null : insts.get(brif);
            if (brif >= 0) fusedAway[brif] = true;
            for (int i = 0; i < insts.size(); i++) {
                Inst inst = insts.get(i);
                if (inst == null) continue;
                c.at(b.ref(), i);
                if (fusedAway[i]) continue;
                Inst cmp = fusedBy[i];
                if (cmp != null) {
                    boolean done = switch (inst) {
                        case Inst.Select x -> CmpFusion.select(c, x, cmp);
                        case Inst.CondTrap x -> CmpFusion.condTrap(c, x, cmp);
                        default -> false;
                    };
                    if (done) continue;
                    // not fusable after all: lower the compare here (it was skipped), then the consumer
                    lowerInst(c, cmp);
                }
                lowerInst(c, inst);
            }
            c.atTerminator(b.ref());
            VTerm term = lowerTerm(c, b, index, brifCmp);
            out.add(new VBlock(b.ref().toString(), params, c.take(), term));
        }
        return new VCode(f.name(), out, c.vregCount(), f.slots(), c.outgoingBytes, f.isLeaf());
    }

    private static void checkSignature(LowerCtx c, Signature s, String what) {
        if (!CALL_CONVS.contains(s.callConv())) throw c.unsupported("calling convention " + s.callConv() + " (" + what + ")");
        if (regsOfOneClass(s.returns()) > 8) throw c.unsupported("more than 8 return values of one register class (" + what + ")");
    }

    /**
     * A tail call reuses the function's own incoming stack-argument area for the callee's stack
     * arguments (caller-pops, as in the default convention): the callee may need at most as many
     * stack-argument bytes as this function received. Results are the callee's, so the return
     * types must match.
     */
    private static void checkTailCall(LowerCtx c, Signature callee, List<Value> args, String what) {
        int own = ArgRegisters.stackSlots(c.f.signature().params());
        int needed = ArgRegisters.stackSlots(types(c, args));
        if (needed > own) {
            throw c.unsupported("tail call with stack arguments: " + what + " needs 0x" + Integer.toHexString(8 * needed)
                    + " bytes of stack arguments, the caller received 0x" + Integer.toHexString(8 * own));
        }
        if (!callee.returns().equals(c.f.signature().returns())) {
            throw c.unsupported("tail call whose return types " + callee.returns() + " differ from the caller's " + c.f.signature().returns() + " (" + what + ")");
        }
    }

    /**
     * The block's instructions with constant operands folded ({@link ConstFold}); an {@code iconst}
     * every use of which was folded is replaced by null (not lowered).
     */
    private static List<Inst> foldConstants(LowerCtx c, Block b) {
        Map<Value, Long> consts = new HashMap<>();
        Map<Value, Integer> folded = new HashMap<>();
        List<Inst> out = new ArrayList<>(b.insts().size());
        java.util.function.Function<Value, Type> types = c::type;
        for (Inst i : b.insts()) {
            Inst r = ConstFold.rewrite(i, consts, types);
            if (r != i) {
                for (Value v : i.uses()) folded.merge(v, 1, Integer::sum);
                for (Value v : r.uses()) folded.merge(v, -1, Integer::sum);
            }
            out.add(r);
            if (i instanceof Inst.Iconst k) consts.put(k.result(), k.imm());
        }
        for (int k = 0; k < out.size(); k++) {
            if (out.get(k) instanceof Inst.Iconst x && folded.getOrDefault(x.result(), 0) == c.slots.useCount(x.result())) {
                out.set(k, null);
            }
        }
        return out;
    }

    static void lowerInst(LowerCtx c, Inst inst) {
        switch (inst) {
            case Inst.Call call -> call(c, call);
            case Inst.CallIndirect call -> callIndirect(c, call);
            case Inst.CondTrap t -> condTrap(c, t);
            case Inst.Load x when x.type().isFloat() -> FloatLowering.load(c, x);
            case Inst.Load x -> MemLowering.load(c, x);
            case Inst.Store x when c.type(x.value()).isFloat() -> FloatLowering.store(c, x);
            case Inst.Store x -> MemLowering.store(c, x);
            case Inst.StackLoad x when x.type().isFloat() -> FloatLowering.stackLoad(c, x);
            case Inst.StackLoad x -> MemLowering.stackLoad(c, x);
            case Inst.StackStore x when c.type(x.value()).isFloat() -> FloatLowering.stackStore(c, x);
            case Inst.StackStore x -> MemLowering.stackStore(c, x);
            case Inst.Select x when x.type().isFloat() -> FloatLowering.select(c, x);
            case Inst.Unary x when x.op() == dev.a64w.ir.Opcodes.UnaryOp.BITCAST && (x.type().isFloat() || c.type(x.arg()).isFloat()) ->
                    FloatLowering.bitcast(c, c.v(x.result()), x.type(), c.v(x.arg()), c.type(x.arg()));
            case Inst.Binary x when x.type().isFloat() -> FloatLowering.bitwise(c, x);
            case Inst.Unary x when x.op() == dev.a64w.ir.Opcodes.UnaryOp.BNOT && x.type().isFloat() -> FloatLowering.bnot(c, x);
            case Inst.Fconst x -> FloatLowering.lower(c, x);
            case Inst.FUnary x -> FloatLowering.lower(c, x);
            case Inst.FBinary x -> FloatLowering.lower(c, x);
            case Inst.Fma x -> FloatLowering.lower(c, x);
            case Inst.Fcmp x -> FloatLowering.lower(c, x);
            case Inst.FConv x -> FloatLowering.lower(c, x);
            case Inst.StackAddr x -> MemLowering.stackAddr(c, x);
            case Inst.GetStackPointer x -> MemLowering.getStackPointer(c, x);
            case Inst.SymbolValue x -> MemLowering.symbolValue(c, x);
            case Inst.FuncAddr x -> MemLowering.funcAddr(c, x);
            case Inst.AtomicRmw x -> AtomicLowering.lower(c, x);
            case Inst.AtomicCas x -> AtomicLowering.lower(c, x);
            case Inst.AtomicLoad x -> AtomicLowering.lower(c, x);
            case Inst.AtomicStore x -> AtomicLowering.lower(c, x);
            case Inst.Fence x -> AtomicLowering.lower(c, x);
            default -> IntLowering.lower(c, inst);
        }
    }

    private static FuncDecl decl(LowerCtx c, int id) {
        return c.f.func(id).orElseThrow(() -> c.unsupported("undeclared function fn" + id));
    }

    /** The larger of the numbers of integer and of float values among {@code types} (results go in x0..x7 and v0..v7). */
    static int regsOfOneClass(List<Type> types) {
        int floats = 0;
        for (Type t : types) if (t.isFloat()) floats++;
        return Math.max(floats, types.size() - floats);
    }

    private static List<Type> types(LowerCtx c, List<Value> values) {
        List<Type> out = new ArrayList<>(values.size());
        for (Value v : values) out.add(c.type(v));
        return out;
    }

    private static void noteOutgoing(LowerCtx c, List<Value> args) {
        int n = ArgRegisters.stackSlots(types(c, args));
        if (n > 0) c.outgoingBytes = Math.max(c.outgoingBytes, n * 8);
    }

    private static CallTarget target(LowerCtx c, FuncDecl d) {
        return c.module.importOf(d.name()).isPresent() ? new CallTarget.Import(d.name()) : new CallTarget.Direct(d.name());
    }

    private static List<VReg> vs(LowerCtx c, List<Value> values) {
        List<VReg> out = new ArrayList<>(values.size());
        for (Value v : values) out.add(c.v(v));
        return out;
    }

    private static void call(LowerCtx c, Inst.Call call) {
        FuncDecl d = decl(c, call.func());
        checkSignature(c, d.signature(), "call to %" + d.name());
        noteOutgoing(c, call.args());
        List<VReg> args = AbiExtend.extended(c, call.args(), d.signature().params(), d.signature().paramExts());
        c.add(new VInst.Call(target(c, d), Fixed.abi(args, true), Fixed.abi(vs(c, call.results()), false)));
    }

    private static void callIndirect(LowerCtx c, Inst.CallIndirect call) {
        Signature s = c.f.sig(call.sig()).orElseThrow(() -> c.unsupported("undeclared signature sig" + call.sig())).signature();
        checkSignature(c, s, "call_indirect sig" + call.sig());
        noteOutgoing(c, call.args());
        List<VReg> args = AbiExtend.extended(c, call.args(), s.params(), s.paramExts());
        c.add(new VInst.Call(new CallTarget.Indirect(c.v(call.callee())), Fixed.abi(args, true), Fixed.abi(vs(c, call.results()), false)));
    }

    private static void condTrap(LowerCtx c, Inst.CondTrap t) {
        VReg v = c.v(t.cond());
        Type ty = c.type(t.cond());
        int imm = TrapCodes.immediate(t.code());
        boolean ifNonZero = t.ifNonZero();
        c.op(List.of(), List.of(v), b -> {
            Seq.testNonZero(b, v, ty);
            var skip = b.newLabel();
            b.emit(new dev.a64w.backend.a64.A64Inst.CondBr(ifNonZero ? Cond.EQ : Cond.NE, skip));
            b.emit(new dev.a64w.backend.a64.A64Inst.Brk(imm));
            b.bind(skip);
        });
    }

    private static Edge edge(LowerCtx c, BlockCall bc, Map<Integer, Integer> index) {
        Integer k = index.get(bc.block().id());
        if (k == null) throw c.unsupported("branch to undefined " + bc.block());
        return new Edge(k, vs(c, bc.args()));
    }

    private static VTerm lowerTerm(LowerCtx c, Block b, Map<Integer, Integer> index, Inst fused) {
        return switch (b.terminator()) {
            case Terminator.Jump j -> new VTerm.Jump(edge(c, j.target(), index));
            case Terminator.Brif br -> {
                Edge t = edge(c, br.ifTrue(), index), e = edge(c, br.ifFalse(), index);
                if (fused != null) {
                    CmpFusion.Flags f = CmpFusion.plan(c, fused);
                    if (f != null) {
                        CmpFusion.emitPre(c, f);
                        yield new VTerm.Branch(f.uses(), f.test(), t, e);
                    }
                    // not fusable after all: lower the compare now (it was skipped) and test its value
                    lowerInst(c, fused);
                }
                VReg cond = c.v(br.cond());
                Type ty = c.type(br.cond());
                CondTest test = CondTest.of(buf -> {
                    Seq.testNonZero(buf, cond, ty);
                    return Cond.NE;
                });
                yield new VTerm.Branch(List.of(cond), test, t, e);
            }
            case Terminator.BrTable bt -> {
                List<Edge> targets = new ArrayList<>(bt.targets().size());
                for (BlockCall bc : bt.targets()) targets.add(edge(c, bc, index));
                yield new VTerm.Table(c.v(bt.index()), c.type(bt.index()).bits(), edge(c, bt.fallback(), index), targets);
            }
            case Terminator.Return r -> {
                if (regsOfOneClass(types(c, r.values())) > 8) throw c.unsupported("more than 8 return values of one register class");
                Signature own = c.f.signature();
                yield new VTerm.Ret(Fixed.abi(AbiExtend.extended(c, r.values(), own.returns(), own.returnExts()), false));
            }
            case Terminator.Trap t -> new VTerm.Trap(TrapCodes.immediate(t.code()));
            case Terminator.ReturnCall rc -> {
                FuncDecl d = decl(c, rc.func());
                checkSignature(c, d.signature(), "return_call to %" + d.name());
                checkTailCall(c, d.signature(), rc.args(), "return_call to %" + d.name());
                yield new VTerm.TailCall(target(c, d),
                        Fixed.abi(AbiExtend.extended(c, rc.args(), d.signature().params(), d.signature().paramExts()), true));
            }
            case Terminator.ReturnCallIndirect rc -> {
                Signature s = c.f.sig(rc.sig()).orElseThrow(() -> c.unsupported("undeclared signature sig" + rc.sig())).signature();
                checkSignature(c, s, "return_call_indirect sig" + rc.sig());
                checkTailCall(c, s, rc.args(), "return_call_indirect sig" + rc.sig());
                yield new VTerm.TailCall(new CallTarget.Indirect(c.v(rc.callee())),
                        Fixed.abi(AbiExtend.extended(c, rc.args(), s.params(), s.paramExts()), true));
            }
        };
    }
}
