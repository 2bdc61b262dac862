package dev.a64w.ir.text;

import dev.a64w.ir.BlockCall;
import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.MemFlags;
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
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one instruction or terminator, with Cranelift's type inference for missing suffixes. */
final class InstParser {
    private static final Map<String, Object> OPS = new HashMap<>();

    static {
        for (UnaryOp o : UnaryOp.values()) OPS.put(o.clif, o);
        for (BinaryOp o : BinaryOp.values()) OPS.put(o.clif, o);
        for (BinaryImmOp o : BinaryImmOp.values()) OPS.put(o.clif, o);
        for (OverflowOp o : OverflowOp.values()) OPS.put(o.clif, o);
        for (LoadOp o : LoadOp.values()) OPS.put(o.clif, o);
        for (StoreOp o : StoreOp.values()) OPS.put(o.clif, o);
        for (SelectOp o : SelectOp.values()) OPS.put(o.clif, o);
        for (CarryOp o : CarryOp.values()) OPS.put(o.clif, o);
        for (FUnaryOp o : FUnaryOp.values()) OPS.put(o.clif, o);
        for (FBinaryOp o : FBinaryOp.values()) OPS.put(o.clif, o);
        for (FConvOp o : FConvOp.values()) OPS.put(o.clif, o);
        for (String s : List.of("iconst", "icmp", "icmp_imm", "uadd_overflow_trap", "stack_load",
                "stack_store", "stack_addr", "get_stack_pointer", "symbol_value", "global_value", "func_addr", "call",
                "call_indirect", "trapz", "trapnz", "f32const", "f64const", "fma", "fcmp", "jump", "brif", "br_table", "return", "trap", "return_call",
                "return_call_indirect", "atomic_rmw", "atomic_cas", "atomic_load", "atomic_store", "fence")) {
            OPS.put(s, s);
        }
    }

    private final TokenStream ts;
    private final FnContext ctx;
    private final Operands rd;
    private final AtomicParser atomics;

    InstParser(TokenStream ts, FnContext ctx) {
        this.ts = ts;
        this.ctx = ctx;
        this.rd = new Operands(ts, ctx);
        this.atomics = new AtomicParser(ts, rd, this);
    }

