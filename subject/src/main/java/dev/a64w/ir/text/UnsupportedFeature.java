package dev.a64w.ir.text;

/**
 * Internal signal: the function being parsed uses a CLIF feature outside the subset. Caught by the
 * parser, which records a {@link dev.a64w.ir.SkippedFunction}; never escapes {@link Parser}.
 */
final class UnsupportedFeature extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;
    final String feature;

    UnsupportedFeature(Token at, String feature) {
        super(feature, null, false, false);
        this.line = at.line();
        this.column = at.column();
        this.feature = feature;
    }
}
