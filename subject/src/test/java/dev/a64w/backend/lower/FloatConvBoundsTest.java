package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The range checks of trapping float-to-int conversions, for f32/f64 to signed/unsigned
 * i8..i64: at each bound and its neighbouring floats, "the check traps" must equal "the truncated
 * value is outside the integer range", computed exactly with BigDecimal.
 */
@Epic("subject")
@Feature("backend.lower")
class FloatConvBoundsTest {
    @Test
    void boundsTrapExactlyWhenTheTruncatedValueDoesNotFit() {
        int checked = 0;
        for (Type from : List.of(Type.F32, Type.F64)) {
            for (int bits : new int[] {8, 16, 32, 64}) {
                for (boolean signed : new boolean[] {true, false}) {
                    FloatConvLowering.Bounds b = FloatConvLowering.bounds(from, bits, signed);
                    double low = value(from, b.low()), high = value(from, b.high());
                    BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
                    BigInteger max = signed ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                            : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
                    for (double x : around(from, low, high)) {
                        boolean traps = (b.lowInclusive() ? x <= low : x < low) || x >= high;
                        BigInteger t = new BigDecimal(x).setScale(0, RoundingMode.DOWN).toBigInteger();
                        boolean outside = t.compareTo(min) < 0 || t.compareTo(max) > 0;
                        assertEquals(outside, traps, from + " -> " + (signed ? "s" : "u") + bits + " at " + x + " (" + b + ")");
                        checked++;
                    }
                }
            }
        }
        assertEquals(16 * 12, checked);
    }

    private static double value(Type t, long raw) {
        return t == Type.F32 ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
    }

    /** The bounds, their two neighbours at the source precision, and two more steps out. */
    private static List<Double> around(Type t, double low, double high) {
        List<Double> out = new ArrayList<>();
        for (double v : new double[] {low, high}) {
            if (t == Type.F32) {
                float f = (float) v;
                out.addAll(List.of((double) f, (double) Math.nextUp(f), (double) Math.nextDown(f),
                        (double) Math.nextUp(Math.nextUp(f)), (double) Math.nextDown(Math.nextDown(f)), (double) (f - 1)));
            } else {
                out.addAll(List.of(v, Math.nextUp(v), Math.nextDown(v), Math.nextUp(Math.nextUp(v)), Math.nextDown(Math.nextDown(v)), v - 1));
            }
        }
        return out;
    }
}