    /** An {@link Inst} or a {@link Terminator}. */
    Object parse() throws ParseException {
        if (ts.at(Kind.SRCLOC)) ts.next();
        List<Value> results = new ArrayList<>();
        Token first = ts.peek();
        if (FunctionParser.entity(first, "v") >= 0) {
            do {
                Token vt = ts.next();
                int v = FunctionParser.entity(vt, "v");
                if (v < 0) throw TokenStream.error(vt, "expected result value vN, found " + vt.describe());
                results.add(new Value(v));
            } while (ts.optional(Kind.COMMA));
            if (ts.at(Kind.ARROW)) return alias(ts.next(), results);
            ts.expect(Kind.EQUAL, "'=' after instruction results");
        }
        Token opTok = ts.next();
        if (!opTok.is(Kind.IDENT)) throw TokenStream.error(opTok, "expected an instruction, found " + opTok.describe());
        Object op = OPS.get(opTok.text());
        if (op == null) {
            if (ClifNames.CRANELIFT_OPCODES.contains(opTok.text())) {
                throw new UnsupportedFeature(opTok, "instruction " + opTok.text());
            }
            throw TokenStream.error(opTok, "unknown instruction '" + opTok.text() + "'");
        }
        Type suffix = null;
        if (ts.optional(Kind.DOT)) {
            Token suffixTok = ts.next();
            suffix = FunctionParser.type(suffixTok);
            Suffixes.checkAllowed(opTok, suffixTok, suffix);
        }
        Object parsed = switch (op) {
            case UnaryOp u -> unary(opTok, u, suffix, results);
            case BinaryOp b -> {
                Value a = rd.value();
                rd.comma();
                Value c = rd.value();
                yield new Inst.Binary(b, one(opTok, results), infer(opTok, suffix, a), a, c);
            }
            case BinaryImmOp b -> {
                Value a = rd.value();
                rd.comma();
                long imm = rd.imm();
                yield new Inst.BinaryImm(b, one(opTok, results), infer(opTok, suffix, a), a, imm);
            }
            case OverflowOp o -> {
                Value a = rd.value();
                rd.comma();
                Value c = rd.value();
                if (results.size() != 2) throw TokenStream.error(opTok, o.clif + " defines 2 values, " + results.size() + " given");
                yield new Inst.Overflow(o, results.get(0), results.get(1), infer(opTok, suffix, a), a, c);
            }
            case LoadOp l -> {
                Type t = required(opTok, suffix);
                MemFlags flags = rd.memFlags();
                Value addr = rd.value();
                int off = rd.offset();
                yield new Inst.Load(l, one(opTok, results), t, flags, addr, off);
            }
            case StoreOp s -> {
                MemFlags flags = rd.memFlags();
                Value v = rd.value();
                rd.comma();
                Value addr = rd.value();
                int off = rd.offset();
                none(opTok, results);
                yield new Inst.Store(s, flags, v, addr, off, suffix);
            }
            case SelectOp o -> {
                Value c = rd.value();
                rd.comma();
                Value x = rd.value();
                rd.comma();
                Value y = rd.value();
                yield new Inst.Select(o, one(opTok, results), infer(opTok, suffix, x), c, x, y);
            }
            case CarryOp o -> {
                Value a = rd.value();
                rd.comma();
                Value c = rd.value();
                rd.comma();
                Value carry = rd.value();
                if (results.size() != 2) throw TokenStream.error(opTok, o.clif + " defines 2 values, " + results.size() + " given");
                yield new Inst.OverflowCarry(o, results.get(0), results.get(1), infer(opTok, suffix, a), a, c, carry);
            }
            case FUnaryOp u -> {
                Value a = rd.value();
                yield new Inst.FUnary(u, one(opTok, results), infer(opTok, suffix, a), a);
            }
            case FBinaryOp b -> {
                Value a = rd.value();
                rd.comma();
                Value c = rd.value();
                yield new Inst.FBinary(b, one(opTok, results), infer(opTok, suffix, a), a, c);
            }
            case FConvOp c -> {
                Type t = required(opTok, suffix);
                yield new Inst.FConv(c, one(opTok, results), t, rd.value());
            }
            case String s -> named(opTok, s, suffix, results);
            default -> throw TokenStream.error(opTok, "unknown instruction '" + opTok.text() + "'");
        };
        ctx.types.putAll(ResultTypes.of(parsed));
        if (parsed instanceof Inst.Call c && ctx.funcs.containsKey(c.func())) {
            noteCallResults(c.results(), ctx.funcs.get(c.func()).signature().returns());
        } else if (parsed instanceof Inst.CallIndirect c && ctx.resolveSig(c.sig()) != null) {
            noteCallResults(c.results(), ctx.resolveSig(c.sig()).returns());
        }
        return parsed;
    }

    /** Returned for a value alias line ({@code v1 -> v0}), which defines nothing in the model. */
    static final Object ALIAS = new Object();

    private Object alias(Token arrow, List<Value> results) throws ParseException {
        if (results.size() != 1) throw TokenStream.error(arrow, "a value alias names one value, " + results.size() + " given");
        Value alias = results.getFirst();
        Value target = rd.value();
        if (alias.equals(target)) throw TokenStream.error(arrow, "value alias " + alias + " refers to itself");
        if (ctx.types.containsKey(alias)) throw TokenStream.error(arrow, "value alias " + alias + " is already defined");
        ctx.aliases.put(alias, target);
        Type t = ctx.types.get(target);
        if (t != null) ctx.types.put(alias, t);
        return ALIAS;
    }

