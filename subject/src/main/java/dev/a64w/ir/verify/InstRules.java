package dev.a64w.ir.verify;

import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Printer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Operand types, immediates and references of one non-terminator instruction, following
 * Cranelift's type constraints (addresses are i64 on this target). Operands whose type is unknown
 * (undefined values) are skipped here; the definition check reports them.
 */
final class InstRules {
    private final Function f;
    private final Map<Value, Type> types;
    private final Consumer<String> report;

    InstRules(Function f, Map<Value, Type> types, Consumer<String> report) {
        this.f = f;
        this.types = types;
        this.report = report;
    }

    private void same(Value v, Type expected, String what) {
        Type t = types.get(v);
        if (t != null && t != expected) report.accept(what + " " + v + " has type " + t + ", expected " + expected);
    }

    private void sameAs(Value a, Value b) {
        Type ta = types.get(a), tb = types.get(b);
        if (ta != null && tb != null && ta != tb) report.accept("operand types differ: " + ta + " vs " + tb);
    }

    /** The instruction's controlling type must be an integer (Cranelift's {@code Int} type set). */
    private void intType(Type t, String op) {
        if (t != null && t.isFloat()) report.accept(op + " needs an integer type, not " + t);
    }

    /** The instruction's controlling type must be a float. */
    private void floatType(Type t, String op) {
        if (t != null && !t.isFloat()) report.accept(op + " needs a float type, not " + t);
    }

    /** The operand {@code v}, if its type is known, must be an integer. */
    private void intOperand(Value v, String what) {
        Type t = types.get(v);
        if (t != null && t.isFloat()) report.accept(what + " " + v + " has type " + t + ", expected an integer");
    }

    /** The operand {@code v}, if its type is known, must be a float. */
    private void floatOperand(Value v, String what) {
        Type t = types.get(v);
        if (t != null && !t.isFloat()) report.accept(what + " " + v + " has type " + t + ", expected a float");
    }

    /** An explicit type suffix ({@code op.T}) must be the type of the operand {@code v} it controls. */
    void suffix(String op, Type suffix, Value v) {
        Type t = types.get(v);
        if (suffix != null && t != null && t != suffix) {
            report.accept(op + "." + suffix + ": " + v + " has type " + t + ", the type suffix says " + suffix);
        }
    }

    /** Atomics take i8, i16, i32 or i64 (Cranelift's {@code AtomicMem} type variable; i128 is not in the subset). */
    private void atomicType(Type t, String op) {
        if (t != null && t.isFloat()) report.accept(op + " needs an integer type (i8..i64), not " + t);
    }

    void address(Value v) {
        same(v, Type.I64, "address");
    }

    /** One byte order at most (Cranelift's MemFlags hold a single endianness). */
    private void endianness(dev.a64w.ir.MemFlags f) {
        if (f.big() && f.has("little")) report.accept("memory flags '" + f + "' name both big and little endianness");
    }

    private void pointerResult(Type t, String op) {
        if (t != Type.I64) report.accept(op + " result must be i64 (the address type), is " + t);
    }

    void args(List<Value> args, List<Type> params, String callee) {
        if (args.size() != params.size()) {
            report.accept(callee + " takes " + params.size() + " arguments, " + args.size() + " given");
            return;
        }
        for (int k = 0; k < args.size(); k++) same(args.get(k), params.get(k), "argument " + k);
    }

    private void results(List<Value> results, List<Type> returns, String callee) {
        if (results.size() != returns.size()) {
            report.accept(callee + " returns " + returns.size() + " values, " + results.size() + " defined");
        }
    }

    Optional<Signature> sig(int id) {
        Optional<Signature> s = f.sig(id).map(d -> d.signature());
        if (s.isEmpty()) report.accept("sig" + id + " is not declared");
        return s;
    }

    private Optional<StackSlot> slot(int id, int offset, int bytes, String what) {
        Optional<StackSlot> s = f.slot(id);
        if (s.isEmpty()) {
            report.accept("ss" + id + " is not declared");
        } else if (offset < 0 || (long) offset + bytes > s.get().size()) {
            report.accept(what + " at offset 0x" + Integer.toHexString(offset) + " of " + bytes + " bytes is outside ss" + id
                    + " (0x" + Integer.toHexString(s.get().size()) + " bytes)");
        }
        return s;
    }

    static boolean fits(Type t, long imm) {
        if (t == Type.I64) return true;
        return imm >= -(1L << (t.bits() - 1)) && imm <= t.mask();
    }

