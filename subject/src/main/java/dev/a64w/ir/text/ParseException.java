package dev.a64w.ir.text;

/** A CLIF text that is not in the supported grammar; {@code line} and {@code column} are 1-based. */
public final class ParseException extends Exception {
    private final int line;
    private final int column;
    private final String detail;

    public ParseException(int line, int column, String message) {
        super(line + ":" + column + ": " + message);
        this.line = line;
        this.column = column;
        this.detail = message;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