    private Object unary(Token opTok, UnaryOp u, Type suffix, List<Value> results) throws ParseException {
        if (u == UnaryOp.BITCAST && ts.peek().is(Kind.IDENT) && FunctionParser.entity(ts.peek(), "v") < 0) {
            throw new UnsupportedFeature(ts.peek(), "bitcast flag " + ts.peek().text());
        }
        Value a = rd.value();
        Type t = u.changesType() ? required(opTok, suffix) : infer(opTok, suffix, a);
        return new Inst.Unary(u, one(opTok, results), t, a);
    }

    private Object named(Token opTok, String op, Type suffix, List<Value> results) throws ParseException {
        switch (op) {
            case "iconst" -> {
                Type t = required(opTok, suffix);
                return new Inst.Iconst(one(opTok, results), t, rd.imm());
            }
            case "f32const", "f64const" -> {
                if (suffix != null) throw TokenStream.error(opTok, op + " does not take a type suffix");
                Type t = op.equals("f32const") ? Type.F32 : Type.F64;
                return new Inst.Fconst(one(opTok, results), t, rd.floatImm(t));
            }
            case "fma" -> {
                Value a = rd.value();
                rd.comma();
                Value b = rd.value();
                rd.comma();
                Value c = rd.value();
                return new Inst.Fma(one(opTok, results), infer(opTok, suffix, a), a, b, c);
            }
            case "fcmp" -> {
                FloatCC cc = rd.floatcc();
                Value a = rd.value();
                rd.comma();
                Value b = rd.value();
                if (suffix != null && ctx.types.get(a) != null && suffix != ctx.types.get(a)) {
                    throw TokenStream.error(opTok, "fcmp." + suffix + ": " + a + " has type " + ctx.types.get(a));
                }
                return new Inst.Fcmp(cc, one(opTok, results), a, b);
            }
            case "icmp", "icmp_imm" -> {
                IntCC cc = rd.intcc();
                Value a = rd.value();
                rd.comma();
                if (op.equals("icmp")) return new Inst.Icmp(cc, one(opTok, results), a, rd.value(), suffix);
                return new Inst.IcmpImm(cc, one(opTok, results), a, rd.imm(), suffix);
            }
            case "uadd_overflow_trap" -> {
                Value a = rd.value();
                rd.comma();
                Value b = rd.value();
                rd.comma();
                TrapCode code = rd.trapCode();
                return new Inst.OverflowTrap(one(opTok, results), infer(opTok, suffix, a), a, b, code);
            }
            case "stack_load", "stack_addr" -> {
                Type t = required(opTok, suffix);
                int slot = rd.ref("ss");
                int off = rd.offset();
                return op.equals("stack_load") ? new Inst.StackLoad(one(opTok, results), t, slot, off)
                        : new Inst.StackAddr(one(opTok, results), t, slot, off);
            }
            case "stack_store" -> {
                Value v = rd.value();
                rd.comma();
                int slot = rd.ref("ss");
                int off = rd.offset();
                none(opTok, results);
                return new Inst.StackStore(v, slot, off, suffix);
            }
            case "get_stack_pointer" -> {
                return new Inst.GetStackPointer(one(opTok, results), required(opTok, suffix));
            }
            case "symbol_value", "global_value" -> {
                Type t = required(opTok, suffix);
                return new Inst.SymbolValue(one(opTok, results), t, rd.ref("gv"), op.equals("global_value"));
            }
            case "func_addr" -> {
                Type t = required(opTok, suffix);
                return new Inst.FuncAddr(one(opTok, results), t, rd.ref("fn"));
            }
            case "call" -> {
                int fn = rd.ref("fn");
                return new Inst.Call(results, fn, rd.args());
            }
            case "call_indirect" -> {
                int sig = rd.sigRef();
                rd.comma();
                Value callee = rd.value();
                return new Inst.CallIndirect(results, sig, callee, rd.args());
            }
            case "trapz", "trapnz" -> {
                Value c = rd.value();
                rd.comma();
                TrapCode code = rd.trapCode();
                none(opTok, results);
                return new Inst.CondTrap(op.equals("trapnz"), c, code, suffix);
            }
            case "atomic_rmw", "atomic_cas", "atomic_load", "atomic_store", "fence" -> {
                return atomics.parse(opTok, op, suffix, results);
            }
            default -> {
                none(opTok, results);
                return terminator(opTok, op, suffix);
            }
        }
    }

