package dev.a64w.backend.testutil;

import dev.a64w.ir.*;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test-only builder of IR functions (until the text parser is merged). */
public final class IrBuilder {
    private final String name;
    private final Signature sig;
    private final List<Blk> blocks = new ArrayList<>();
    private final List<FuncDecl> funcs = new ArrayList<>();
    private final List<SigDecl> sigs = new ArrayList<>();
    private final List<StackSlot> slots = new ArrayList<>();
    private final List<GlobalValue> globals = new ArrayList<>();
    private int nextValue = 0;

    public IrBuilder(String name, List<Type> params, List<Type> returns) {
        this.name = name;
        this.sig = new Signature(params, returns);
    }

    public static List<Type> types(Type... ts) {
        return Arrays.asList(ts);
    }

    public int declare(String callee, List<Type> params, List<Type> returns) {
        int id = funcs.size();
        funcs.add(new FuncDecl(id, callee, false, new Signature(params, returns), -1));
        return id;
    }

    public int signature(List<Type> params, List<Type> returns) {
        int id = sigs.size();
        sigs.add(new SigDecl(id, new Signature(params, returns)));
        return id;
    }

    public int slot(int size, int align) {
        int id = slots.size();
        slots.add(new StackSlot(id, size, align));
        return id;
    }

    public int global(String symbol, long offset) {
        int id = globals.size();
        globals.add(new GlobalValue(id, symbol, false, offset));
        return id;
    }

    public Blk block(Type... params) {
        Blk b = new Blk(blocks.size(), params);
        blocks.add(b);
        return b;
    }

    /** The entry block with the signature's parameters. */
    public Blk entry() {
        return block(sig.params().toArray(Type[]::new));
    }

    public Function build() {
        List<Block> out = new ArrayList<>();
        for (Blk b : blocks) {
            if (b.term == null) throw new IllegalStateException("block" + b.id + " has no terminator");
            out.add(new Block(new BlockRef(b.id), b.params, b.insts, b.term));
        }
        return new Function(name, sig, slots, globals, sigs, funcs, out);
    }

    public final class Blk {
        final int id;
        final List<Param> params = new ArrayList<>();
        final List<Inst> insts = new ArrayList<>();
        Terminator term;

        Blk(int id, Type[] ps) {
            this.id = id;
            for (Type t : ps) params.add(new Param(new Value(nextValue++), t));
        }

        public BlockRef ref() {
            return new BlockRef(id);
        }

        public Value p(int k) {
            return params.get(k).value();
        }

        private Value fresh() {
            return new Value(nextValue++);
        }

        public Value iconst(Type t, long v) {
            Value r = fresh();
            insts.add(new Inst.Iconst(r, t, v));
            return r;
        }

        public Value bin(BinaryOp op, Type t, Value a, Value b) {
            Value r = fresh();
            insts.add(new Inst.Binary(op, r, t, a, b));
            return r;
        }

        public Value binImm(BinaryImmOp op, Type t, Value a, long imm) {
            Value r = fresh();
            insts.add(new Inst.BinaryImm(op, r, t, a, imm));
            return r;
        }

        public Value unary(UnaryOp op, Type t, Value a) {
            Value r = fresh();
            insts.add(new Inst.Unary(op, r, t, a));
            return r;
        }

        public Value icmp(IntCC cc, Value a, Value b) {
            Value r = fresh();
            insts.add(new Inst.Icmp(cc, r, a, b));
            return r;
        }

        public Value icmpImm(IntCC cc, Value a, long imm) {
            Value r = fresh();
            insts.add(new Inst.IcmpImm(cc, r, a, imm));
            return r;
        }

        public Value select(Type t, Value c, Value a, Value b) {
            Value r = fresh();
            insts.add(new Inst.Select(Opcodes.SelectOp.SELECT, r, t, c, a, b));
            return r;
        }

        public Value[] overflow(Opcodes.OverflowOp op, Type t, Value a, Value b) {
            Value r = fresh(), o = fresh();
            insts.add(new Inst.Overflow(op, r, o, t, a, b));
            return new Value[] {r, o};
        }

        public Value load(Opcodes.LoadOp op, Type t, Value addr, int off) {
            Value r = fresh();
            insts.add(new Inst.Load(op, r, t, MemFlags.NONE, addr, off));
            return r;
        }

        public void store(Opcodes.StoreOp op, Value v, Value addr, int off) {
            insts.add(new Inst.Store(op, MemFlags.NONE, v, addr, off));
        }

        public Value stackLoad(Type t, int slot, int off) {
            Value r = fresh();
            insts.add(new Inst.StackLoad(r, t, slot, off));
            return r;
        }

        public void stackStore(Value v, int slot, int off) {
            insts.add(new Inst.StackStore(v, slot, off));
        }

        public Value stackAddr(int slot, int off) {
            Value r = fresh();
            insts.add(new Inst.StackAddr(r, Type.I64, slot, off));
            return r;
        }

        public Value symbolValue(int gv) {
            Value r = fresh();
            insts.add(new Inst.SymbolValue(r, Type.I64, gv, false));
            return r;
        }

        public Value funcAddr(int fn) {
            Value r = fresh();
            insts.add(new Inst.FuncAddr(r, Type.I64, fn));
            return r;
        }

        public Value[] call(int fn, int results, Value... args) {
            Value[] rs = new Value[results];
            for (int k = 0; k < results; k++) rs[k] = fresh();
            insts.add(new Inst.Call(List.of(rs), fn, List.of(args)));
            return rs;
        }

        public Value[] callIndirect(int sig, int results, Value callee, Value... args) {
            Value[] rs = new Value[results];
            for (int k = 0; k < results; k++) rs[k] = fresh();
            insts.add(new Inst.CallIndirect(List.of(rs), sig, callee, List.of(args)));
            return rs;
        }

        public void trapIf(boolean nonZero, Value c, TrapCode code) {
            insts.add(new Inst.CondTrap(nonZero, c, code));
        }

        public void ret(Value... vs) {
            term = new Terminator.Return(List.of(vs));
        }

        public void jump(Blk target, Value... args) {
            term = new Terminator.Jump(BlockCall.of(target.ref(), args));
        }

        public void brif(Value c, Blk t, Value[] targs, Blk e, Value[] eargs) {
            term = new Terminator.Brif(c, BlockCall.of(t.ref(), targs), BlockCall.of(e.ref(), eargs));
        }

        public void brTable(Value idx, Blk fallback, List<Blk> targets) {
            List<BlockCall> ts = new ArrayList<>();
            for (Blk t : targets) ts.add(BlockCall.of(t.ref()));
            term = new Terminator.BrTable(idx, BlockCall.of(fallback.ref()), ts);
        }

        public void trap(TrapCode code) {
            term = new Terminator.Trap(code);
        }
    }
}
