package dev.a64w.gen;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Terminator;
import java.util.Map;
import java.util.TreeMap;

/** Counts CLIF opcodes in modules, so a run can show which instructions the generator reaches. */
public final class OpcodeHistogram {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    public void add(Module m) {
        for (Function f : m.functions()) {
            for (Block b : f.blocks()) {
                for (Inst i : b.insts()) bump(name(i));
                bump(name(b.terminator()));
            }
        }
    }

    /** Opcode to count, sorted by opcode. */
    public Map<String, Long> counts() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    private void bump(String op) {
        counts.merge(op, 1L, Long::sum);
    }

    /** The CLIF opcode of an instruction. */
    public static String name(Inst i) {
        return switch (i) {
            case Inst.Iconst x -> "iconst";
            case Inst.Unary x -> x.op().clif;
            case Inst.Binary x -> x.op().clif;
            case Inst.BinaryImm x -> x.op().clif;
            case Inst.Icmp x -> "icmp";
            case Inst.IcmpImm x -> "icmp_imm";
            case Inst.Select x -> x.op().clif;
            case Inst.Overflow x -> x.op().clif;
            case Inst.OverflowCarry x -> x.op().clif;
            case Inst.OverflowTrap x -> "uadd_overflow_trap";
            case Inst.Load x -> x.op().clif;
            case Inst.Store x -> x.op().clif;
            case Inst.StackLoad x -> "stack_load";
            case Inst.StackStore x -> "stack_store";
            case Inst.StackAddr x -> "stack_addr";
            case Inst.GetStackPointer x -> "get_stack_pointer";
            case Inst.SymbolValue x -> x.spelledGlobalValue() ? "global_value" : "symbol_value";
            case Inst.FuncAddr x -> "func_addr";
            case Inst.Call x -> "call";
            case Inst.CallIndirect x -> "call_indirect";
            case Inst.CondTrap x -> x.ifNonZero() ? "trapnz" : "trapz";
            case Inst.Fconst x -> x.type().clif() + "const";
            case Inst.FUnary x -> x.op().clif;
            case Inst.FBinary x -> x.op().clif;
            case Inst.Fma x -> "fma";
            case Inst.Fcmp x -> "fcmp";
            case Inst.FConv x -> x.op().clif;
            case Inst.AtomicRmw x -> "atomic_rmw";
            case Inst.AtomicCas x -> "atomic_cas";
            case Inst.AtomicLoad x -> "atomic_load";
            case Inst.AtomicStore x -> "atomic_store";
            case Inst.Fence x -> "fence";
        };
    }

    /** The CLIF opcode of a terminator. */
    public static String name(Terminator t) {
        return switch (t) {
            case Terminator.Jump x -> "jump";
            case Terminator.Brif x -> "brif";
            case Terminator.BrTable x -> "br_table";
            case Terminator.Return x -> "return";
            case Terminator.Trap x -> "trap";
            case Terminator.ReturnCall x -> "return_call";
            case Terminator.ReturnCallIndirect x -> "return_call_indirect";
        };
    }
}
