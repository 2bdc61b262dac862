package dev.a64w.exec;

import java.util.List;

/**
 * One argument of a call into emulated code, by register class (Windows ARM64 counts the two classes
 * separately): an integer goes to the next of x0..x7, a float to the next of v0..v7 (its raw IEEE
 * bits in the low bits: f32 in the low 32, f64 in all 64); an argument whose class has no register
 * left goes to the next 8-byte stack slot, in argument order.
 */
public sealed interface Arg {
    /** The value's bits as they go into the register or stack slot. */
    long bits();

    /** An integer (or pointer) argument. */
    record Int(long bits) implements Arg {}

    /** A floating-point argument: raw IEEE bits. */
    record Fp(long bits) implements Arg {}

    /** Integer arguments only (the untyped calls). */
    static List<Arg> ints(List<Long> values) {
        return values.stream().<Arg>map(Int::new).toList();
    }
}
