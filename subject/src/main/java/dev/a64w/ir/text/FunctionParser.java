package dev.a64w.ir.text;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one {@code function ... { ... }}: signature, preamble and blocks. */
final class FunctionParser {
    private final TokenStream ts;
    private final FnContext ctx = new FnContext();

    FunctionParser(TokenStream ts) {
        this.ts = ts;
    }

    /** Called with the stream at {@code function}; the name has been checked by the caller. */
    Function parse() throws ParseException {
        ts.expectIdent("function", "at top level");
        Token peeked = ts.peek();
        if (entity(peeked, "u") >= 0) throw new UnsupportedFeature(peeked, "user function name " + peeked.text() + ":..");
        Token nameTok = ts.expect(Kind.NAME, "function name %name");
        String name = nameTok.text().substring(1);
        Signature sig = signature();
        ts.expect(Kind.LBRACE, "'{' after function signature");
        preamble();
        List<Block> blocks = new ArrayList<>();
        InstParser insts = new InstParser(ts, ctx);
        while (!ts.at(Kind.RBRACE)) {
            blocks.add(block(insts));
        }
        ts.next();
        return new Function(name, sig, List.copyOf(ctx.slots.values()), List.copyOf(ctx.globals.values()),
                ctx.sigs(), List.copyOf(ctx.funcs.values()), Suffixes.dropConfirmed(blocks, ctx.types));
    }

    /** {@code (params) [-> returns] [callconv]}. */
    Signature signature() throws ParseException {
        ts.expect(Kind.LPAREN, "'(' to start the signature");
        List<Type> params = new ArrayList<>();
        List<Signature.Ext> paramExts = new ArrayList<>();
        if (!ts.at(Kind.RPAREN)) typeList(params, paramExts);
        ts.expect(Kind.RPAREN, "')' after parameter types");
        List<Type> returns = new ArrayList<>();
        List<Signature.Ext> returnExts = new ArrayList<>();
        if (ts.optional(Kind.ARROW)) typeList(returns, returnExts);
        String cc = "";
        Token t = ts.peek();
        if (t.is(Kind.IDENT) && ClifNames.CALL_CONVS.contains(t.text())) {
            cc = ts.next().text();
        }
        return new Signature(params, returns, cc, paramExts, returnExts);
    }

    /** Types with an optional {@code uext}/{@code sext} each; other attributes are unsupported. */
    private void typeList(List<Type> types, List<Signature.Ext> exts) throws ParseException {
        do {
            types.add(type(ts.next()));
            Signature.Ext ext = Signature.Ext.NONE;
            Token a = ts.peek();
            if (a.isIdent("uext") || a.isIdent("sext")) {
                ts.next();
                ext = a.text().equals("uext") ? Signature.Ext.UEXT : Signature.Ext.SEXT;
                a = ts.peek();
            }
            if (a.is(Kind.IDENT) && ClifNames.PARAM_ATTRS.contains(a.text())) {
                throw new UnsupportedFeature(a, "parameter attribute " + a.text());
            }
            exts.add(ext);
        } while (ts.optional(Kind.COMMA));
    }

    /** A supported type, or unsupported for other Cranelift types, or an error. */
    static Type type(Token t) throws ParseException {
        if (t.is(Kind.IDENT)) {
            Optional<Type> ty = Type.parse(t.text());
            if (ty.isPresent()) return ty.get();
            if (ClifNames.isCraneliftType(t.text())) throw new UnsupportedFeature(t, "type " + t.text());
        }
        throw TokenStream.error(t, "expected a type, found " + t.describe());
    }

