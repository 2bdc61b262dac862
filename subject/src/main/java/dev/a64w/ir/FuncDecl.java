package dev.a64w.ir;

/**
 * {@code fnN = [colocated] %name(sig)} or {@code fnN = [colocated] %name sigM}.
 * {@code sigRef} is -1 when the signature was written inline.
 */
public record FuncDecl(int id, String name, boolean colocated, Signature signature, int sigRef) {
    @Override
    public String toString() {
        return "fn" + id;
    }
}
