package dev.a64w.backend.a64;

/** Condition codes (Arm ARM C1.2.4), with LLVM's spelling (hs/lo, not cs/cc). */
public enum Cond {
    EQ, NE, HS, LO, MI, PL, VS, VC, HI, LS, GE, LT, GT, LE, AL, NV;

    public int bits() {
        return ordinal();
    }

    /** The opposite condition (flip bit 0); AL and NV have no useful inverse. */
    public Cond invert() {
        return values()[ordinal() ^ 1];
    }

    public String asm() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
