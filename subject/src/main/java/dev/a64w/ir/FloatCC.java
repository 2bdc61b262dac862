package dev.a64w.ir;

import java.util.Optional;

/**
 * Floating-point comparison conditions of {@code fcmp}, Cranelift's spellings. The ordered
 * conditions ({@code eq lt le gt ge one ord}) are false when either operand is NaN; the unordered
 * ones ({@code ueq ult ule ugt uge uno}) and {@code ne} are true then.
 */
public enum FloatCC {
    EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge"), ORD("ord"), UNO("uno"),
    ONE("one"), UEQ("ueq"), ULT("ult"), ULE("ule"), UGT("ugt"), UGE("uge");

    public final String clif;

    FloatCC(String clif) {
        this.clif = clif;
    }

    public static Optional<FloatCC> parse(String text) {
        for (FloatCC cc : values()) if (cc.clif.equals(text)) return Optional.of(cc);
        return Optional.empty();
    }

    /**
     * The condition on two values whose comparison is {@code cmp} (negative, zero, positive) when
     * both are numbers, or {@code unordered} when either is NaN.
     */
    public boolean holds(boolean unordered, int cmp) {
        if (unordered) return switch (this) {
            case NE, UNO, UEQ, ULT, ULE, UGT, UGE -> true;
            case EQ, LT, LE, GT, GE, ORD, ONE -> false;
        };
        return switch (this) {
            case EQ, UEQ -> cmp == 0;
            case NE, ONE -> cmp != 0;
            case LT, ULT -> cmp < 0;
            case LE, ULE -> cmp <= 0;
            case GT, UGT -> cmp > 0;
            case GE, UGE -> cmp >= 0;
            case ORD -> true;
            case UNO -> false;
        };
    }

    @Override
    public String toString() {
        return clif;
    }
}
