package dev.a64w.ir;

import java.util.Optional;

/** Integer comparison conditions of {@code icmp}. */
public enum IntCC {
    EQ("eq"), NE("ne"), SLT("slt"), SGE("sge"), SGT("sgt"), SLE("sle"), ULT("ult"), UGE("uge"), UGT("ugt"), ULE("ule");

    private final String clif;

    IntCC(String clif) {
        this.clif = clif;
    }

    public String clif() {
        return clif;
    }

    public static Optional<IntCC> parse(String text) {
        for (IntCC cc : values()) if (cc.clif.equals(text)) return Optional.of(cc);
        return Optional.empty();
    }

    /** Evaluates the condition on two values of type {@code t} (any bits above the width ignored). */
    public boolean test(Type t, long a, long b) {
        long sa = t.sext(a), sb = t.sext(b), ua = t.zext(a), ub = t.zext(b);
        return switch (this) {
            case EQ -> ua == ub;
            case NE -> ua != ub;
            case SLT -> sa < sb;
            case SGE -> sa >= sb;
            case SGT -> sa > sb;
            case SLE -> sa <= sb;
            case ULT -> Long.compareUnsigned(ua, ub) < 0;
            case UGE -> Long.compareUnsigned(ua, ub) >= 0;
            case UGT -> Long.compareUnsigned(ua, ub) > 0;
            case ULE -> Long.compareUnsigned(ua, ub) <= 0;
        };
    }

    @Override
    public String toString() {
        return clif;
    }
}
