package dev.a64w.backend.a64;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A numbered general-purpose register x0..x30 (x29 = frame pointer, x30 = link register). x18 is a
 * valid operand (it exists) but the allocator never hands it out: on Windows it holds the TEB.
 */
public record Gpr(int n) implements Reg, MReg {
    public static final Gpr X0 = new Gpr(0);
    public static final Gpr X15 = new Gpr(15);
    public static final Gpr X16 = new Gpr(16);
    public static final Gpr X17 = new Gpr(17);
    public static final Gpr FP = new Gpr(29);
    public static final Gpr LR = new Gpr(30);

    /** x0..x30, so {@link #x} hands out shared instances. */
    private static final List<Gpr> ALL = IntStream.rangeClosed(0, 30).mapToObj(Gpr::new).toList();

    public Gpr {
        if (n < 0 || n > 30) throw new IllegalArgumentException("gpr: x" + n + " is not a numbered register (0..30)");
    }

    public static Gpr x(int n) {
        return n >= 0 && n <= 30 ? ALL.get(n) : new Gpr(n);
    }

    /** The generated equals, spelled out: it is on the compiler's hot path, and the generated one calls through a method handle. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Gpr other && other.n == n;
    }

    @Override
    public int encoding() {
        return n;
    }

    @Override
    public String name(Size size) {
        return (size == Size.X ? "x" : "w") + n;
    }

    @Override
    public String toString() {
        return "x" + n;
    }
}
