package dev.a64w.ir;

/** {@code sigN = (i64) -> i64}. */
public record SigDecl(int id, Signature signature) {
    @Override
    public String toString() {
        return "sig" + id;
    }
}
