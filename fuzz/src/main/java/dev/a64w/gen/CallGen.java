package dev.a64w.gen;

import dev.a64w.backend.abi.ArgRegisters;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls: direct {@code call} (colocated or not), calls of host imports, and {@code func_addr} +
 * {@code call_indirect} through a matching {@code sigN}. A call is emitted only while the
 * function's estimated cost stays within the budget, so nested loops over deep call chains stay
 * short.
 */
final class CallGen {
    /** Fixed cost added per call for the call itself, the prologue and epilogue. */
    static final int CALL_OVERHEAD = 6;

    private final ByteSource src;
    private final GeneratorConfig cfg;
    private final FunctionBuilder b;
    private final ValueGen vals;
    private final List<Callee> callees;
    private final List<DataGen.FnEntry> tables;

    CallGen(ByteSource src, GeneratorConfig cfg, FunctionBuilder b, ValueGen vals, List<Callee> callees,
            List<DataGen.FnEntry> tables) {
        this.src = src;
        this.tables = tables;
        this.cfg = cfg;
        this.b = b;
        this.vals = vals;
        this.callees = callees.stream().filter(c -> cfg.enabled(c.isImport() ? OpFamily.IMPORT : OpFamily.CALL)
                || (!c.isImport() && cfg.enabled(OpFamily.CALL_INDIRECT))).toList();
    }

    private long price(Callee c) {
        return b.multiplier * (c.cost() + CALL_OVERHEAD);
    }

    private List<Callee> affordable() {
        return callees.stream().filter(c -> b.cost + price(c) <= cfg.costBudget()).toList();
    }

    boolean possible() {
        return !affordable().isEmpty();
    }

    /** Emits one call; false when nothing is affordable. */
    boolean call() {
        return call(false);
    }

    /**
     * Emits one call; false when nothing is affordable. With {@code dropIntegers} the pool forgets its
     * integers, pointers and function pointers at the call ({@link ValuePool#dropIntegers}): only
     * floats and the call's results are used after it.
     */
    boolean call(boolean dropIntegers) {
        var options = affordable();
        if (options.isEmpty()) return false;
        Callee c = src.pick(options);
        boolean directOk = cfg.enabled(c.isImport() ? OpFamily.IMPORT : OpFamily.CALL);
        boolean indirect = cfg.enabled(OpFamily.CALL_INDIRECT) && (!directOk || src.chance(300));
        List<Value> args = vals.operands(c.signature().params());
        ValuePool.FnPtr fp = indirect ? fnPtr(c) : null;
        var results = new ArrayList<Value>();
        for (int k = 0; k < c.signature().returns().size(); k++) results.add(b.newValue());
        if (indirect) {
            b.emit(new Inst.CallIndirect(results, fp.sig(), fp.value(), args));
        } else {
            b.emit(new Inst.Call(results, declare(c), args));
        }
        b.cost += price(c);
        if (dropIntegers) b.pool.dropIntegers();
        for (int k = 0; k < results.size(); k++) b.pool.add(results.get(k), c.signature().returns().get(k));
        return true;
    }

    /** A function pointer to {@code c}: reused from the pool or made by func_addr. */
    private ValuePool.FnPtr fnPtr(Callee c) {
        int sig = b.sigFor(c.signature());
        var same = b.pool.fns().stream().filter(f -> f.signature().equals(c.signature())).toList();
        if (!same.isEmpty() && src.chance(400)) return src.pick(same);
        var entries = tables.stream().filter(e -> e.function().equals(c.name())).toList();
        Value v;
        if (!entries.isEmpty() && src.chance(400)) {
            // load the pointer from a data table: exercises the ADDR64 relocation at run time
            var e = src.pick(entries);
            Value base = b.newValue();
            b.emit(new Inst.SymbolValue(base, Type.I64, b.globalFor(e.data(), 0), false));
            v = b.newValue();
            b.emit(new Inst.Load(LoadOp.LOAD, v, Type.I64, new MemFlags(List.of("notrap")), base, e.offset()));
        } else {
            v = b.newValue();
            b.emit(new Inst.FuncAddr(v, Type.I64, declare(c)));
        }
        var fp = new ValuePool.FnPtr(v, sig, c.signature());
        b.pool.addFn(fp);
        return fp;
    }

    /** The fnN declaring {@code c}, added on first use (imports are never colocated). */
    int declare(Callee c) {
        for (FuncDecl d : b.funcs) if (d.name().equals(c.name())) return d.id();
        int id = b.funcs.size();
        boolean colocated = !c.isImport() && src.chance(600);
        int sigRef = -1;
        if (!b.sigs.isEmpty() && src.chance(300)) sigRef = b.sigFor(c.signature());
        b.funcs.add(new FuncDecl(id, c.name(), colocated, c.signature(), sigRef));
        return id;
    }

    /**
     * A return_call (or, with CALL_INDIRECT, sometimes a return_call_indirect through a function
     * pointer) to a module function with the caller's returns and no more stack arguments than the
     * caller received (the subject reuses its incoming area), or null if none is affordable.
     */
    Terminator returnCall(Signature caller) {
        if (!cfg.enabled(OpFamily.RETURN_CALL)) return null;
        int ownStack = ArgRegisters.stackSlots(caller.params());
        var options = affordable().stream()
                .filter(c -> !c.isImport() && c.signature().returns().equals(caller.returns())
                        && ArgRegisters.stackSlots(c.signature().params()) <= ownStack).toList();
        if (options.isEmpty()) return null;
        Callee c = src.pick(options);
        if (cfg.enabled(OpFamily.CALL_INDIRECT) && src.chance(300)) {
            ValuePool.FnPtr fp = fnPtr(c);
            List<Value> args = vals.leaving(c.signature().params());
            b.cost += price(c);
            return new Terminator.ReturnCallIndirect(fp.sig(), fp.value(), args);
        }
        List<Value> args = vals.leaving(c.signature().params());
        b.cost += price(c);
        return new Terminator.ReturnCall(declare(c), args);
    }
}
