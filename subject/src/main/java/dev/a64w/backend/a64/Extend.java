package dev.a64w.backend.a64;

/** Extension applied to the last register of an extended-register add/sub (option field). */
public enum Extend {
    UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX;

    public int option() {
        return ordinal();
    }

    /** True when the register operand is an X register (UXTX/SXTX), else a W register. */
    public boolean xSource() {
        return this == UXTX || this == SXTX;
    }

    public String asm() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