    /** {@code prefixN} as a number, or -1 when the token is not such an entity. */
    static int entity(Token t, String prefix) {
        if (!t.is(Kind.IDENT)) return -1;
        String s = t.text();
        if (!s.startsWith(prefix) || s.length() == prefix.length() || s.length() > prefix.length() + 9) return -1;
        String digits = s.substring(prefix.length());
        if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) return -1;
        if (digits.length() > 1 && digits.charAt(0) == '0') return -1;
        return Integer.parseInt(digits);
    }

    private void preamble() throws ParseException {
        while (true) {
            Token t = ts.peek();
            int n;
            if ((n = entity(t, "ss")) >= 0) {
                ts.next();
                ts.expect(Kind.EQUAL, "'=' after ss" + n);
                stackSlot(t, n);
            } else if ((n = entity(t, "gv")) >= 0) {
                ts.next();
                if (ts.at(Kind.BANG)) throw new UnsupportedFeature(ts.peek(), "global value fact");
                ts.expect(Kind.EQUAL, "'=' after gv" + n);
                globalValue(t, n);
            } else if ((n = entity(t, "sig")) >= 0) {
                ts.next();
                ts.expect(Kind.EQUAL, "'=' after sig" + n);
                ctx.declareSig(t, n, signature());
            } else if ((n = entity(t, "fn")) >= 0) {
                ts.next();
                ts.expect(Kind.EQUAL, "'=' after fn" + n);
                funcDecl(t, n);
            } else if (entity(t, "dt") >= 0 || entity(t, "dss") >= 0 || entity(t, "const") >= 0
                    || entity(t, "mt") >= 0 || entity(t, "jt") >= 0 || t.isIdent("stack_limit")) {
                throw new UnsupportedFeature(t, "declaration " + t.text());
            } else {
                return;
            }
        }
    }

    private void stackSlot(Token at, int id) throws ParseException {
        Token kind = ts.next();
        if (!kind.isIdent("explicit_slot")) {
            if (kind.is(Kind.IDENT)) throw new UnsupportedFeature(kind, "stack slot kind " + kind.text());
            throw TokenStream.error(kind, "expected stack slot kind, found " + kind.describe());
        }
        Token sizeTok = ts.expect(Kind.INT, "stack slot size");
        long size = Numbers.parse(sizeTok);
        if (size < 0 || size > 0xffff_ffffL) throw TokenStream.error(sizeTok, "stack slot size out of range: " + sizeTok.text());
        if (size > Integer.MAX_VALUE) throw new UnsupportedFeature(sizeTok, "stack slot of " + size + " bytes");
        int align = 0;
        if (ts.optional(Kind.COMMA)) {
            ts.expectIdent("align", "in stack slot flags");
            ts.expect(Kind.EQUAL, "'=' after align");
            Token a = ts.expect(Kind.INT, "alignment");
            long av = Numbers.parse(a);
            if (av <= 0 || av > 0xffff_ffffL || Long.bitCount(av) != 1) {
                throw TokenStream.error(a, "stack slot alignment is not a power of two: " + a.text());
            }
            if (av > (1 << 30)) throw new UnsupportedFeature(a, "stack slot alignment " + av);
            align = (int) av;
        }
        if (ctx.slots.containsKey(id)) throw TokenStream.error(at, "duplicate ss" + id);
        ctx.slots.put(id, new StackSlot(id, (int) size, align));
    }

    private void globalValue(Token at, int id) throws ParseException {
        Token kind = ts.next();
        if (!kind.isIdent("symbol")) {
            if (kind.is(Kind.IDENT)) throw new UnsupportedFeature(kind, "global value kind " + kind.text());
            throw TokenStream.error(kind, "expected global value kind, found " + kind.describe());
        }
        boolean colocated = ts.optionalIdent("colocated");
        if (ts.atIdent("tls")) throw new UnsupportedFeature(ts.peek(), "thread-local symbol");
        String name = externalName();
        long offset = 0;
        Token o = ts.peek();
        if (o.is(Kind.INT) && (o.text().startsWith("+") || o.text().startsWith("-"))) {
            offset = Numbers.parse(ts.next());
        }
        if (ctx.globals.containsKey(id)) throw TokenStream.error(at, "duplicate gv" + id);
        ctx.globals.put(id, new GlobalValue(id, name, colocated, offset));
    }

    /** {@code %name}; Cranelift's {@code uN:M} user names are unsupported. */
    private String externalName() throws ParseException {
        Token t = ts.peek();
        if (t.is(Kind.NAME)) return ts.next().text().substring(1);
        if (t.is(Kind.IDENT) && entity(t, "u") >= 0) throw new UnsupportedFeature(t, "user external name " + t.text());
        throw TokenStream.error(t, "expected external name %name, found " + t.describe());
    }

    private void funcDecl(Token at, int id) throws ParseException {
        boolean colocated = ts.optionalIdent("colocated");
        String name = externalName();
        FuncDecl decl;
        Token t = ts.peek();
        if (t.is(Kind.LPAREN)) {
            Signature sig = signature();
            ctx.implicitSig(sig);
            decl = new FuncDecl(id, name, colocated, sig, -1);
        } else {
            int s = entity(t, "sig");
            if (s < 0) throw TokenStream.error(t, "expected signature or sigN in function declaration, found " + t.describe());
            ts.next();
            Signature sig = ctx.resolveSig(s);
            if (sig == null) throw TokenStream.error(t, "undefined signature sig" + s);
            decl = new FuncDecl(id, name, colocated, sig, s);
        }
        if (ctx.funcs.containsKey(id)) throw TokenStream.error(at, "duplicate fn" + id);
        ctx.funcs.put(id, decl);
    }

    private Block block(InstParser insts) throws ParseException {
        Token head = ts.next();
        int id = entity(head, "block");
        if (id < 0) throw TokenStream.error(head, "expected block header, found " + head.describe());
        List<Param> params = new ArrayList<>();
        if (ts.optional(Kind.LPAREN)) {
            if (!ts.at(Kind.RPAREN)) {
                do {
                    Token vt = ts.next();
                    int v = entity(vt, "v");
                    if (v < 0) throw TokenStream.error(vt, "expected block parameter vN, found " + vt.describe());
                    if (ts.at(Kind.BANG)) throw new UnsupportedFeature(ts.peek(), "value fact");
                    ts.expect(Kind.COLON, "':' after block parameter v" + v);
                    Type ty = type(ts.next());
                    params.add(new Param(new Value(v), ty));
                    ctx.types.put(new Value(v), ty);
                } while (ts.optional(Kind.COMMA));
            }
            ts.expect(Kind.RPAREN, "')' after block parameters");
        }
        ts.optionalIdent("cold");
        ts.expect(Kind.COLON, "':' after block header");
        List<Inst> body = new ArrayList<>();
        while (true) {
            Token t = ts.peek();
            if (t.is(Kind.RBRACE) || entity(t, "block") >= 0) {
                throw TokenStream.error(t, "block" + id + " has no terminator");
            }
            Object parsed = insts.parse();
            if (parsed == InstParser.ALIAS) continue;
            if (parsed instanceof Terminator term) {
                Token after = ts.peek();
                if (!after.is(Kind.RBRACE) && entity(after, "block") < 0) {
                    throw TokenStream.error(after, "expected a block header or '}' after the terminator of block" + id
                            + ", found " + after.describe());
                }
                return new Block(new BlockRef(id), params, body, term);
            }
            body.add((Inst) parsed);
        }
    }
}
