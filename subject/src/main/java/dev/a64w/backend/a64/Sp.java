package dev.a64w.backend.a64;

/** The stack pointer (register field 31 where the instruction reads it as SP). */
public record Sp() implements Reg {
    public static final Sp SP = new Sp();

    @Override
    public int encoding() {
        return 31;
    }

    @Override
    public String name(Size size) {
        return size == Size.X ? "sp" : "wsp";
    }

    @Override
    public String toString() {
        return "sp";
    }
}
