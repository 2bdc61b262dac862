package dev.a64w.fuzz.coverage;

import dev.a64w.ir.Type;

/**
 * A class of operand values, judged in the operand's type (values sign-extended from its width). A
 * value may be in several classes: MIN and minus one are also negative. {@link #WIDE} is only judged
 * for the amount of a shift or rotate: at or above the controlling type's width (unsigned).
 */
public enum ValueClass {
    ZERO("zero"), ONE("one"), MINUS_ONE("minus-one"), MIN("min"), MAX("max"), NEGATIVE("negative"), WIDE("wide");

    /** The name in {@code stats coverage} lines and in {@link CoverageGoals}. */
    public final String label;

    ValueClass(String label) {
        this.label = label;
    }

    /** The classes of {@code raw} as a value of type {@code t}, as bits ({@code 1 << ordinal}); {@link #WIDE} never. */
    static int of(long raw, Type t) {
        long v = t.sext(raw);
        int bits = 0;
        if (v == 0) bits |= bit(ZERO);
        if (v == 1) bits |= bit(ONE);
        if (v == -1) bits |= bit(MINUS_ONE);
        if (v == t.sext(1L << (t.bits() - 1))) bits |= bit(MIN);
        if (v == t.sext((1L << (t.bits() - 1)) - 1)) bits |= bit(MAX);
        if (v < 0) bits |= bit(NEGATIVE);
        return bits;
    }

    static int bit(ValueClass c) {
        return 1 << c.ordinal();
    }
}
