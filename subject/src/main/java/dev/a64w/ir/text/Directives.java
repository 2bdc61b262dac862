package dev.a64w.ir.text;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Import;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.text.Token.Kind;
import dev.a64w.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comment directives: {@code ; import:}, {@code ; data:}, {@code ; rodata:} and Cranelift's
 * {@code ; run} / {@code ; run:} lines. Other comments are ignored.
 */
final class Directives {
    private static final Pattern RUN_COLON = Pattern.compile("run\\s*:(.*)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("%([A-Za-z0-9_]+)");
    private static final Pattern IMPORT = Pattern.compile("%([A-Za-z0-9_]+)\\s+from\\s+\"([^\"]*)\"\\s*");
    private static final Pattern ADDR = Pattern.compile("%([A-Za-z0-9_]+)(?:([+-])((?:0x)?[0-9a-fA-F_]+))?");
    private static final Pattern BYTE = Pattern.compile("[0-9a-fA-F]{2}");

    private Directives() {}

    /** What a comment is, after Cranelift's trimming of leading spaces and semicolons. */
    static String body(Token comment) {
        String s = comment.text();
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ';' || s.charAt(i) == '\t')) i++;
        return s.substring(i).strip();
    }

    static boolean isBareRun(String body) {
        return body.equals("run");
    }

    static boolean isRun(String body) {
        return RUN_COLON.matcher(body).matches();
    }

    private static final Pattern RUN_FUNCTION = Pattern.compile("run\\s*:\\s*%([A-Za-z0-9_]+).*", Pattern.DOTALL);

    /** The function a run line names, or null when it is malformed (then {@link #parseRun} reports it). */
    static String runFunction(String body) {
        Matcher m = RUN_FUNCTION.matcher(body);
        return m.matches() ? m.group(1) : null;
    }

    static boolean isImport(String body) {
        return body.startsWith("import:");
    }

    static boolean isData(String body) {
        return body.startsWith("data:") || body.startsWith("rodata:");
    }

    static Import parseImport(Token c, String body) throws ParseException {
        Matcher m = IMPORT.matcher(body.substring("import:".length()).strip());
        if (!m.matches()) throw TokenStream.error(c, "malformed import directive, expected '; import: %name from \"lib.dll\"'");
        return new Import(m.group(1), m.group(2));
    }

    static DataObject parseData(Token c, String body) throws ParseException {
        boolean readOnly = body.startsWith("rodata:");
        String rest = body.substring(readOnly ? "rodata:".length() : "data:".length()).strip();
        String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (words.length == 0) throw TokenStream.error(c, "data directive needs a %name");
        Matcher nm = NAME.matcher(words[0]);
        if (!nm.matches()) throw TokenStream.error(c, "data directive: expected %name, found '" + words[0] + "'");
        int align = 1;
        List<DataItem> items = new ArrayList<>();
        ByteArrayOutputStream raw = null;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            if (raw != null && BYTE.matcher(w).matches()) {
                raw.write(Integer.parseInt(w, 16));
                continue;
            }
            if (raw != null) {
                items.add(new DataItem.Raw(Bytes.of(raw.toByteArray())));
                raw = null;
            }
            if (w.startsWith("align=")) {
                long a = number(c, w.substring(6), "align");
                if (a < 1 || a > 4096 || Long.bitCount(a) != 1) {
                    throw TokenStream.error(c, "data %" + nm.group(1) + ": align " + a + " is not a power of two in 1..4096");
                }
                align = (int) a;
            } else if (w.startsWith("zero=")) {
                long n = number(c, w.substring(5), "zero size");
                if (n < 0 || n > (1 << 24)) throw TokenStream.error(c, "data %" + nm.group(1) + ": zero size " + n + " out of range");
                items.add(new DataItem.Zero((int) n));
            } else if (w.startsWith("bytes=")) {
                raw = new ByteArrayOutputStream();
                String first = w.substring(6);
                if (!first.isEmpty()) {
                    if (!BYTE.matcher(first).matches()) throw TokenStream.error(c, "data: expected two hex digits, found '" + first + "'");
                    raw.write(Integer.parseInt(first, 16));
                }
            } else if (w.startsWith("addr=")) {
                Matcher am = ADDR.matcher(w.substring(5));
                if (!am.matches()) throw TokenStream.error(c, "data: malformed addr item '" + w + "', expected addr=%sym+N");
                long addend = am.group(2) == null ? 0 : number(c, am.group(3), "addend");
                items.add(new DataItem.Addr(am.group(1), "-".equals(am.group(2)) ? -addend : addend));
            } else {
                throw TokenStream.error(c, "data: unexpected '" + w + "' (expected align=, bytes=, zero= or addr=)");
            }
        }
        if (raw != null) items.add(new DataItem.Raw(Bytes.of(raw.toByteArray())));
        return new DataObject(nm.group(1), readOnly, align, items);
    }

    private static long number(Token c, String text, String what) throws ParseException {
        try {
            String t = text.replace("_", "");
            if (t.startsWith("0x")) return Long.parseUnsignedLong(t.substring(2), 16);
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw TokenStream.error(c, "data: malformed " + what + " '" + text + "'");
        }
    }

    /**
     * {@code run: %f(args) [== | != expected]}. {@code sig} is the signature of the named function
     * when it was parsed (null when it is unknown or skipped): a value whose type is a float is read
     * as a float literal ({@link FloatLiterals}) into its raw bits, any other as an integer. A
     * line whose values cannot be read so (vectors, i128, floats of a skipped function) keeps its
     * function name with empty argument and expected lists. No comparison means "returns
     * nonzero", as in Cranelift.
     */
    static RunLine parseRun(Token c, String body, Signature sig) throws ParseException {
        Matcher m = RUN_COLON.matcher(body);
        if (!m.matches()) throw TokenStream.error(c, "malformed run line");
        List<Token> toks;
        try {
            toks = Lexer.tokenize(m.group(1)).stream().filter(t -> !t.is(Kind.COMMENT)).toList();
        } catch (ParseException e) {
            throw new ParseException(c.line(), c.column() + e.column(), "run line: " + e.detail());
        }
        int i = 0;
        if (!toks.get(i).is(Kind.NAME)) throw TokenStream.error(c, "run line: expected %function, found " + toks.get(i).describe());
        String fn = toks.get(i++).text().substring(1);
        if (!toks.get(i++).is(Kind.LPAREN)) throw TokenStream.error(c, "run line: expected '(' after %" + fn);
        List<List<Token>> args = new ArrayList<>();
        i = values(toks, i, Kind.RPAREN, args, c);
        boolean equal = false;
        List<List<Token>> expected = new ArrayList<>();
        if (toks.get(i).is(Kind.EOF)) {
            expected.add(List.of(new Token(Kind.INT, "0", 0, 0, 0)));
        } else {
            if (toks.get(i).is(Kind.EQUAL) && toks.get(i + 1).is(Kind.EQUAL)) {
                equal = true;
            } else if (!(toks.get(i).is(Kind.BANG) && toks.get(i + 1).is(Kind.EQUAL))) {
                throw TokenStream.error(c, "run line: expected '==' or '!=', found " + toks.get(i).describe());
            }
            i += 2;
            if (toks.get(i).is(Kind.LBRACKET)) {
                i = values(toks, i + 1, Kind.RBRACKET, expected, c);
            } else {
                int start = i;
                while (!toks.get(i).is(Kind.EOF)) i++;
                expected.add(toks.subList(start, i));
            }
            if (!toks.get(i).is(Kind.EOF)) throw TokenStream.error(c, "run line: unexpected " + toks.get(i).describe());
        }
        List<Long> a = longs(args, sig == null ? List.of() : sig.params(), c);
        List<Long> e = longs(expected, sig == null ? List.of() : sig.returns(), c);
        if (a == null || e == null) return new RunLine(c.line(), fn, List.of(), equal, List.of());
        return new RunLine(c.line(), fn, a, equal, e);
    }

    /** Reads values up to the closing token; separators are commas or (in brackets) spaces. */
    private static int values(List<Token> toks, int i, Kind close, List<List<Token>> out, Token c) throws ParseException {
        int start = i, depth = 0;
        while (true) {
            Token t = toks.get(i);
            if (t.is(Kind.EOF)) throw TokenStream.error(c, "run line: missing closing " + (close == Kind.RPAREN ? "')'" : "']'"));
            if (depth == 0 && (t.is(close) || t.is(Kind.COMMA))) {
                if (i > start) out.add(toks.subList(start, i));
                if (t.is(close)) return i + 1;
                start = i + 1;
            } else if (t.is(Kind.LBRACKET) || t.is(Kind.LPAREN)) {
                depth++;
            } else if (t.is(Kind.RBRACKET) || t.is(Kind.RPAREN)) {
                depth--;
            } else if (depth == 0 && close == Kind.RBRACKET && i > start && !toks.get(i - 1).is(Kind.COMMA)) {
                out.add(toks.subList(start, i));
                start = i;
            }
            i++;
        }
    }

    /**
     * The values as raw bits: the k-th as a float literal when {@code types} gives it a float
     * type (a malformed one is an error), else as an integer; null when some value is not a single
     * integer token (the line belongs to a function outside the subset).
     */
    private static List<Long> longs(List<List<Token>> values, List<Type> types, Token c) throws ParseException {
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            List<Token> v = values.get(k);
            Type type = k < types.size() ? types.get(k) : null;
            if (v.size() != 1) return null;
            Token t = v.getFirst();
            if (type != null && type.isFloat()) {
                if (!t.is(Kind.FLOAT) && !t.is(Kind.INT)) {
                    throw TokenStream.error(c, "run line: expected a " + type + " value, found " + t.describe());
                }
                try {
                    out.add(FloatLiterals.parse(t.text(), type));
                } catch (NumberFormatException e) {
                    throw TokenStream.error(c, "run line: " + type + " value: " + e.getMessage());
                }
            } else if (t.isIdent("true")) out.add(1L);
            else if (t.isIdent("false")) out.add(0L);
            else if (t.is(Kind.INT)) {
                try {
                    out.add(Numbers.parse(t));
                } catch (ParseException e) {
                    return null;
                }
            } else return null;
        }
        return out;
    }
}
