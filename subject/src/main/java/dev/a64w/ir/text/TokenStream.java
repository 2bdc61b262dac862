package dev.a64w.ir.text;

import dev.a64w.ir.text.Token.Kind;
import java.util.List;

/** A cursor over tokens; {@link #peek()} and {@link #next()} step over comments. */
final class TokenStream {
    private final List<Token> tokens;
    private int index;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    int index() {
        return index;
    }

    void seek(int i) {
        index = i;
    }

    /** The next token, comments included. */
    Token peekRaw() {
        return tokens.get(Math.min(index, tokens.size() - 1));
    }

    Token nextRaw() {
        Token t = peekRaw();
        if (index < tokens.size() - 1) index++;
        return t;
    }

    private void skipComments() {
        while (index < tokens.size() - 1 && tokens.get(index).is(Kind.COMMENT)) index++;
    }

    Token peek() {
        skipComments();
        return peekRaw();
    }

    /** The token after the next one (comments skipped). */
    Token peek2() {
        skipComments();
        int i = index + 1;
        while (i < tokens.size() - 1 && tokens.get(i).is(Kind.COMMENT)) i++;
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    Token next() {
        skipComments();
        return nextRaw();
    }

    boolean at(Kind k) {
        return peek().is(k);
    }

    boolean atIdent(String s) {
        return peek().isIdent(s);
    }

    boolean optional(Kind k) {
        if (at(k)) {
            next();
            return true;
        }
        return false;
    }

    boolean optionalIdent(String s) {
        if (atIdent(s)) {
            next();
            return true;
        }
        return false;
    }

    Token expect(Kind k, String what) throws ParseException {
        Token t = peek();
        if (!t.is(k)) throw error(t, "expected " + what + ", found " + t.describe());
        return next();
    }

    void expectIdent(String s, String context) throws ParseException {
        Token t = peek();
        if (!t.isIdent(s)) throw error(t, "expected '" + s + "' " + context + ", found " + t.describe());
        next();
    }

    static ParseException error(Token t, String message) {
        return new ParseException(t.line(), t.column(), message);
    }
}
