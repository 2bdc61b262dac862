package dev.a64w.backend.a64;

/** Shift applied to the second register of a shifted-register instruction. ROR only for logical ops. */
public enum Shift {
    LSL, LSR, ASR, ROR;

    public String asm() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
