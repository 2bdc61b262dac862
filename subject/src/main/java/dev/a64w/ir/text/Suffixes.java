package dev.a64w.ir.text;

import dev.a64w.ir.Block;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;
import java.util.Map;

/**
 * Explicit type suffixes on instructions whose model has no type of its own. Cranelift takes a
 * suffix as the controlling type: on an instruction that is not polymorphic it is a syntax error,
 * and on one controlled by an operand ({@code icmp}, stores, {@code brif}, {@code trapz}...) the
 * verifier rejects a suffix that differs from the operand's type. The parser keeps such a suffix
 * in the model; once the function is read, {@link #dropConfirmed} removes every suffix equal to
 * its operand's type, so a valid function carries none and {@code parse(print(m)) == m} holds.
 */
final class Suffixes {
    private Suffixes() {}

    /** Rejects a suffix on an instruction that takes none, or whose only valid type is fixed here. */
    static void checkAllowed(Token opTok, Token suffixTok, Type suffix) throws ParseException {
        String op = opTok.text();
        switch (op) {
            case "call", "return_call", "jump", "return", "trap" ->
                    throw TokenStream.error(suffixTok, op + " does not take a type suffix, found ." + suffix.clif());
            case "br_table" -> {
                if (suffix != Type.I32) {
                    throw TokenStream.error(suffixTok, "br_table takes an i32 index, type suffix ." + suffix.clif() + " is invalid");
                }
            }
            case "call_indirect", "return_call_indirect" -> {
                if (suffix != Type.I64) {
                    throw TokenStream.error(suffixTok, op + " takes an i64 callee address on this target, type suffix ."
                            + suffix.clif() + " is invalid");
                }
            }
            default -> { }
        }
    }

    /** The blocks with every suffix that equals its controlling operand's type removed. */
    static List<Block> dropConfirmed(List<Block> blocks, Map<Value, Type> types) {
        return blocks.stream().map(b -> new Block(b.ref(), b.params(), b.insts().stream().map(i -> inst(i, types)).toList(),
                terminator(b.terminator(), types))).toList();
    }

    private static boolean confirmed(Type suffix, Value operand, Map<Value, Type> types) {
        return suffix != null && suffix == types.get(operand);
    }

    private static Inst inst(Inst i, Map<Value, Type> types) {
        return switch (i) {
            case Inst.Icmp x when confirmed(x.suffix(), x.a(), types) -> new Inst.Icmp(x.cc(), x.result(), x.a(), x.b());
            case Inst.IcmpImm x when confirmed(x.suffix(), x.a(), types) -> new Inst.IcmpImm(x.cc(), x.result(), x.a(), x.imm());
            case Inst.Store x when confirmed(x.suffix(), x.value(), types) ->
                    new Inst.Store(x.op(), x.flags(), x.value(), x.addr(), x.offset());
            case Inst.AtomicStore x when confirmed(x.suffix(), x.value(), types) -> new Inst.AtomicStore(x.flags(), x.value(), x.addr());
            case Inst.StackStore x when confirmed(x.suffix(), x.value(), types) -> new Inst.StackStore(x.value(), x.slot(), x.offset());
            case Inst.CondTrap x when confirmed(x.suffix(), x.cond(), types) -> new Inst.CondTrap(x.ifNonZero(), x.cond(), x.code());
            default -> i;
        };
    }

    private static Terminator terminator(Terminator t, Map<Value, Type> types) {
        return t instanceof Terminator.Brif b && confirmed(b.suffix(), b.cond(), types)
                ? new Terminator.Brif(b.cond(), b.ifTrue(), b.ifFalse()) : t;
    }
}
