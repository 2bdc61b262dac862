package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Value;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Renames the entities of one function: values (definitions and uses), blocks, and the ids of
 * stack slots, global values, signatures and function declarations. Used for value substitution
 * (only {@code value} set) and for dense renumbering.
 */
record Rewriter(
        UnaryOperator<Value> value,
        UnaryOperator<BlockRef> block,
        IntUnaryOperator slot,
        IntUnaryOperator global,
        IntUnaryOperator sig,
        IntUnaryOperator func) {

    /** Only values are renamed, everything else kept. */
    static Rewriter values(UnaryOperator<Value> value) {
        return new Rewriter(value, b -> b, i -> i, i -> i, i -> i, i -> i);
    }

    Function function(Function f) {
        List<StackSlot> slots = f.slots().stream().map(s -> new StackSlot(slot.applyAsInt(s.id()), s.size(), s.align())).toList();
        List<GlobalValue> gvs = f.globals().stream()
                .map(g -> new GlobalValue(global.applyAsInt(g.id()), g.symbol(), g.colocated(), g.offset())).toList();
        List<SigDecl> sigs = f.sigs().stream().map(s -> new SigDecl(sig.applyAsInt(s.id()), s.signature())).toList();
        List<FuncDecl> funcs = f.funcs().stream().map(d -> new FuncDecl(func.applyAsInt(d.id()), d.name(), d.colocated(),
                d.signature(), d.sigRef() < 0 ? d.sigRef() : sig.applyAsInt(d.sigRef()))).toList();
        List<Block> blocks = f.blocks().stream().map(this::block).toList();
        return new Function(f.name(), f.signature(), slots, gvs, sigs, funcs, blocks);
    }

    Block block(Block b) {
        List<Param> params = b.params().stream().map(p -> new Param(value.apply(p.value()), p.type())).toList();
        List<Inst> insts = b.insts().stream().map(this::inst).toList();
        return new Block(block.apply(b.ref()), params, insts, terminator(b.terminator()));
    }

    BlockCall call(BlockCall c) {
        return new BlockCall(block.apply(c.block()), values(c.args()));
    }

    private List<Value> values(List<Value> vs) {
        return vs.stream().map(value).toList();
    }

    private Value v(Value x) {
        return value.apply(x);
    }

    Terminator terminator(Terminator t) {
        return switch (t) {
            case Terminator.Jump j -> new Terminator.Jump(call(j.target()));
            case Terminator.Brif b -> new Terminator.Brif(v(b.cond()), call(b.ifTrue()), call(b.ifFalse()), b.suffix());
            case Terminator.BrTable b -> new Terminator.BrTable(v(b.index()), call(b.fallback()),
                    b.targets().stream().map(this::call).toList());
            case Terminator.Return r -> new Terminator.Return(values(r.values()));
            case Terminator.Trap tr -> tr;
            case Terminator.ReturnCall rc -> new Terminator.ReturnCall(func.applyAsInt(rc.func()), values(rc.args()));
            case Terminator.ReturnCallIndirect rc -> new Terminator.ReturnCallIndirect(sig.applyAsInt(rc.sig()), v(rc.callee()),
                    values(rc.args()));
        };
    }

    Inst inst(Inst i) {
        return switch (i) {
            case Inst.Iconst x -> new Inst.Iconst(v(x.result()), x.type(), x.imm());
            case Inst.Unary x -> new Inst.Unary(x.op(), v(x.result()), x.type(), v(x.arg()));
            case Inst.Binary x -> new Inst.Binary(x.op(), v(x.result()), x.type(), v(x.a()), v(x.b()));
            case Inst.BinaryImm x -> new Inst.BinaryImm(x.op(), v(x.result()), x.type(), v(x.a()), x.imm());
            case Inst.Icmp x -> new Inst.Icmp(x.cc(), v(x.result()), v(x.a()), v(x.b()), x.suffix());
            case Inst.IcmpImm x -> new Inst.IcmpImm(x.cc(), v(x.result()), v(x.a()), x.imm(), x.suffix());
            case Inst.Select x -> new Inst.Select(x.op(), v(x.result()), x.type(), v(x.cond()), v(x.ifTrue()), v(x.ifFalse()));
            case Inst.Overflow x -> new Inst.Overflow(x.op(), v(x.result()), v(x.overflow()), x.type(), v(x.a()), v(x.b()));
            case Inst.OverflowCarry x -> new Inst.OverflowCarry(x.op(), v(x.result()), v(x.overflow()), x.type(), v(x.a()),
                    v(x.b()), v(x.carry()));
            case Inst.OverflowTrap x -> new Inst.OverflowTrap(v(x.result()), x.type(), v(x.a()), v(x.b()), x.code());
            case Inst.Load x -> new Inst.Load(x.op(), v(x.result()), x.type(), x.flags(), v(x.addr()), x.offset());
            case Inst.Store x -> new Inst.Store(x.op(), x.flags(), v(x.value()), v(x.addr()), x.offset(), x.suffix());
            case Inst.StackLoad x -> new Inst.StackLoad(v(x.result()), x.type(), slot.applyAsInt(x.slot()), x.offset());
            case Inst.StackStore x -> new Inst.StackStore(v(x.value()), slot.applyAsInt(x.slot()), x.offset(), x.suffix());
            case Inst.StackAddr x -> new Inst.StackAddr(v(x.result()), x.type(), slot.applyAsInt(x.slot()), x.offset());
            case Inst.GetStackPointer x -> new Inst.GetStackPointer(v(x.result()), x.type());
            case Inst.SymbolValue x -> new Inst.SymbolValue(v(x.result()), x.type(), global.applyAsInt(x.globalValue()),
                    x.spelledGlobalValue());
            case Inst.FuncAddr x -> new Inst.FuncAddr(v(x.result()), x.type(), func.applyAsInt(x.func()));
            case Inst.Call x -> new Inst.Call(values(x.results()), func.applyAsInt(x.func()), values(x.args()));
            case Inst.CallIndirect x -> new Inst.CallIndirect(values(x.results()), sig.applyAsInt(x.sig()), v(x.callee()),
                    values(x.args()));
            case Inst.CondTrap x -> new Inst.CondTrap(x.ifNonZero(), v(x.cond()), x.code(), x.suffix());
            case Inst.Fconst x -> new Inst.Fconst(v(x.result()), x.type(), x.bits());
            case Inst.FUnary x -> new Inst.FUnary(x.op(), v(x.result()), x.type(), v(x.arg()));
            case Inst.FBinary x -> new Inst.FBinary(x.op(), v(x.result()), x.type(), v(x.a()), v(x.b()));
            case Inst.Fma x -> new Inst.Fma(v(x.result()), x.type(), v(x.a()), v(x.b()), v(x.c()));
            case Inst.Fcmp x -> new Inst.Fcmp(x.cc(), v(x.result()), v(x.a()), v(x.b()));
            case Inst.FConv x -> new Inst.FConv(x.op(), v(x.result()), x.type(), v(x.arg()));
            case Inst.AtomicRmw x -> new Inst.AtomicRmw(x.op(), v(x.result()), x.type(), x.flags(), v(x.addr()), v(x.arg()));
            case Inst.AtomicCas x -> new Inst.AtomicCas(v(x.result()), x.type(), x.flags(), v(x.addr()), v(x.expected()),
                    v(x.replacement()));
            case Inst.AtomicLoad x -> new Inst.AtomicLoad(v(x.result()), x.type(), x.flags(), v(x.addr()));
            case Inst.AtomicStore x -> new Inst.AtomicStore(x.flags(), v(x.value()), v(x.addr()), x.suffix());
            case Inst.Fence x -> x;
        };
    }
}
