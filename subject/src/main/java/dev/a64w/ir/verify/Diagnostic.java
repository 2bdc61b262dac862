package dev.a64w.ir.verify;

/**
 * One verifier finding. {@code function} is the function name without {@code %} (empty for
 * module-level findings); {@code location} is e.g. {@code block2/inst5 (v7 = iadd v3, v4)},
 * {@code block2}, {@code preamble}, {@code data %tab} or {@code run line 12}; instruction
 * positions count from 0 within the block, the terminator last.
 */
public record Diagnostic(String function, String location, String message) {
    @Override
    public String toString() {
        String where = location.isEmpty() ? "" : location + ": ";
        return function.isEmpty() ? where + message : "%" + function + ": " + where + message;
    }
}
