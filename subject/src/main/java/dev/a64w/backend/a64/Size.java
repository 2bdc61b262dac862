package dev.a64w.backend.a64;

/** Operation width: W (32-bit, sf=0) or X (64-bit, sf=1). */
public enum Size {
    W, X;

    public int sf() {
        return this == X ? 1 : 0;
    }

    public int bits() {
        return this == X ? 64 : 32;
    }
}
