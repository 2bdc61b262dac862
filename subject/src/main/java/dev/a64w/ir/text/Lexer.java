package dev.a64w.ir.text;

import dev.a64w.ir.text.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits CLIF text into tokens, comments included (the parser reads directives from them).
 * Float literals ({@code 0x1.8p3}, {@code -0.0}, {@code +Inf}, {@code NaN}, {@code -sNaN:0x1}) are
 * {@link Kind#FLOAT} tokens, read by {@link FloatLiterals} once their type is known; any
 * character that cannot start a CLIF token is a {@link ParseException}.
 */
public final class Lexer {
    private static final Pattern HEX_INT = Pattern.compile("0x[0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*");
    private static final Pattern DEC_INT = Pattern.compile("[0-9][0-9_]*");
    private static final Pattern FLOAT = Pattern.compile(
            "0x[0-9a-fA-F_]*(\\.[0-9a-fA-F_]*)?([pP][+-]?[0-9]+)?|[0-9][0-9_]*\\.[0-9_]*([eE][+-]?[0-9]+)?"
                    + "|Inf|NaN(:0x[0-9a-fA-F]+)?|sNaN:0x[0-9a-fA-F]+");

    private static final java.util.Set<String> HEADER_WORDS = java.util.Set.of("test", "target", "set", "feature");

    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
    }

    /** All tokens of {@code src}, ending with one {@link Kind#EOF}. */
    public static List<Token> tokenize(String src) throws ParseException {
        return new Lexer(src).run();
    }

    private List<Token> run() throws ParseException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                out.add(new Token(Kind.EOF, "", line, col(pos), pos));
                return out;
            }
            out.add(next());
        }
    }

    private int col(int p) {
        return p - lineStart + 1;
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Token tok(Kind k, int start) {
        return new Token(k, src.substring(start, pos), line, col(start), start);
    }

    private Token next() throws ParseException {
        int start = pos;
        char c = src.charAt(pos);
        char n = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        switch (c) {
            case ';' -> {
                int end = src.indexOf('\n', pos);
                if (end < 0) end = src.length();
                pos = end;
                return new Token(Kind.COMMENT, src.substring(start + 1, end), line, col(start), start);
            }
            case '(' -> { return single(Kind.LPAREN); }
            case ')' -> { return single(Kind.RPAREN); }
            case '[' -> { return single(Kind.LBRACKET); }
            case ']' -> { return single(Kind.RBRACKET); }
            case '{' -> { return single(Kind.LBRACE); }
            case '}' -> { return single(Kind.RBRACE); }
            case ',' -> { return single(Kind.COMMA); }
            case ':' -> { return single(Kind.COLON); }
            case '=' -> { return single(Kind.EQUAL); }
            case '.' -> { return single(Kind.DOT); }
            case '!' -> { return single(Kind.BANG); }
            case '*' -> { return single(Kind.STAR); }
            default -> { }
        }
        if (c == '-' && n == '>') {
            pos += 2;
            return tok(Kind.ARROW, start);
        }
        if (isDigit(c) || ((c == '-' || c == '+') && (isDigit(n) || n == 'I' || n == 'N' || n == 's'))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
            String w = src.substring(start, pos);
            if ((w.equals("NaN") || w.equals("sNaN")) && pos + 1 < src.length() && src.charAt(pos) == ':' && src.charAt(pos + 1) == '0') {
                pos++;
                while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
                if (FLOAT.matcher(src.substring(start, pos)).matches()) return tok(Kind.FLOAT, start);
                throw new ParseException(line, col(start), "malformed float '" + src.substring(start, pos) + "'");
            }
            if (w.equals("Inf") || w.equals("NaN")) return tok(Kind.FLOAT, start);
            Token word = tok(Kind.IDENT, start);
            if (start == lineStart && HEADER_WORDS.contains(word.text())) {
                // A header line ("test compile precise-output", "target x86_64-unknown-linux"):
                // the parser keeps its text verbatim, so its words need not be CLIF tokens.
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != ';') pos++;
            }
            return word;
        }
        if (c == '%') {
            pos++;
            while (pos < src.length() && isIdentPart(src.charAt(pos))) pos++;
            if (pos == start + 1) throw new ParseException(line, col(start), "expected a name after '%'");
            return tok(Kind.NAME, start);
        }
        if (c == '@') {
            pos++;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) pos++;
            if (pos == start + 1) throw new ParseException(line, col(start), "expected hex digits after '@'");
            return tok(Kind.SRCLOC, start);
        }
        if (c == '"') {
            pos++;
            while (pos < src.length() && src.charAt(pos) != '"' && src.charAt(pos) != '\n') pos++;
            if (pos >= src.length() || src.charAt(pos) != '"') {
                throw new ParseException(line, col(start), "unterminated string");
            }
            pos++;
            return tok(Kind.STRING, start);
        }
        throw new ParseException(line, col(start), "unexpected character '" + printable(c) + "'");
    }

    private Token single(Kind k) {
        int start = pos++;
        return tok(k, start);
    }

    private Token number(int start) throws ParseException {
        int bodyStart = start;
        if (src.charAt(pos) == '-' || src.charAt(pos) == '+') {
            pos++;
            bodyStart = pos;
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            String body = src.substring(bodyStart, pos);
            boolean hexFloatExp = (c == '+' || c == '-') && pos > bodyStart
                    && (src.charAt(pos - 1) == 'p' || src.charAt(pos - 1) == 'P') && body.startsWith("0x");
            boolean nanColon = c == ':' && (body.equals("NaN") || body.equals("sNaN"));
            if (isIdentPart(c) || c == '.' || hexFloatExp || nanColon) {
                pos++;
            } else {
                break;
            }
        }
        String body = src.substring(bodyStart, pos);
        if (HEX_INT.matcher(body).matches() || DEC_INT.matcher(body).matches()) return tok(Kind.INT, start);
        if (FLOAT.matcher(body).matches()) return tok(Kind.FLOAT, start);
        throw new ParseException(line, col(start), "malformed number '" + src.substring(start, pos) + "'");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
