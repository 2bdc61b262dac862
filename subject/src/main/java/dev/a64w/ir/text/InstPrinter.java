package dev.a64w.ir.text;

import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints instructions. {@code local} gives the type of values already defined in the current
 * block (Cranelift infers a missing suffix only from those); {@code all} gives every value's type.
 */
final class InstPrinter {
    static final InstPrinter STANDALONE = new InstPrinter(null, Map.of());

    private final Function<Value, Type> local;
    private final Map<Value, Type> all;

    InstPrinter(Function<Value, Type> local, Map<Value, Type> all) {
        this.local = local;
        this.all = all;
    }

    /** Suffix for an op whose model type is {@code t} and whose controlling operand is {@code x}. */
    private String suffix(Value x, Type t) {
        if (local == null) return "";
        return t.equals(local.apply(x)) ? "" : "." + t.clif();
    }

    /**
     * Suffix for an op without a model type, controlled by operand {@code x}: the model's
     * {@code written} suffix (one contradicting the operand's type), else the operand's type
     * where Cranelift could not infer it.
     */
    private String operandSuffix(Value x, Type written) {
        if (written != null) return "." + written.clif();
        return operandSuffix(x);
    }

    /** Suffix for an op without a model type, controlled by operand {@code x}. */
    private String operandSuffix(Value x) {
        if (local == null || local.apply(x) != null) return "";
        Type t = all.get(x);
        return t == null ? "" : "." + t.clif();
    }

    /**
     * Suffix for an op whose operand {@code x} has one valid type {@code only} here: written for
     * Cranelift where it could not infer it, never another type (the parser rejects that).
     */
    private String fixedSuffix(Value x, Type only) {
        return operandSuffix(x).equals("." + only.clif()) ? "." + only.clif() : "";
    }

    private static String res(List<Value> rs) {
        return rs.isEmpty() ? "" : Printer.values(rs) + " = ";
    }

    private static String mem(MemFlags f) {
        return f.flags().isEmpty() ? "" : " " + f;
    }

