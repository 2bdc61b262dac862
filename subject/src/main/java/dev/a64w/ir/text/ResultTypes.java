package dev.a64w.ir.text;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.Map;

/** The types of the values a just-parsed instruction defines, for inferring later type suffixes (calls: from the signature, elsewhere). */
final class ResultTypes {
    private ResultTypes() {}

    static Map<Value, Type> of(Object parsed) {
        Map<Value, Type> m = new HashMap<>();
        switch (parsed) {
            case Inst.Icmp x -> m.put(x.result(), Type.I8);
            case Inst.IcmpImm x -> m.put(x.result(), Type.I8);
            case Inst.Fcmp x -> m.put(x.result(), Type.I8);
            case Inst.Overflow x -> {
                m.put(x.result(), x.type());
                m.put(x.overflow(), Type.I8);
            }
            case Inst.OverflowCarry x -> {
                m.put(x.result(), x.type());
                m.put(x.overflow(), Type.I8);
            }
            case Inst i -> {
                // single-result formats with a controlling type; calls get theirs from the signature
                Type t = switch (i) {
                    case Inst.Iconst x -> x.type();
                    case Inst.Unary x -> x.type();
                    case Inst.Binary x -> x.type();
                    case Inst.BinaryImm x -> x.type();
                    case Inst.Select x -> x.type();
                    case Inst.OverflowTrap x -> x.type();
                    case Inst.Load x -> x.type();
                    case Inst.StackLoad x -> x.type();
                    case Inst.StackAddr x -> x.type();
                    case Inst.GetStackPointer x -> x.type();
                    case Inst.SymbolValue x -> x.type();
                    case Inst.FuncAddr x -> x.type();
                    case Inst.Fconst x -> x.type();
                    case Inst.FUnary x -> x.type();
                    case Inst.FBinary x -> x.type();
                    case Inst.Fma x -> x.type();
                    case Inst.FConv x -> x.type();
                    case Inst.AtomicRmw x -> x.type();
                    case Inst.AtomicCas x -> x.type();
                    case Inst.AtomicLoad x -> x.type();
                    default -> null;
                };
                if (t != null) m.put(i.results().getFirst(), t);
            }
            default -> { }
        }
        return m;
    }
}
