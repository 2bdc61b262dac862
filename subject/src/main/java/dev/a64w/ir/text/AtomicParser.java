package dev.a64w.ir.text;

import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code atomic_rmw}, {@code atomic_cas}, {@code atomic_load}, {@code atomic_store} and {@code fence}. */
final class AtomicParser {
    private static final Map<String, AtomicRmwOp> RMW_OPS = new HashMap<>();

    static {
        for (AtomicRmwOp o : AtomicRmwOp.values()) RMW_OPS.put(o.clif, o);
    }

    private final TokenStream ts;
    private final Operands rd;
    private final InstParser types;

    AtomicParser(TokenStream ts, Operands rd, InstParser types) {
        this.ts = ts;
        this.rd = rd;
        this.types = types;
    }

    Inst parse(Token opTok, String op, Type suffix, List<Value> results) throws ParseException {
        if (op.equals("fence")) {
            if (suffix != null) throw TokenStream.error(opTok, "fence does not take a type suffix");
            InstParser.none(opTok, results);
            return new Inst.Fence();
        }
        if (op.equals("atomic_store")) {
            MemFlags flags = rd.memFlags();
            Value v = rd.value();
            rd.comma();
            Value addr = rd.value();
            InstParser.none(opTok, results);
            return new Inst.AtomicStore(flags, v, addr, suffix);
        }
        MemFlags flags = op.equals("atomic_rmw") ? rmwFlags() : rd.memFlags();
        switch (op) {
            case "atomic_load" -> {
                Type t = InstParser.required(opTok, suffix);
                return new Inst.AtomicLoad(InstParser.one(opTok, results), t, flags, rd.value());
            }
            case "atomic_cas" -> {
                // Cranelift's controlling type variable is the expected value's type
                Value addr = rd.value();
                rd.comma();
                Value expected = rd.value();
                rd.comma();
                return new Inst.AtomicCas(InstParser.one(opTok, results), types.infer(opTok, suffix, expected), flags, addr, expected, rd.value());
            }
            default -> {
                Token opName = ts.next();
                AtomicRmwOp rmw = opName.is(Kind.IDENT) ? RMW_OPS.get(opName.text()) : null;
                if (rmw == null) throw TokenStream.error(opName, "expected an atomic_rmw operation (add sub and nand or xor xchg umin umax smin smax), found " + opName.describe());
                Value addr = rd.value();
                rd.comma();
                Value x = rd.value();
                return new Inst.AtomicRmw(rmw, InstParser.one(opTok, results), types.infer(opTok, suffix, x), flags, addr, x);
            }
        }
    }

    /** Memory flags up to the atomic_rmw operation name (which {@link Operands#memFlags} would take for a flag). */
    private MemFlags rmwFlags() throws ParseException {
        List<String> flags = new ArrayList<>();
        while (ts.peek().is(Kind.IDENT) && !RMW_OPS.containsKey(ts.peek().text())) {
            Token t = ts.peek();
            if (!ClifNames.MEM_FLAGS.contains(t.text()) && !ClifNames.isTrapCode(t.text())) break; // reported as a bad operation
            flags.add(ts.next().text());
        }
        return flags.isEmpty() ? MemFlags.NONE : new MemFlags(flags);
    }
}
