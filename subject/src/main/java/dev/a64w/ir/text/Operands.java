package dev.a64w.ir.text;

import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FloatCC;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Reads instruction operands: values, entity references, immediates, offsets, flags, block calls. */
final class Operands {
    private final TokenStream ts;
    private final FnContext ctx;

    Operands(TokenStream ts, FnContext ctx) {
        this.ts = ts;
        this.ctx = ctx;
    }

    Value value() throws ParseException {
        Token t = ts.next();
        int v = FunctionParser.entity(t, "v");
        if (v < 0) throw TokenStream.error(t, "expected a value vN, found " + t.describe());
        return ctx.resolve(new Value(v));
    }

    void comma() throws ParseException {
        ts.expect(Kind.COMMA, "','");
    }

    int ref(String prefix) throws ParseException {
        Token t = ts.next();
        int n = FunctionParser.entity(t, prefix);
        if (n < 0) throw TokenStream.error(t, "expected " + prefix + "N, found " + t.describe());
        return n;
    }

    int sigRef() throws ParseException {
        int s = ref("sig");
        ctx.resolveSig(s);
        return s;
    }

    long imm() throws ParseException {
        Token t = ts.next();
        if (t.is(Kind.FLOAT)) throw new UnsupportedFeature(t, "float immediate");
        if (!t.is(Kind.INT)) throw TokenStream.error(t, "expected an integer immediate, found " + t.describe());
        return Numbers.parse(t);
    }

    /** A float immediate of {@code type} as raw bits ({@link FloatLiterals}). */
    long floatImm(Type type) throws ParseException {
        Token t = ts.next();
        if (!t.is(Kind.FLOAT) && !t.is(Kind.INT)) throw TokenStream.error(t, "expected a " + type + " immediate, found " + t.describe());
        try {
            return FloatLiterals.parse(t.text(), type);
        } catch (NumberFormatException e) {
            throw TokenStream.error(t, type + " immediate: " + e.getMessage());
        }
    }

    FloatCC floatcc() throws ParseException {
        Token t = ts.next();
        if (t.is(Kind.IDENT)) {
            var cc = FloatCC.parse(t.text());
            if (cc.isPresent()) return cc.get();
        }
        throw TokenStream.error(t, "expected a float condition code, found " + t.describe());
    }

    int offset() throws ParseException {
        Token t = ts.peek();
        if (!t.is(Kind.INT) || !(t.text().startsWith("+") || t.text().startsWith("-"))) return 0;
        ts.next();
        long v = Numbers.parse(t);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw TokenStream.error(t, "offset out of 32-bit range: " + t.text());
        return (int) v;
    }

    IntCC intcc() throws ParseException {
        Token t = ts.next();
        if (t.is(Kind.IDENT)) {
            var cc = IntCC.parse(t.text());
            if (cc.isPresent()) return cc.get();
        }
        throw TokenStream.error(t, "expected an integer condition code, found " + t.describe());
    }

    TrapCode trapCode() throws ParseException {
        Token t = ts.next();
        if (t.is(Kind.IDENT) && ClifNames.isTrapCode(t.text())) return new TrapCode(t.text());
        throw TokenStream.error(t, "expected a trap code, found " + t.describe());
    }

    MemFlags memFlags() throws ParseException {
        List<String> flags = new ArrayList<>();
        while (true) {
            Token t = ts.peek();
            if (!t.is(Kind.IDENT) || FunctionParser.entity(t, "v") >= 0) break;
            if (!ClifNames.MEM_FLAGS.contains(t.text()) && !ClifNames.isTrapCode(t.text())) {
                throw TokenStream.error(t, "unknown memory flag '" + t.text() + "'");
            }
            flags.add(ts.next().text());
        }
        return flags.isEmpty() ? MemFlags.NONE : new MemFlags(flags);
    }

    List<Value> args() throws ParseException {
        ts.expect(Kind.LPAREN, "'(' before call arguments");
        List<Value> out = new ArrayList<>();
        if (!ts.at(Kind.RPAREN)) {
            do {
                out.add(value());
            } while (ts.optional(Kind.COMMA));
        }
        ts.expect(Kind.RPAREN, "')' after call arguments");
        return out;
    }

    BlockCall blockCall() throws ParseException {
        Token t = ts.next();
        int b = FunctionParser.entity(t, "block");
        if (b < 0) throw TokenStream.error(t, "expected a block, found " + t.describe());
        List<Value> out = new ArrayList<>();
        if (ts.optional(Kind.LPAREN)) {
            if (!ts.at(Kind.RPAREN)) {
                do {
                    out.add(value());
                } while (ts.optional(Kind.COMMA));
            }
            ts.expect(Kind.RPAREN, "')' after block arguments");
        }
        return new BlockCall(new BlockRef(b), out);
    }
}
