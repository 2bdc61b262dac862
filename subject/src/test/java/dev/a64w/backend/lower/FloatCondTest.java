package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.backend.a64.Cond;
import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.FloatOps;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every FloatCC against the interpreter's compare, over the four outcomes of FCMP (NZCV after
 * FCMP from the Arm ARM: less 1000, equal 0110, greater 0010, unordered 0011), with the
 * {@code fccmp #0b0100, vc} that {@code one}/{@code ueq} add applied as the ISA defines it.
 */
@Epic("subject")
@Feature("backend.lower")
class FloatCondTest {
    private static final double NAN = Double.NaN;
    /** Operand pairs for less, equal, greater, unordered (twice: NaN on either side). */
    private static final double[][] PAIRS = {{1, 2}, {3, 3}, {5, 4}, {NAN, 1}, {1, NAN}};
    private static final int[] NZCV = {0b1000, 0b0110, 0b0010, 0b0011, 0b0011};

    static boolean holds(Cond c, int nzcv) {
        boolean n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, cf = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
        return switch (c) {
            case EQ -> z;
            case NE -> !z;
            case HS -> cf;
            case LO -> !cf;
            case MI -> n;
            case PL -> !n;
            case VS -> v;
            case VC -> !v;
            case HI -> cf && !z;
            case LS -> !(cf && !z);
            case GE -> n == v;
            case LT -> n != v;
            case GT -> !z && n == v;
            case LE -> !(!z && n == v);
            case AL, NV -> true;
        };
    }

    @ParameterizedTest
    @EnumSource(FloatCC.class)
    void conditionMatchesTheInterpreterOnEveryOutcome(FloatCC cc) {
        FloatCond fc = FloatCond.of(cc);
        for (int k = 0; k < PAIRS.length; k++) {
            long a = Double.doubleToRawLongBits(PAIRS[k][0]), b = Double.doubleToRawLongBits(PAIRS[k][1]);
            int flags = NZCV[k];
            if (fc.fccmp()) flags = holds(Cond.VC, flags) ? flags : 0b0100;
            assertEquals(FloatOps.compare(cc, Type.F64, a, b), holds(fc.cond(), flags),
                    cc + " on " + PAIRS[k][0] + ", " + PAIRS[k][1] + " (" + fc + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(FloatCC.class)
    void onlyOneAndUeqNeedTheSecondCompare(FloatCC cc) {
        assertEquals(cc == FloatCC.ONE || cc == FloatCC.UEQ, FloatCond.of(cc).fccmp());
    }
}
