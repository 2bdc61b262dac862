package dev.a64w.backend.a64;

/**
 * A general-purpose register operand: a numbered register {@link Gpr} (x0..x30), the stack pointer
 * {@link Sp} or the zero register {@link Zr}. Sp and Zr share the encoding 31; which one an
 * instruction field means is fixed by the instruction, so each instruction record says which it
 * accepts.
 */
public sealed interface Reg permits Gpr, Sp, Zr, VReg {
    /** The 5-bit register field value. */
    int encoding();

    /** Register name at a width: {@code w3}/{@code x3}, {@code wsp}/{@code sp}, {@code wzr}/{@code xzr}. */
    String name(Size size);
}
