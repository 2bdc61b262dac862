package dev.a64w.ir;

import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Opcodes.StoreOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import java.util.List;

/**
 * A non-terminator instruction: one record per instruction format, the operation as an enum
 * inside. Types are the controlling (result) type. Cross-instruction facts (operand types, value
 * definitions dominating uses) belong to the verifier.
 *
 * <p>Formats whose controlling type is that of an operand ({@code icmp}, {@code icmp_imm}, stores,
 * {@code trapz}/{@code trapnz}) carry a {@code suffix}: an explicit type suffix that contradicts
 * the operand's type, which the verifier rejects as Cranelift's does, or null (the usual case: no
 * suffix, or one equal to the operand's type, which the parser drops). The constructors without
 * it give null.
 */
public sealed interface Inst {
    /** Values defined by this instruction, in order. */
    List<Value> results();

    /** Values read by this instruction, in operand order. */
    List<Value> uses();

    /** {@code v = iconst.T imm}; {@code imm} as written, interpreted modulo the width. */
    record Iconst(Value result, Type type, long imm) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code v = op[.T] x}. */
    record Unary(UnaryOp op, Value result, Type type, Value arg) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(arg); }
    }

    /** {@code v = op x, y}. */
    record Binary(BinaryOp op, Value result, Type type, Value a, Value b) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v = op_imm x, imm}. */
    record BinaryImm(BinaryImmOp op, Value result, Type type, Value a, long imm) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a); }
    }

    /** {@code v = icmp[.T] cc x, y}; the result is an i8 0 or 1. */
    record Icmp(IntCC cc, Value result, Value a, Value b, Type suffix) implements Inst {
        public Icmp(IntCC cc, Value result, Value a, Value b) {
            this(cc, result, a, b, null);
        }

        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v = icmp_imm[.T] cc x, imm}. */
    record IcmpImm(IntCC cc, Value result, Value a, long imm, Type suffix) implements Inst {
        public IcmpImm(IntCC cc, Value result, Value a, long imm) {
            this(cc, result, a, imm, null);
        }

        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a); }
    }

    /** {@code v = select c, x, y}: x when c != 0; also select_spectre_guard and bitselect (see {@link SelectOp}). */
    record Select(SelectOp op, Value result, Type type, Value cond, Value ifTrue, Value ifFalse) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(cond, ifTrue, ifFalse); }
    }

    /** {@code v, of = op x, y}; {@code of} is an i8 0 or 1. */
    record Overflow(OverflowOp op, Value result, Value overflow, Type type, Value a, Value b) implements Inst {
        public List<Value> results() { return List.of(result, overflow); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v, of = op x, y, c}: add with carry in / subtract with borrow in, overflow out; c and of are i8. */
    record OverflowCarry(CarryOp op, Value result, Value overflow, Type type, Value a, Value b, Value carry) implements Inst {
        public List<Value> results() { return List.of(result, overflow); }
        public List<Value> uses() { return List.of(a, b, carry); }
    }

    /** {@code v = uadd_overflow_trap x, y, code}. */
    record OverflowTrap(Value result, Type type, Value a, Value b, TrapCode code) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v = op.T flags addr[+offset]}. */
    record Load(LoadOp op, Value result, Type type, MemFlags flags, Value addr, int offset) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(addr); }
    }

    /** {@code op[.T] flags value, addr[+offset]}. */
    record Store(StoreOp op, MemFlags flags, Value value, Value addr, int offset, Type suffix) implements Inst {
        public Store(StoreOp op, MemFlags flags, Value value, Value addr, int offset) {
            this(op, flags, value, addr, offset, null);
        }

        public List<Value> results() { return List.of(); }
        public List<Value> uses() { return List.of(value, addr); }
    }

    /** {@code v = stack_load.T ssN[+offset]}. */
    record StackLoad(Value result, Type type, int slot, int offset) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code stack_store[.T] v, ssN[+offset]}. */
    record StackStore(Value value, int slot, int offset, Type suffix) implements Inst {
        public StackStore(Value value, int slot, int offset) {
            this(value, slot, offset, null);
        }

        public List<Value> results() { return List.of(); }
        public List<Value> uses() { return List.of(value); }
    }

    /** {@code v = stack_addr.T ssN[+offset]}. */
    record StackAddr(Value result, Type type, int slot, int offset) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code v = get_stack_pointer.T}. */
    record GetStackPointer(Value result, Type type) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code v = symbol_value.T gvN} (or {@code global_value}, kept for printing). */
    record SymbolValue(Value result, Type type, int globalValue, boolean spelledGlobalValue) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code v = func_addr.T fnN}. */
    record FuncAddr(Value result, Type type, int func) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code [vA, vB =] call fnN(args)}. */
    record Call(List<Value> results, int func, List<Value> args) implements Inst {
        public Call {
            results = List.copyOf(results);
            args = List.copyOf(args);
        }

        public List<Value> uses() { return args; }
    }

    /** {@code [vA =] call_indirect sigN, callee(args)}. */
    record CallIndirect(List<Value> results, int sig, Value callee, List<Value> args) implements Inst {
        public CallIndirect {
            results = List.copyOf(results);
            args = List.copyOf(args);
        }

        public List<Value> uses() {
            var all = new java.util.ArrayList<Value>(args.size() + 1);
            all.add(callee);
            all.addAll(args);
            return List.copyOf(all);
        }
    }

    /** {@code trapz[.T] c, code} ({@code ifNonZero} false) or {@code trapnz[.T] c, code}. */
    record CondTrap(boolean ifNonZero, Value cond, TrapCode code, Type suffix) implements Inst {
        public CondTrap(boolean ifNonZero, Value cond, TrapCode code) {
            this(ifNonZero, cond, code, null);
        }

        public List<Value> results() { return List.of(); }
        public List<Value> uses() { return List.of(cond); }
    }

    /** {@code v = f32const bits} / {@code f64const}; {@code bits} is the raw IEEE pattern (f32 zero-extended). */
    record Fconst(Value result, Type type, long bits) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(); }
    }

    /** {@code v = op x} on a float ({@code sqrt}, {@code fneg}, {@code ceil}...). */
    record FUnary(FUnaryOp op, Value result, Type type, Value arg) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(arg); }
    }

    /** {@code v = op x, y} on floats ({@code fadd}, {@code fmin}, {@code fcopysign}...). */
    record FBinary(FBinaryOp op, Value result, Type type, Value a, Value b) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v = fma a, b, c}: a*b+c with a single rounding. */
    record Fma(Value result, Type type, Value a, Value b, Value c) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b, c); }
    }

    /** {@code v = fcmp cc x, y}; the result is an i8 0 or 1. */
    record Fcmp(FloatCC cc, Value result, Value a, Value b) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(a, b); }
    }

    /** {@code v = op.T x}: a conversion; {@code type} is the result type T. */
    record FConv(FConvOp op, Value result, Type type, Value arg) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(arg); }
    }

    /**
     * {@code v = atomic_rmw.T flags op p, x}: reads the T at p, stores {@code op(old, x)}, gives the
     * old value (narrow types zero-extended in memory, the value itself is T).
     */
    record AtomicRmw(AtomicRmwOp op, Value result, Type type, MemFlags flags, Value addr, Value arg) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(addr, arg); }
    }

    /** {@code v = atomic_cas.T flags p, expected, replacement}: stores replacement if the T at p equals expected; gives the old value. */
    record AtomicCas(Value result, Type type, MemFlags flags, Value addr, Value expected, Value replacement) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(addr, expected, replacement); }
    }

    /** {@code v = atomic_load.T flags p}. */
    record AtomicLoad(Value result, Type type, MemFlags flags, Value addr) implements Inst {
        public List<Value> results() { return List.of(result); }
        public List<Value> uses() { return List.of(addr); }
    }

    /** {@code atomic_store[.T] flags x, p}; {@code suffix} as for {@link Store}. */
    record AtomicStore(MemFlags flags, Value value, Value addr, Type suffix) implements Inst {
        public AtomicStore(MemFlags flags, Value value, Value addr) {
            this(flags, value, addr, null);
        }

        public List<Value> results() { return List.of(); }
        public List<Value> uses() { return List.of(value, addr); }
    }

    /** {@code fence}: a sequentially consistent memory barrier. */
    record Fence() implements Inst {
        public List<Value> results() { return List.of(); }
        public List<Value> uses() { return List.of(); }
    }
}