    void check(Inst inst) {
        switch (inst) {
            case Inst.Iconst x -> {
                intType(x.type(), "iconst");
                if (x.type().isInt() && !fits(x.type(), x.imm())) {
                    report.accept("immediate 0x" + Long.toHexString(x.imm()) + " out of range for " + x.type()
                            + " (-0x" + Long.toHexString(1L << (x.type().bits() - 1)) + "..0x" + Long.toHexString(x.type().mask()) + ")");
                }
            }
            case Inst.Unary x -> unary(x);
            case Inst.Binary x -> {
                if (!bitwiseOnAnyType(x.op())) {
                    intType(x.type(), x.op().clif);
                    intOperand(x.b(), "operand");
                }
                same(x.a(), x.type(), "operand");
                if (!x.op().isShift()) sameAs(x.a(), x.b());
            }
            case Inst.BinaryImm x -> {
                intType(x.type(), x.op().clif);
                same(x.a(), x.type(), "operand");
            }
            case Inst.Icmp x -> {
                intOperand(x.a(), "icmp operand");
                suffix("icmp", x.suffix(), x.a());
                sameAs(x.a(), x.b());
            }
            case Inst.IcmpImm x -> {
                intOperand(x.a(), "icmp_imm operand");
                suffix("icmp_imm", x.suffix(), x.a());
            }
            case Inst.Select x -> {
                same(x.ifTrue(), x.type(), "operand");
                same(x.ifFalse(), x.type(), "operand");
                if (x.op() == dev.a64w.ir.Opcodes.SelectOp.BITSELECT) same(x.cond(), x.type(), "bitselect mask");
                else intOperand(x.cond(), x.op().clif + " condition");
            }
            case Inst.OverflowCarry x -> {
                intType(x.type(), x.op().clif);
                same(x.a(), x.type(), "operand");
                sameAs(x.a(), x.b());
                same(x.carry(), Type.I8, x.op().clif + (x.op().sub ? " borrow" : " carry"));
            }
            case Inst.Overflow x -> {
                intType(x.type(), x.op().clif);
                same(x.a(), x.type(), "operand");
                sameAs(x.a(), x.b());
            }
            case Inst.OverflowTrap x -> {
                same(x.a(), x.type(), "operand");
                sameAs(x.a(), x.b());
                if (x.type() != Type.I32 && x.type() != Type.I64) report.accept("uadd_overflow_trap is defined for i32 and i64 only, not " + x.type());
            }
            case Inst.Load x -> {
                address(x.addr());
                endianness(x.flags());
                if (x.type().isFloat() && x.op().accessBytes != 0) report.accept(x.op().clif + " needs an integer type, not " + x.type());
                if (x.op().accessBytes != 0 && x.op().accessBytes >= x.type().bytes()) {
                    report.accept(x.op().clif + " must extend to a wider type than " + (8 * x.op().accessBytes) + " bits, not " + x.type());
                }
            }
            case Inst.Store x -> {
                suffix(x.op().clif, x.suffix(), x.value());
                address(x.addr());
                endianness(x.flags());
                Type vt = types.get(x.value());
                if (vt != null && vt.isFloat() && x.op().accessBytes != 0) report.accept(x.op().clif + " stores integers, " + x.value() + " is " + vt);
                else if (vt != null && x.op().accessBytes != 0 && x.op().accessBytes >= vt.bytes()) {
                    report.accept(x.op().clif + " stores part of a wider value, " + x.value() + " is " + vt);
                }
            }
            case Inst.StackLoad x -> slot(x.slot(), x.offset(), x.type().bytes(), "stack_load");
            case Inst.StackStore x -> {
                suffix("stack_store", x.suffix(), x.value());
                Type vt = types.get(x.value());
                slot(x.slot(), x.offset(), vt == null ? 1 : vt.bytes(), "stack_store");
            }
            case Inst.StackAddr x -> {
                slot(x.slot(), x.offset(), 0, "stack_addr");
                pointerResult(x.type(), "stack_addr");
            }
            case Inst.GetStackPointer x -> pointerResult(x.type(), "get_stack_pointer");
            case Inst.SymbolValue x -> {
                if (f.global(x.globalValue()).isEmpty()) report.accept("gv" + x.globalValue() + " is not declared");
                pointerResult(x.type(), "symbol_value");
            }
            case Inst.FuncAddr x -> {
                if (f.func(x.func()).isEmpty()) report.accept("fn" + x.func() + " is not declared");
                pointerResult(x.type(), "func_addr");
            }
            case Inst.Call x -> f.func(x.func()).ifPresentOrElse(d -> {
                args(x.args(), d.signature().params(), "%" + d.name());
                results(x.results(), d.signature().returns(), "%" + d.name());
            }, () -> report.accept("fn" + x.func() + " is not declared"));
            case Inst.CallIndirect x -> {
                address(x.callee());
                sig(x.sig()).ifPresent(s -> {
                    args(x.args(), s.params(), "sig" + x.sig());
                    results(x.results(), s.returns(), "sig" + x.sig());
                });
            }
            case Inst.CondTrap x -> {
                intOperand(x.cond(), "condition");
                suffix(x.ifNonZero() ? "trapnz" : "trapz", x.suffix(), x.cond());
            }
            case Inst.Fconst x -> floatType(x.type(), x.type().clif() + "const");
            case Inst.FUnary x -> {
                floatType(x.type(), x.op().clif);
                same(x.arg(), x.type(), "operand");
            }
            case Inst.FBinary x -> {
                floatType(x.type(), x.op().clif);
                same(x.a(), x.type(), "operand");
                same(x.b(), x.type(), "operand");
            }
            case Inst.Fma x -> {
                floatType(x.type(), "fma");
                same(x.a(), x.type(), "operand");
                same(x.b(), x.type(), "operand");
                same(x.c(), x.type(), "operand");
            }
            case Inst.Fcmp x -> {
                floatOperand(x.a(), "fcmp operand");
                sameAs(x.a(), x.b());
            }
            case Inst.FConv x -> conversion(x);
            case Inst.AtomicRmw x -> {
                atomicType(x.type(), "atomic_rmw");
                address(x.addr());
                same(x.arg(), x.type(), "operand");
            }
            case Inst.AtomicCas x -> {
                atomicType(x.type(), "atomic_cas");
                address(x.addr());
                same(x.expected(), x.type(), "expected value");
                same(x.replacement(), x.type(), "replacement value");
            }
            case Inst.AtomicLoad x -> {
                atomicType(x.type(), "atomic_load");
                address(x.addr());
            }
            case Inst.AtomicStore x -> {
                suffix("atomic_store", x.suffix(), x.value());
                atomicType(types.get(x.value()), "atomic_store");
                address(x.addr());
            }
            case Inst.Fence x -> { }
        }
    }

