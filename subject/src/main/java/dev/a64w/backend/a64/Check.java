package dev.a64w.backend.a64;

/** Operand checks shared by the {@link A64Inst} constructors. */
final class Check {
    private Check() {}

    // Fixed arities, not varargs: these run for every instruction record built (twice per
    // instruction since lowering builds it over vregs and emission over machine registers), and a
    // varargs call allocates its array.

    /** A register that reads field 31 as the zero register (a virtual one of the integer class). */
    static void gz(Reg r) {
        if (r instanceof Sp) throw new IllegalArgumentException("sp is not allowed here (field 31 means zr)");
        intClass(r);
    }

    static void gz(Reg a, Reg b) {
        gz(a);
        gz(b);
    }

    static void gz(Reg a, Reg b, Reg c) {
        gz(a);
        gz(b);
        gz(c);
    }

    /** A register that reads field 31 as the stack pointer (a virtual one of the integer class). */
    static void gs(Reg r) {
        if (r instanceof Zr) throw new IllegalArgumentException("zr is not allowed here (field 31 means sp)");
        intClass(r);
    }

    static void gs(Reg a, Reg b) {
        gs(a);
        gs(b);
    }

    /** A numbered register only: a {@link Gpr} or an integer-class {@link VReg}, never sp or zr. */
    static void g(Reg r) {
        if (r instanceof Sp || r instanceof Zr) throw new IllegalArgumentException(r + " is not allowed here (a numbered register x0..x30)");
        intClass(r);
    }

    static void g(Reg a, Reg b) {
        g(a);
        g(b);
    }

    static void g(Reg a, Reg b, Reg c) {
        g(a);
        g(b);
        g(c);
    }

    /** A SIMD&amp;FP operand: an {@link FReg} or a float-class {@link VReg}. */
    static void f(FOperand r) {
        if (r instanceof VReg v && !v.isFloat()) throw new IllegalArgumentException("integer vreg " + v + " in a SIMD&FP register field");
    }

    static void f(FOperand a, FOperand b) {
        f(a);
        f(b);
    }

    static void f(FOperand a, FOperand b, FOperand c) {
        f(a);
        f(b);
        f(c);
    }

    static void f(FOperand a, FOperand b, FOperand c, FOperand d) {
        f(a);
        f(b);
        f(c);
        f(d);
    }

    private static void intClass(Reg r) {
        if (r instanceof VReg v && v.isFloat()) throw new IllegalArgumentException("float vreg " + v + " in a general-purpose register field");
    }

    /** FMOV between a general-purpose and an FP register copies bits: W with S, X with D. */
    static void sameWidth(Size size, FpSize fsize) {
        if (size.bits() != fsize.bits()) throw new IllegalArgumentException("fmov between " + size + " and " + fsize + " registers of different widths");
    }

    static void range(String what, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + ": " + hex(v) + " out of range " + hex(lo) + ".." + hex(hi));
        }
    }

    static String hex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /** A branch displacement field of {@code bits} bits (words), any target kind; symbols with addend 0. */
    static void branch(Target t, int bits) {
        switch (t) {
            case Label l -> { }
            case LocalLabel l -> { }
            case Sym s -> {
                if (s.addend() != 0) throw new IllegalArgumentException("branch to " + s.asm() + ": COFF branch relocations carry no addend");
            }
            case Rel r -> rel(r, bits);
        }
    }

    /** A local branch: Label or Rel only. */
    static void local(Target t, int bits) {
        switch (t) {
            case Label l -> { }
            case LocalLabel l -> { }
            case Sym s -> throw new IllegalArgumentException("conditional branch to a symbol " + s.asm());
            case Rel r -> rel(r, bits);
        }
    }

    private static void rel(Rel r, int bits) {
        if ((r.bytes() & 3) != 0) throw new IllegalArgumentException("branch displacement " + hex(r.bytes()) + " not a multiple of 4");
        long words = r.bytes() >> 2;
        range("branch displacement (words)", words, -(1L << (bits - 1)), (1L << (bits - 1)) - 1);
    }
}
