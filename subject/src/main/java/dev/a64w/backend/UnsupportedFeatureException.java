package dev.a64w.backend;

/**
 * The backend does not compile this yet. The message starts with "unsupported: " and names the
 * feature and where it was met: {@code unsupported: f64 (function %f, block0/inst3)}.
 */
public class UnsupportedFeatureException extends RuntimeException {
    private final String feature;

    public UnsupportedFeatureException(String feature, String where) {
        super("unsupported: " + feature + (where.isEmpty() ? "" : " (" + where + ")"));
        this.feature = feature;
    }

    public String feature() {
        return feature;
    }
}
