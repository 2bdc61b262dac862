package dev.a64w.ir.text;

/**
 * One lexical token. {@code text} is the source text (for {@link Kind#COMMENT} the text after the
 * {@code ;}); {@code line}/{@code column} are 1-based; {@code offset} is the index in the source.
 */
record Token(Kind kind, String text, int line, int column, int offset) {
    enum Kind {
        IDENT, NAME, INT, FLOAT, STRING, SRCLOC, COMMENT,
        LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE,
        COMMA, COLON, EQUAL, DOT, BANG, STAR, ARROW, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isIdent(String s) {
        return kind == Kind.IDENT && text.equals(s);
    }

    /** How the token is quoted in error messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case COMMENT -> "comment";
            default -> "'" + text + "'";
        };
    }
}