    String inst(Inst i) {
        return switch (i) {
            case Inst.Iconst x -> x.result() + " = iconst." + x.type().clif() + " " + Numbers.imm(x.imm());
            case Inst.Unary x -> x.result() + " = " + x.op().clif
                    + (x.op().changesType() ? "." + x.type().clif() : suffix(x.arg(), x.type())) + " " + x.arg();
            case Inst.Binary x -> x.result() + " = " + x.op().clif + suffix(x.a(), x.type()) + " " + x.a() + ", " + x.b();
            case Inst.BinaryImm x -> x.result() + " = " + x.op().clif + suffix(x.a(), x.type()) + " " + x.a() + ", "
                    + Numbers.imm(x.imm());
            case Inst.Icmp x -> x.result() + " = icmp" + operandSuffix(x.a(), x.suffix()) + " " + x.cc().clif() + " " + x.a() + ", " + x.b();
            case Inst.IcmpImm x -> x.result() + " = icmp_imm" + operandSuffix(x.a(), x.suffix()) + " " + x.cc().clif() + " " + x.a()
                    + ", " + Numbers.imm(x.imm());
            case Inst.Select x -> x.result() + " = " + x.op().clif + suffix(x.ifTrue(), x.type()) + " " + x.cond() + ", "
                    + x.ifTrue() + ", " + x.ifFalse();
            case Inst.Overflow x -> x.result() + ", " + x.overflow() + " = " + x.op().clif + suffix(x.a(), x.type()) + " "
                    + x.a() + ", " + x.b();
            case Inst.OverflowCarry x -> x.result() + ", " + x.overflow() + " = " + x.op().clif + suffix(x.a(), x.type()) + " "
                    + x.a() + ", " + x.b() + ", " + x.carry();
            case Inst.OverflowTrap x -> x.result() + " = uadd_overflow_trap" + suffix(x.a(), x.type()) + " " + x.a() + ", "
                    + x.b() + ", " + x.code();
            case Inst.Load x -> x.result() + " = " + x.op().clif + "." + x.type().clif() + mem(x.flags()) + " " + x.addr()
                    + Numbers.offset(x.offset());
            case Inst.Store x -> x.op().clif + operandSuffix(x.value(), x.suffix()) + mem(x.flags()) + " " + x.value() + ", " + x.addr()
                    + Numbers.offset(x.offset());
            case Inst.StackLoad x -> x.result() + " = stack_load." + x.type().clif() + " ss" + x.slot() + Numbers.offset(x.offset());
            case Inst.StackStore x -> "stack_store" + operandSuffix(x.value(), x.suffix()) + " " + x.value() + ", ss" + x.slot()
                    + Numbers.offset(x.offset());
            case Inst.StackAddr x -> x.result() + " = stack_addr." + x.type().clif() + " ss" + x.slot() + Numbers.offset(x.offset());
            case Inst.GetStackPointer x -> x.result() + " = get_stack_pointer." + x.type().clif();
            case Inst.SymbolValue x -> x.result() + " = " + (x.spelledGlobalValue() ? "global_value." : "symbol_value.")
                    + x.type().clif() + " gv" + x.globalValue();
            case Inst.FuncAddr x -> x.result() + " = func_addr." + x.type().clif() + " fn" + x.func();
            case Inst.Call x -> res(x.results()) + "call fn" + x.func() + "(" + Printer.values(x.args()) + ")";
            case Inst.CallIndirect x -> res(x.results()) + "call_indirect" + fixedSuffix(x.callee(), Type.I64) + " sig" + x.sig() + ", "
                    + x.callee() + "(" + Printer.values(x.args()) + ")";
            case Inst.CondTrap x -> (x.ifNonZero() ? "trapnz" : "trapz") + operandSuffix(x.cond(), x.suffix()) + " " + x.cond() + ", " + x.code();
            case Inst.Fconst x -> x.result() + " = " + x.type().clif() + "const " + FloatLiterals.format(x.bits(), x.type());
            case Inst.FUnary x -> x.result() + " = " + x.op().clif + suffix(x.arg(), x.type()) + " " + x.arg();
            case Inst.FBinary x -> x.result() + " = " + x.op().clif + suffix(x.a(), x.type()) + " " + x.a() + ", " + x.b();
            case Inst.Fma x -> x.result() + " = fma" + suffix(x.a(), x.type()) + " " + x.a() + ", " + x.b() + ", " + x.c();
            case Inst.Fcmp x -> x.result() + " = fcmp" + operandSuffix(x.a()) + " " + x.cc().clif + " " + x.a() + ", " + x.b();
            case Inst.FConv x -> x.result() + " = " + x.op().clif + "." + x.type().clif() + " " + x.arg();
            case Inst.AtomicRmw x -> x.result() + " = atomic_rmw." + x.type().clif() + mem(x.flags()) + " " + x.op().clif + " "
                    + x.addr() + ", " + x.arg();
            case Inst.AtomicCas x -> x.result() + " = atomic_cas." + x.type().clif() + mem(x.flags()) + " " + x.addr() + ", "
                    + x.expected() + ", " + x.replacement();
            case Inst.AtomicLoad x -> x.result() + " = atomic_load." + x.type().clif() + mem(x.flags()) + " " + x.addr();
            case Inst.AtomicStore x -> "atomic_store" + operandSuffix(x.value(), x.suffix()) + mem(x.flags()) + " " + x.value() + ", "
                    + x.addr();
            case Inst.Fence x -> "fence";
        };
    }

    String terminator(Terminator t) {
        return switch (t) {
            case Terminator.Jump j -> "jump " + Printer.blockCall(j.target());
            case Terminator.Brif b -> "brif" + operandSuffix(b.cond(), b.suffix()) + " " + b.cond() + ", " + Printer.blockCall(b.ifTrue())
                    + ", " + Printer.blockCall(b.ifFalse());
            case Terminator.BrTable b -> "br_table" + fixedSuffix(b.index(), Type.I32) + " " + b.index() + ", "
                    + Printer.blockCall(b.fallback()) + ", ["
                    + String.join(", ", b.targets().stream().map(Printer::blockCall).toList()) + "]";
            case Terminator.Return r -> r.values().isEmpty() ? "return" : "return " + Printer.values(r.values());
            case Terminator.Trap tr -> "trap " + tr.code();
            case Terminator.ReturnCall rc -> "return_call fn" + rc.func() + "(" + Printer.values(rc.args()) + ")";
            case Terminator.ReturnCallIndirect rc -> "return_call_indirect" + fixedSuffix(rc.callee(), Type.I64) + " sig" + rc.sig()
                    + ", " + rc.callee() + "(" + Printer.values(rc.args()) + ")";
        };
    }
}