    /** {@code band bor bxor} take any scalar type, floats included (Cranelift's {@code bits} type variable), as does {@code bnot}. */
    private static boolean bitwiseOnAnyType(dev.a64w.ir.Opcodes.BinaryOp op) {
        return switch (op) {
            case BAND, BOR, BXOR -> true;
            default -> false;
        };
    }

    private void conversion(Inst.FConv x) {
        Type at = types.get(x.arg());
        String op = x.op().clif;
        switch (x.op()) {
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                floatOperand(x.arg(), op + " operand");
                intType(x.type(), op);
            }
            case FCVT_FROM_SINT, FCVT_FROM_UINT -> {
                intOperand(x.arg(), op + " operand");
                floatType(x.type(), op);
            }
            case FPROMOTE -> {
                if (x.type() != Type.F64 || (at != null && at != Type.F32)) report.accept("fpromote converts f32 to f64, not " + at + " to " + x.type());
            }
            case FDEMOTE -> {
                if (x.type() != Type.F32 || (at != null && at != Type.F64)) report.accept("fdemote converts f64 to f32, not " + at + " to " + x.type());
            }
        }
    }

    private void unary(Inst.Unary x) {
        Type at = types.get(x.arg());
        if (x.op() != UnaryOp.BITCAST && x.op() != UnaryOp.BNOT) {
            intType(x.type(), x.op().clif);
            intOperand(x.arg(), x.op().clif + " operand");
        }
        switch (x.op()) {
            case UEXTEND, SEXTEND -> {
                if (at != null && at.bits() >= x.type().bits()) report.accept(x.op().clif + " must widen: " + at + " to " + x.type());
            }
            case IREDUCE -> {
                if (at != null && at.bits() <= x.type().bits()) report.accept("ireduce must narrow: " + at + " to " + x.type());
            }
            case BMASK -> { }
            case BITCAST -> {
                if (at != null && at.bits() != x.type().bits()) report.accept("bitcast must keep the width: " + at + " to " + x.type());
            }
            default -> {
                same(x.arg(), x.type(), "operand");
                if (x.op() == UnaryOp.BSWAP && x.type() == Type.I8) report.accept("bswap needs i16 or wider, not i8");
            }
        }
    }

    static String describe(Inst i) {
        return Printer.inst(i);
    }
}
