package dev.a64w.backend.a64;

/** The zero register (register field 31 where the instruction reads it as XZR/WZR). */
public record Zr() implements Reg {
    public static final Zr ZR = new Zr();

    @Override
    public int encoding() {
        return 31;
    }

    @Override
    public String name(Size size) {
        return size == Size.X ? "xzr" : "wzr";
    }

    @Override
    public String toString() {
        return "xzr";
    }
}
