package dev.a64w.diff;

import dev.a64w.ir.Type;
import java.util.List;

/**
 * How a compiled value differs from the interpreter's, in words that do not depend on the values
 * themselves, so that the same bug gives the same verdict text from case to case: a narrow value
 * extended the wrong way is named as such ({@code zero-extended from i16, the interpreter
 * sign-extends}); any other difference has no shape.
 */
final class ValueShape {
    private static final List<Type> NARROW = List.of(Type.I8, Type.I16, Type.I32);

    private ValueShape() {}

    /** The shape of {@code got} vs {@code want} as values of {@code t}, or empty when it has none. */
    static String of(Type t, long got, long want) {
        long g = t.zext(got);
        long w = t.zext(want);
        if (g == w) return "";
        if (t.isFloat()) {
            long sign = 1L << (t.bits() - 1);
            if ((g ^ w) == sign) return (g & ~sign) == 0 ? "the sign of a zero differs" : "the sign differs";
            boolean gNan = ValueClass.comparable(t, g) != g || isQuietNaNPattern(t, g);
            boolean wNan = ValueClass.comparable(t, w) != w || isQuietNaNPattern(t, w);
            if (gNan != wNan) return gNan ? "NaN where the interpreter has a number" : "a number where the interpreter has NaN";
            return "";
        }
        for (Type n : NARROW) {
            if (n.bits() >= t.bits() || n.zext(g) != n.zext(w)) continue;
            boolean gotZero = t.zext(n.zext(g)) == g;
            boolean gotSign = t.zext(n.sext(g)) == g;
            boolean wantZero = t.zext(n.zext(w)) == w;
            boolean wantSign = t.zext(n.sext(w)) == w;
            if (gotZero && wantSign) return "zero-extended from " + n + ", the interpreter sign-extends";
            if (gotSign && wantZero) return "sign-extended from " + n + ", the interpreter zero-extends";
        }
        return "";
    }

    private static boolean isQuietNaNPattern(Type t, long v) {
        return v == (t.bits() == 32 ? 0x7fc0_0000L : 0x7ff8_0000_0000_0000L);
    }

    /** {@code of} as a suffix {@code " (shape)"}, or empty. */
    static String suffix(Type t, long got, long want) {
        String s = of(t, got, want);
        return s.isEmpty() ? "" : " (" + s + ")";
    }
}
