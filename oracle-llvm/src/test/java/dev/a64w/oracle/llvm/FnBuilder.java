package dev.a64w.oracle.llvm;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds IR functions by hand for tests (the CLIF parser is written elsewhere): fresh values,
 * the current block's instructions, and the preamble declarations.
 */
final class FnBuilder {
    private final String name;
    private final Signature signature;
    final List<StackSlot> slots = new ArrayList<>();
    final List<GlobalValue> globals = new ArrayList<>();
    final List<SigDecl> sigs = new ArrayList<>();
    final List<FuncDecl> funcs = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private List<Inst> insts = new ArrayList<>();
    private List<Param> params = new ArrayList<>();
    private BlockRef current;
    private int nextValue;

    FnBuilder(String name, Signature signature) {
        this.name = name;
        this.signature = signature;
    }

    static Signature sig(List<Type> params, List<Type> returns) {
        return new Signature(params, returns);
    }

    /** Starts block {@code id} with parameters of the given types; returns their values. */
    List<Value> block(int id, Type... paramTypes) {
        current = new BlockRef(id);
        insts = new ArrayList<>();
        params = new ArrayList<>();
        List<Value> vs = new ArrayList<>();
        for (Type t : paramTypes) {
            Value v = fresh();
            params.add(new Param(v, t));
            vs.add(v);
        }
        return vs;
    }

    /** Ends the current block with {@code t}. */
    void end(Terminator t) {
        blocks.add(new Block(current, params, insts, t));
    }

    Value fresh() {
        return new Value(nextValue++);
    }

    /** Adds {@code inst} (built with {@link #fresh()} results) and returns its first result. */
    Value add(Inst inst) {
        insts.add(inst);
        return inst.results().isEmpty() ? null : inst.results().get(0);
    }

    Value iconst(Type t, long imm) {
        return add(new Inst.Iconst(fresh(), t, imm));
    }

    Value unary(UnaryOp op, Type t, Value a) {
        return add(new Inst.Unary(op, fresh(), t, a));
    }

    Value binary(BinaryOp op, Type t, Value a, Value b) {
        return add(new Inst.Binary(op, fresh(), t, a, b));
    }

    int slot(int size, int align) {
        int id = slots.size();
        slots.add(new StackSlot(id, size, align));
        return id;
    }

    int global(String symbol, boolean colocated, long offset) {
        int id = globals.size();
        globals.add(new GlobalValue(id, symbol, colocated, offset));
        return id;
    }

    int func(String callee, boolean colocated, Signature s) {
        int id = funcs.size();
        funcs.add(new FuncDecl(id, callee, colocated, s, -1));
        return id;
    }

    int sigDecl(Signature s) {
        int id = sigs.size();
        sigs.add(new SigDecl(id, s));
        return id;
    }

    Function build() {
        return new Function(name, signature, slots, globals, sigs, funcs, blocks);
    }
}
