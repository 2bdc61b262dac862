package dev.a64w.exec;

/**
 * Read access to the emulated CPU's registers; valid only during the callback it is passed to.
 * Registers are read on demand (each read is a native call), so read only what you need.
 */
public interface RegisterFile {
    /** x0..x30 (x29 = FP, x30 = LR). */
    long x(int n);

    long sp();

    long pc();

    /** The low 64 bits of v0..v31. */
    long d(int n);
}