    private Terminator terminator(Token opTok, String op, Type suffix) throws ParseException {
        switch (op) {
            case "jump" -> {
                return new Terminator.Jump(rd.blockCall());
            }
            case "brif" -> {
                Value c = rd.value();
                rd.comma();
                BlockCall t = rd.blockCall();
                rd.comma();
                return new Terminator.Brif(c, t, rd.blockCall(), suffix);
            }
            case "br_table" -> {
                Value idx = rd.value();
                rd.comma();
                BlockCall def = rd.blockCall();
                rd.comma();
                Token open = ts.peek();
                if (FunctionParser.entity(open, "jt") >= 0) throw new UnsupportedFeature(open, "jump table " + open.text());
                ts.expect(Kind.LBRACKET, "'[' before jump table entries");
                List<BlockCall> targets = new ArrayList<>();
                if (!ts.at(Kind.RBRACKET)) {
                    do {
                        targets.add(rd.blockCall());
                    } while (ts.optional(Kind.COMMA));
                }
                ts.expect(Kind.RBRACKET, "']' after jump table entries");
                return new Terminator.BrTable(idx, def, targets);
            }
            case "return" -> {
                List<Value> vals = new ArrayList<>();
                Token n = ts.peek();
                if (n.line() == opTok.line() && FunctionParser.entity(n, "v") >= 0) {
                    do {
                        vals.add(rd.value());
                    } while (ts.optional(Kind.COMMA));
                }
                return new Terminator.Return(vals);
            }
            case "trap" -> {
                return new Terminator.Trap(rd.trapCode());
            }
            case "return_call" -> {
                int fn = rd.ref("fn");
                return new Terminator.ReturnCall(fn, rd.args());
            }
            case "return_call_indirect" -> {
                int sig = rd.sigRef();
                rd.comma();
                Value callee = rd.value();
                return new Terminator.ReturnCallIndirect(sig, callee, rd.args());
            }
            default -> throw TokenStream.error(opTok, "unknown instruction '" + op + "'");
        }
    }

    /** Records the result types of calls once the callee's signature is known. */
    private void noteCallResults(List<Value> results, List<Type> types) {
        for (int k = 0; k < Math.min(results.size(), types.size()); k++) ctx.types.put(results.get(k), types.get(k));
    }

    // ---- results and types

    static Value one(Token opTok, List<Value> results) throws ParseException {
        if (results.size() != 1) throw TokenStream.error(opTok, opTok.text() + " defines 1 value, " + results.size() + " given");
        return results.getFirst();
    }

    static void none(Token opTok, List<Value> results) throws ParseException {
        if (!results.isEmpty()) throw TokenStream.error(opTok, opTok.text() + " defines no value, " + results.size() + " given");
    }

    static Type required(Token opTok, Type suffix) throws ParseException {
        if (suffix == null) throw TokenStream.error(opTok, opTok.text() + " needs a type suffix, e.g. '" + opTok.text() + ".i64'");
        return suffix;
    }

    Type infer(Token opTok, Type suffix, Value from) throws ParseException {
        if (suffix != null) return suffix;
        Type t = ctx.types.get(from);
        if (t == null) {
            throw TokenStream.error(opTok, "type variable required for " + opTok.text() + ", e.g. '" + opTok.text()
                    + ".i32'; can't infer from " + from + " which is not yet defined");
        }
        return t;
    }
}
