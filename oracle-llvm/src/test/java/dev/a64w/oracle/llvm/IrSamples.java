package dev.a64w.oracle.llvm;

import static dev.a64w.oracle.llvm.FnBuilder.sig;

import dev.a64w.ir.BlockCall;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.StoreOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/** Hand-built modules that together use every instruction, terminator and opcode of the IR. */
final class IrSamples {
    static final Type I8 = Type.I8;
    static final Type I32 = Type.I32;
    static final Type I64 = Type.I64;
    static final MemFlags NOTRAP = new MemFlags(List.of("notrap", "aligned"));
    static final MemFlags BIG = new MemFlags(List.of("big"));

    private IrSamples() {}

    /** {@code %ops(i64, i64, i32) -> i64}: every arithmetic opcode at every type, xor-folded into the result. */
    static Function allOps() {
        FnBuilder b = new FnBuilder("ops", sig(List.of(I64, I64, I32), List.of(I64)));
        List<Value> p = b.block(0, I64, I64, I32);
        Value acc = b.iconst(I64, 0x1234);
        List<Value> results = new ArrayList<>();
        for (Type t : Type.values()) {
            if (t.isFloat()) continue; // integers here; floats: IrToLlvmFloatSemanticsTest
            Value x = t == I64 ? p.get(0) : b.unary(UnaryOp.IREDUCE, t, p.get(0));
            Value y = t == I64 ? p.get(1) : b.unary(UnaryOp.IREDUCE, t, p.get(1));
            for (UnaryOp op : UnaryOp.values()) {
                if (!op.changesType()) {
                    results.add(b.unary(op, t, x));
                }
            }
            results.add(b.unary(UnaryOp.UEXTEND, I64, x));
            results.add(b.unary(UnaryOp.SEXTEND, I64, x));
            results.add(b.unary(UnaryOp.BMASK, t, p.get(2)));
            for (BinaryOp op : BinaryOp.values()) {
                results.add(b.binary(op, t, x, y));
                if (op.isShift()) {
                    results.add(b.binary(op, t, x, p.get(2))); // amount of another type
                }
            }
            for (BinaryImmOp op : BinaryImmOp.values()) {
                results.add(b.add(new Inst.BinaryImm(op, b.fresh(), t, x, op.base.isShift() ? 67 : 7)));
            }
            for (IntCC cc : IntCC.values()) {
                results.add(b.add(new Inst.Icmp(cc, b.fresh(), x, y)));
                results.add(b.add(new Inst.IcmpImm(cc, b.fresh(), x, -3)));
            }
            Value c = results.get(results.size() - 1);
            results.add(b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, b.fresh(), t, c, x, y)));
            results.add(b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT_SPECTRE_GUARD, b.fresh(), t, c, x, y)));
            results.add(b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.BITSELECT, b.fresh(), t, y, x, y)));
            results.add(b.unary(UnaryOp.BITCAST, t, x));
            for (dev.a64w.ir.Opcodes.CarryOp op : dev.a64w.ir.Opcodes.CarryOp.values()) {
                Value r = b.fresh();
                Value of = b.fresh();
                b.add(new Inst.OverflowCarry(op, r, of, t, x, y, c));
                results.add(r);
                results.add(of);
            }
            for (OverflowOp op : OverflowOp.values()) {
                Value r = b.fresh();
                Value of = b.fresh();
                b.add(new Inst.Overflow(op, r, of, t, x, y));
                results.add(r);
                results.add(of);
            }
            results.add(b.add(new Inst.OverflowTrap(b.fresh(), t, x, y, TrapCode.user(7))));
        }
        for (Value r : results) {
            Value wide = b.unary(UnaryOp.UEXTEND, I64, r); // i64 -> i64 is a same-width alias
            acc = b.binary(BinaryOp.BXOR, I64, acc, wide);
        }
        b.end(new Terminator.Return(List.of(acc)));
        return b.build();
    }

    /** Memory, stack, symbols, calls and conditional traps; callees {@code %pair}, {@code %ext}, {@code %imp}. */
    static Function memoryAndCalls() {
        Signature pairSig = sig(List.of(I64), List.of(I64, I32));
        Signature unarySig = sig(List.of(I64), List.of(I64));
        FnBuilder b = new FnBuilder("mem", sig(List.of(I64, I64), List.of(I64)));
        int ss0 = b.slot(16, 8);
        int ss1 = b.slot(3, 0);
        int gTab = b.global("tab", true, 0);
        int gTab8 = b.global("tab", true, 8);
        int gExt = b.global("ext_data", false, 0);
        int fPair = b.func("pair", true, pairSig);
        int fExt = b.func("ext", false, unarySig);
        int fImp = b.func("imp", false, unarySig);
        int sigU = b.sigDecl(unarySig);
        List<Value> p = b.block(0, I64, I64);
        Value acc = p.get(1);
        for (LoadOp op : LoadOp.values()) {
            for (Type t : List.of(Type.I16, I32, I64)) {
                if (op.accessBytes >= t.bytes()) {
                    continue;
                }
                Value l = b.add(new Inst.Load(op, b.fresh(), t, MemFlags.NONE, p.get(0), 3));
                Value n = b.add(new Inst.Load(op, b.fresh(), t, NOTRAP, p.get(0), 0));
                acc = b.binary(BinaryOp.IADD, I64, acc, b.unary(UnaryOp.UEXTEND, I64, l));
                acc = b.binary(BinaryOp.IADD, I64, acc, b.unary(UnaryOp.UEXTEND, I64, n));
            }
        }
        for (StoreOp op : StoreOp.values()) {
            b.add(new Inst.Store(op, MemFlags.NONE, acc, p.get(0), 16));
            b.add(new Inst.Store(op, NOTRAP, b.unary(UnaryOp.IREDUCE, I32, acc), p.get(0), 0));
        }
        b.add(new Inst.Store(StoreOp.STORE, MemFlags.NONE, b.iconst(I8, 0xAB), p.get(0), -1));
        b.add(new Inst.StackStore(acc, ss0, 8));
        b.add(new Inst.StackStore(b.iconst(I8, 1), ss1, 2));
        Value sl = b.add(new Inst.StackLoad(b.fresh(), I64, ss0, 8));
        Value sa = b.add(new Inst.StackAddr(b.fresh(), I64, ss1, 1));
        Value sp = b.add(new Inst.GetStackPointer(b.fresh(), I64));
        Value tab = b.add(new Inst.SymbolValue(b.fresh(), I64, gTab, false));
        Value tab8 = b.add(new Inst.SymbolValue(b.fresh(), I64, gTab8, true));
        Value ext = b.add(new Inst.SymbolValue(b.fresh(), I64, gExt, false));
        Value fa = b.add(new Inst.FuncAddr(b.fresh(), I64, fExt));
        Value r0 = b.fresh();
        Value r1 = b.fresh();
        b.add(new Inst.Call(List.of(r0, r1), fPair, List.of(sl)));
        Value e = b.add(new Inst.Call(List.of(b.fresh()), fExt, List.of(sa)));
        Value i = b.add(new Inst.Call(List.of(b.fresh()), fImp, List.of(sp)));
        Value ci = b.add(new Inst.CallIndirect(List.of(b.fresh()), sigU, fa, List.of(tab)));
        b.add(new Inst.CondTrap(false, r1, TrapCode.HEAP_OOB));
        b.add(new Inst.CondTrap(true, b.add(new Inst.Icmp(IntCC.EQ, b.fresh(), e, i)), TrapCode.user(3)));
        for (Value v : List.of(r0, tab8, ext, ci, b.add(new Inst.Load(LoadOp.LOAD, b.fresh(), I64, NOTRAP, tab, 8)))) {
            acc = b.binary(BinaryOp.IADD, I64, acc, v);
        }
        b.end(new Terminator.Return(List.of(acc)));
        return b.build();
    }

    /** {@code %pair(i64) -> i64, i32}: two results. */
    static Function pair() {
        FnBuilder b = new FnBuilder("pair", sig(List.of(I64), List.of(I64, I32)));
        List<Value> p = b.block(0, I64);
        b.end(new Terminator.Return(List.of(p.get(0), b.unary(UnaryOp.IREDUCE, I32, p.get(0)))));
        return b.build();
    }

    /**
     * Every terminator: a loop back to the entry block, brif, br_table with two edges to one block
     * passing different arguments, an unreachable block with parameters, trap, return_call and
     * return_call_indirect.
     */
    static Function control() {
        Signature s = sig(List.of(I64, I8), List.of(I64));
        FnBuilder b = new FnBuilder("ctl", s);
        int self = b.func("ctl", true, s);
        int sigS = b.sigDecl(s);
        List<Value> p = b.block(0, I64, I8);
        Value dec = b.add(new Inst.BinaryImm(BinaryImmOp.IADD_IMM, b.fresh(), I64, p.get(0), -1));
        b.end(new Terminator.Brif(p.get(1), BlockCall.of(new dev.a64w.ir.BlockRef(1), dec),
                BlockCall.of(new dev.a64w.ir.BlockRef(2), dec, p.get(0))));
        List<Value> q = b.block(1, I64);
        Value idx = b.unary(UnaryOp.IREDUCE, I8, q.get(0));
        Value one = b.iconst(I64, 1);
        b.end(new Terminator.BrTable(idx, BlockCall.of(new dev.a64w.ir.BlockRef(3)),
                List.of(BlockCall.of(new dev.a64w.ir.BlockRef(2), q.get(0), one),
                        BlockCall.of(new dev.a64w.ir.BlockRef(2), one, q.get(0)),
                        BlockCall.of(new dev.a64w.ir.BlockRef(4)),
                        BlockCall.of(new dev.a64w.ir.BlockRef(5)),
                        BlockCall.of(new dev.a64w.ir.BlockRef(0), q.get(0), idx))));
        List<Value> r = b.block(2, I64, I64);
        b.end(new Terminator.Return(List.of(b.binary(BinaryOp.ISUB, I64, r.get(0), r.get(1)))));
        b.block(3);
        b.end(new Terminator.Trap(TrapCode.UNREACHABLE));
        b.block(4);
        b.end(new Terminator.ReturnCall(self, List.of(one, b.iconst(I8, 0))));
        b.block(5);
        Value fa = b.add(new Inst.FuncAddr(b.fresh(), I64, self));
        b.end(new Terminator.ReturnCallIndirect(sigS, fa, List.of(one, b.iconst(I8, 1))));
        List<Value> u = b.block(6, I64); // no predecessors
        b.end(new Terminator.Jump(BlockCall.of(new dev.a64w.ir.BlockRef(2), u.get(0), u.get(0))));
        return b.build();
    }

    /** Data objects: bytes, zeros, pointers to a function, to itself plus 4 and to an external. */
    static List<DataObject> data() {
        return List.of(
                new DataObject("tab", false, 8, List.of(new DataItem.Raw(Bytes.ofHex("0102030405060708")),
                        new DataItem.Addr("pair", 0), new DataItem.Addr("tab", 4), new DataItem.Zero(4),
                        new DataItem.Addr("ext_data", -8))),
                new DataObject("ro", true, 16, List.of(new DataItem.Raw(Bytes.ofHex("ff")))),
                new DataObject("zeros", false, 4096, List.of(new DataItem.Zero(64))),
                new DataObject("empty", false, 1, List.of()));
    }

    /**
     * {@code %floats(f64, f32, i64) -> f64, i32, f32}: every float instruction, operation, condition
     * and conversion at both float types, folded into the results; float loads/stores, select on
     * floats, a float phi and a call with a mixed signature.
     */
    static Function floats() {
        Type f32 = Type.F32;
        Type f64 = Type.F64;
        Signature s = sig(List.of(f64, f32, I64), List.of(f64, I32, f32));
        FnBuilder b = new FnBuilder("floats", s);
        int self = b.func("floats", true, s);
        List<Value> p = b.block(0, f64, f32, I64);
        Value d = p.get(0);
        Value f = p.get(1);
        Value flags = b.iconst(I32, 0);
        Value[] acc = {b.add(new Inst.Fconst(b.fresh(), f64, 0x7ff4000000000001L)), b.add(new Inst.Fconst(b.fresh(), f32, 0x80000000L))};
        for (Type t : List.of(f32, f64)) {
            Value x = t == f64 ? d : f;
            Value y = b.add(new Inst.Fconst(b.fresh(), t, t == f64 ? 0x3ff8000000000000L : 0x3fc00000L));
            int k = t == f64 ? 0 : 1;
            for (dev.a64w.ir.Opcodes.FUnaryOp op : dev.a64w.ir.Opcodes.FUnaryOp.values()) {
                acc[k] = b.add(new Inst.FBinary(dev.a64w.ir.Opcodes.FBinaryOp.FADD, b.fresh(), t, acc[k],
                        b.add(new Inst.FUnary(op, b.fresh(), t, x))));
            }
            for (dev.a64w.ir.Opcodes.FBinaryOp op : dev.a64w.ir.Opcodes.FBinaryOp.values()) {
                acc[k] = b.add(new Inst.FBinary(op, b.fresh(), t, acc[k], y));
            }
            acc[k] = b.add(new Inst.Fma(b.fresh(), t, acc[k], x, y));
            for (dev.a64w.ir.FloatCC cc : dev.a64w.ir.FloatCC.values()) {
                Value c = b.unary(UnaryOp.UEXTEND, I32, b.add(new Inst.Fcmp(cc, b.fresh(), acc[k], x)));
                flags = b.binary(BinaryOp.BXOR, I32, b.binary(BinaryOp.ISHL, I32, flags, b.iconst(I32, 1)), c);
            }
            for (Type it : List.of(I8, I32, I64)) {
                for (dev.a64w.ir.Opcodes.FConvOp op : List.of(dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_SINT,
                        dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_UINT, dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_SINT_SAT,
                        dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_UINT_SAT)) {
                    Value n = b.add(new Inst.FConv(op, b.fresh(), it, x));
                    flags = b.binary(BinaryOp.IADD, I32, flags, it == I64 || it == I32 ? b.unary(it == I64 ? UnaryOp.IREDUCE : UnaryOp.BMASK, I32, n)
                            : b.unary(UnaryOp.SEXTEND, I32, n));
                }
                Value back = b.add(new Inst.FConv(dev.a64w.ir.Opcodes.FConvOp.FCVT_FROM_SINT, b.fresh(), t,
                        it == I64 ? p.get(2) : b.unary(UnaryOp.IREDUCE, it, p.get(2))));
                Value uback = b.add(new Inst.FConv(dev.a64w.ir.Opcodes.FConvOp.FCVT_FROM_UINT, b.fresh(), t,
                        it == I64 ? p.get(2) : b.unary(UnaryOp.IREDUCE, it, p.get(2))));
                acc[k] = b.add(new Inst.FBinary(dev.a64w.ir.Opcodes.FBinaryOp.FSUB, b.fresh(), t, acc[k],
                        b.add(new Inst.FBinary(dev.a64w.ir.Opcodes.FBinaryOp.FMUL, b.fresh(), t, back, uback))));
            }
            acc[k] = b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, b.fresh(), t, flags, acc[k], x));
            b.add(new Inst.Store(StoreOp.STORE, NOTRAP, acc[k], p.get(2), 8 * k));
            acc[k] = b.add(new Inst.Load(LoadOp.LOAD, b.fresh(), t, MemFlags.NONE, p.get(2), 8 * k));
            Value bits = b.unary(UnaryOp.BITCAST, t == f64 ? I64 : I32, acc[k]);
            acc[k] = b.unary(UnaryOp.BITCAST, t, b.binary(BinaryOp.BXOR, t == f64 ? I64 : I32, bits, bits));
        }
        Value promoted = b.add(new Inst.FConv(dev.a64w.ir.Opcodes.FConvOp.FPROMOTE, b.fresh(), f64, acc[1]));
        Value demoted = b.add(new Inst.FConv(dev.a64w.ir.Opcodes.FConvOp.FDEMOTE, b.fresh(), f32, acc[0]));
        Value r1 = b.fresh();
        Value r2 = b.fresh();
        Value r3 = b.fresh();
        b.add(new Inst.Call(List.of(r1, r2, r3), self, List.of(promoted, demoted, p.get(2))));
        b.end(new Terminator.Brif(flags, BlockCall.of(new dev.a64w.ir.BlockRef(1), r1),
                BlockCall.of(new dev.a64w.ir.BlockRef(1), d)));
        List<Value> q = b.block(1, f64);
        b.end(new Terminator.Return(List.of(q.get(0), b.binary(BinaryOp.IADD, I32, r2, flags), r3)));
        return b.build();
    }

    /** Every atomic_rmw operation at every width (plain and big), atomic_cas, atomic_load, atomic_store (plain and big) and fence. */
    static Function atomics() {
        FnBuilder b = new FnBuilder("atomics", sig(List.of(I64, I64), List.of(I64)));
        List<Value> p = b.block(0, I64, I64);
        Value acc = p.get(1);
        for (Type t : List.of(I8, Type.I16, I32, I64)) {
            Value x = t == I64 ? acc : b.unary(UnaryOp.IREDUCE, t, acc);
            for (MemFlags fl : List.of(MemFlags.NONE, BIG)) { // big: byte-swapped, some ops as cmpxchg loops
                for (Opcodes.AtomicRmwOp op : Opcodes.AtomicRmwOp.values()) {
                    x = b.add(new Inst.AtomicRmw(op, b.fresh(), t, fl, p.get(0), x));
                }
            }
            x = b.add(new Inst.AtomicCas(b.fresh(), t, NOTRAP, p.get(0), x, b.iconst(t, 7)));
            x = b.add(new Inst.AtomicCas(b.fresh(), t, BIG, p.get(0), x, b.iconst(t, 9)));
            Value l = b.add(new Inst.AtomicLoad(b.fresh(), t, MemFlags.NONE, p.get(0)));
            l = b.binary(BinaryOp.IADD, t, l, b.add(new Inst.AtomicLoad(b.fresh(), t, BIG, p.get(0))));
            b.add(new Inst.AtomicStore(MemFlags.NONE, b.binary(BinaryOp.IADD, t, l, x), p.get(0)));
            b.add(new Inst.AtomicStore(BIG, x, p.get(0)));
            b.add(new Inst.Fence());
            acc = b.binary(BinaryOp.IADD, I64, acc, t == I64 ? l : b.unary(UnaryOp.UEXTEND, I64, l));
        }
        b.end(new Terminator.Return(List.of(acc)));
        return b.build();
    }

    static Module everything() {
        return new Module(List.of(), List.of(new Import("imp", "host.dll")), data(),
                List.of(allOps(), memoryAndCalls(), pair(), control(), floats(), atomics()), List.of(), List.of());
    }
}
