package dev.a64w.backend.lower;

import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.FOperand;
import dev.a64w.backend.a64.FpInst.FpCcmpOp;
import dev.a64w.backend.a64.FpInst.FpCmp;
import dev.a64w.backend.a64.FpInst.FpCmpOp;
import dev.a64w.backend.a64.FpInst.FpCondCompare;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.ir.FloatCC;

/**
 * A {@link FloatCC} as AArch64 flags. After {@code fcmp a, b} NZCV is 0110 (equal), 1000 (less),
 * 0010 (greater) or 0011 (unordered), so twelve conditions are one condition code each (ordered
 * "less" is MI, not LT, which also holds for unordered). {@code one} and {@code ueq} are unions of
 * two outcomes: they add {@code fccmp a, b, #0b0100, vc}, which repeats the compare when ordered
 * and otherwise sets Z, after which {@code one} is NE and {@code ueq} is EQ.
 *
 * @param cond   the condition that holds exactly when {@code a cc b}
 * @param fccmp  whether the {@code fccmp} must follow the {@code fcmp}
 */
record FloatCond(Cond cond, boolean fccmp) {
    static FloatCond of(FloatCC cc) {
        return switch (cc) {
            case EQ -> new FloatCond(Cond.EQ, false);
            case NE -> new FloatCond(Cond.NE, false);
            case LT -> new FloatCond(Cond.MI, false);
            case LE -> new FloatCond(Cond.LS, false);
            case GT -> new FloatCond(Cond.GT, false);
            case GE -> new FloatCond(Cond.GE, false);
            case ORD -> new FloatCond(Cond.VC, false);
            case UNO -> new FloatCond(Cond.VS, false);
            case ULT -> new FloatCond(Cond.LT, false);
            case ULE -> new FloatCond(Cond.LE, false);
            case UGT -> new FloatCond(Cond.HI, false);
            case UGE -> new FloatCond(Cond.PL, false);
            case ONE -> new FloatCond(Cond.NE, true);
            case UEQ -> new FloatCond(Cond.EQ, true);
        };
    }

    /** Emits the compare of {@code a} and {@code b} and returns the condition that holds when {@code a cc b}. */
    static Cond compare(InstSink b, FloatCC cc, FpSize size, FOperand a, FOperand bb) {
        FloatCond fc = of(cc);
        b.emit(new FpCmp(FpCmpOp.FCMP, size, a, bb));
        if (fc.fccmp()) b.emit(new FpCondCompare(FpCcmpOp.FCCMP, size, a, bb, 0b0100, Cond.VC));
        return fc.cond();
    }
}
