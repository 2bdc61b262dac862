package dev.a64w.ir.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.text.FloatLiterals;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Float semantics and the NaN policy of {@link FloatOps}, and the interpreter running float code. */
@Epic("subject")
@Feature("ir.interp")
class FloatOpsTest {
    private static final Type S = Type.F32, D = Type.F64;

    private static long s(String text) {
        return FloatLiterals.parse(text, S);
    }

    private static long d(String text) {
        return FloatLiterals.parse(text, D);
    }

    private static long s(float v) {
        return Integer.toUnsignedLong(Float.floatToRawIntBits(v));
    }

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static void eq(long expected, long actual) {
        assertEquals(Long.toHexString(expected), Long.toHexString(actual));
    }

    @Test
    void arithmeticRoundsOnceToTheType() {
        eq(s(0.1f + 0.2f), FloatOps.binary(FBinaryOp.FADD, S, s(0.1f), s(0.2f)));
        eq(d(0.1 + 0.2), FloatOps.binary(FBinaryOp.FADD, D, d(0.1), d(0.2)));
        eq(s("0x1.fffffep127"), FloatOps.binary(FBinaryOp.FADD, S, s("0x1.0p-23"), s("0x1.fffffep127")));
        eq(s("+Inf"), FloatOps.binary(FBinaryOp.FADD, S, s("0x1.fffffep127"), s("0x1.fffffep127")));
        eq(s("-0x0.000002p-126"), FloatOps.binary(FBinaryOp.FADD, S, s("0x0.800000p-126"), s("-0x0.800002p-126")));
        eq(s(1f / 3f), FloatOps.binary(FBinaryOp.FDIV, S, s(1f), s(3f)));
        eq(d(-0.0), FloatOps.binary(FBinaryOp.FMUL, D, d(-1.0), d(0.0)));
        eq(s(0f), FloatOps.binary(FBinaryOp.FSUB, S, s(1f), s(1f)));
        eq(s("0x1.6a09e6p0"), FloatOps.unary(FUnaryOp.SQRT, S, s(2f)));
        eq(d(-0.0), FloatOps.unary(FUnaryOp.SQRT, D, d(-0.0)));
    }

    @Test
    void fmaRoundsOnce() {
        // (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104: with a rounded product it would be 2^-51
        double a = 1 + 0x1p-52;
        eq(d(0x1p-51 + 0x1p-104), FloatOps.fma(D, d(a), d(a), d(-1.0)));
        float b = 1 + 0x1p-12f;
        eq(s(Math.fma(b, b, -1f)), FloatOps.fma(S, s(b), s(b), s(-1f)));
        assertTrue(Math.fma(b, b, -1f) != b * b - 1f, "control: the f32 case distinguishes one rounding from two");
    }

    @Test
    void nanPolicy() {
        long sNaN1 = s("+sNaN:0x1"), sNaN2 = s("-sNaN:0x2"), qNaN3 = s("+NaN:0x3"), qNaN4 = s("-NaN:0x4");
        // an sNaN operand wins over a qNaN before it, and is returned quieted
        eq(s("-NaN:0x2"), FloatOps.binary(FBinaryOp.FADD, S, qNaN3, sNaN2));
        // the first sNaN in operand order
        eq(s("+NaN:0x1"), FloatOps.binary(FBinaryOp.FMUL, S, sNaN1, sNaN2));
        // otherwise the first qNaN, unchanged
        eq(qNaN4, FloatOps.binary(FBinaryOp.FSUB, S, qNaN4, qNaN3));
        eq(qNaN3, FloatOps.binary(FBinaryOp.FDIV, S, s(1f), qNaN3));
        // invalid operations give the default NaN
        eq(0x7fc0_0000L, FloatOps.binary(FBinaryOp.FDIV, S, s(0f), s(-0f)));
        eq(0x7ff8_0000_0000_0000L, FloatOps.binary(FBinaryOp.FSUB, D, d("+Inf"), d("+Inf")));
        eq(0x7ff8_0000_0000_0000L, FloatOps.binary(FBinaryOp.FMUL, D, d("-Inf"), d(0.0)));
        eq(0x7fc0_0000L, FloatOps.unary(FUnaryOp.SQRT, S, s(-1f)));
        eq(s("+NaN:0x1"), FloatOps.unary(FUnaryOp.SQRT, S, sNaN1));
        // f64 payloads
        eq(d("-NaN:0x4000000000001"), FloatOps.binary(FBinaryOp.FADD, D, d(1.0), d("-sNaN:0x4000000000001")));
        // bit operations never quiet
        eq(s("-sNaN:0x1"), FloatOps.unary(FUnaryOp.FNEG, S, sNaN1));
        eq(s("+sNaN:0x2"), FloatOps.unary(FUnaryOp.FABS, S, sNaN2));
        eq(s("-sNaN:0x1"), FloatOps.binary(FBinaryOp.FCOPYSIGN, S, sNaN1, s(-0f)));
        // rounding quiets
        eq(s("-NaN:0x2"), FloatOps.unary(FUnaryOp.NEAREST, S, sNaN2));
        eq(qNaN4, FloatOps.unary(FUnaryOp.CEIL, S, qNaN4));
    }

    @Test
    void fmaNanOrderIsAddendFirstAsFmadd() {
        long a = d("+sNaN:0x1"), c = d("+sNaN:0x2");
        eq(d("+NaN:0x2"), FloatOps.fma(D, a, d(1.0), c));
        eq(d("+NaN:0x1"), FloatOps.fma(D, a, d(1.0), d("+NaN:0x3")));
        eq(d("+NaN:0x3"), FloatOps.fma(D, d(1.0), d("+NaN:0x4"), d("+NaN:0x3")));
        // a quiet-NaN addend with an invalid product (inf * 0) gives the default NaN
        eq(0x7ff8_0000_0000_0000L, FloatOps.fma(D, d("+Inf"), d(0.0), d("-NaN:0x3")));
        eq(0x7fc0_0000L, FloatOps.fma(S, s(0f), s("-Inf"), s(1f)));
    }

    @Test
    void minMaxFollowFminFmax() {
        eq(s(-0f), FloatOps.binary(FBinaryOp.FMIN, S, s(0f), s(-0f)));
        eq(s(-0f), FloatOps.binary(FBinaryOp.FMIN, S, s(-0f), s(0f)));
        eq(s(0f), FloatOps.binary(FBinaryOp.FMAX, S, s(-0f), s(0f)));
        eq(d(0.0), FloatOps.binary(FBinaryOp.FMAX, D, d(0.0), d(-0.0)));
        eq(d(-2.0), FloatOps.binary(FBinaryOp.FMIN, D, d(-2.0), d(1.0)));
        eq(d("+Inf"), FloatOps.binary(FBinaryOp.FMAX, D, d("+Inf"), d(1.0)));
        eq(s("+NaN:0x3"), FloatOps.binary(FBinaryOp.FMIN, S, s(1f), s("+NaN:0x3")));
        eq(s("-NaN:0x1"), FloatOps.binary(FBinaryOp.FMAX, S, s("+NaN:0x3"), s("-sNaN:0x1")));
    }

    @Test
    void roundingOperations() {
        eq(s(2f), FloatOps.unary(FUnaryOp.NEAREST, S, s(2.5f)));
        eq(s(4f), FloatOps.unary(FUnaryOp.NEAREST, S, s(3.5f)));
        eq(s(-2f), FloatOps.unary(FUnaryOp.NEAREST, S, s(-2.5f)));
        eq(d(-0.0), FloatOps.unary(FUnaryOp.NEAREST, D, d(-0.5)));
        eq(d(0.0), FloatOps.unary(FUnaryOp.NEAREST, D, d(0.5)));
        eq(d(-0.0), FloatOps.unary(FUnaryOp.CEIL, D, d(-0.5)));
        eq(d(-1.0), FloatOps.unary(FUnaryOp.FLOOR, D, d(-0.5)));
        eq(d(-0.0), FloatOps.unary(FUnaryOp.TRUNC, D, d(-0.7)));
        eq(s(0x1p23f), FloatOps.unary(FUnaryOp.NEAREST, S, s(0x1p23f)));
        eq(d(4503599627370497.0), FloatOps.unary(FUnaryOp.FLOOR, D, d(4503599627370497.0)));
        eq(s("-Inf"), FloatOps.unary(FUnaryOp.TRUNC, S, s("-Inf")));
    }

    @Test
    void comparisonsOrderedAndUnordered() {
        long nan = d("NaN"), one = d(1.0), two = d(2.0);
        for (FloatCC cc : FloatCC.values()) {
            boolean unorderedTrue = switch (cc) {
                case NE, UNO, UEQ, ULT, ULE, UGT, UGE -> true;
                default -> false;
            };
            assertEquals(unorderedTrue, FloatOps.compare(cc, D, nan, one), cc + " with NaN");
            assertEquals(unorderedTrue, FloatOps.compare(cc, D, two, nan), cc + " with NaN second");
        }
        assertTrue(FloatOps.compare(FloatCC.EQ, D, d(0.0), d(-0.0)));
        assertTrue(FloatOps.compare(FloatCC.LT, D, one, two));
        assertFalse(FloatOps.compare(FloatCC.ONE, D, one, one));
        assertTrue(FloatOps.compare(FloatCC.ONE, D, one, two));
        assertTrue(FloatOps.compare(FloatCC.UGE, S, s(2f), s(2f)));
        assertFalse(FloatOps.compare(FloatCC.UGT, S, s(2f), s(2f)));
        assertTrue(FloatOps.compare(FloatCC.ORD, S, s(2f), s("-Inf")));
    }

    private static Object toInt(FConvOp op, Type to, Type from, long bits) {
        try {
            return FloatOps.convert(op, to, from, bits);
        } catch (TrapSignal t) {
            return t.code;
        }
    }

    @Test
    void conversionsToIntegersTrapAtTheExactBoundaries() {
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_SINT, Type.I32, S, s(2147483648f)));
        assertEquals(-2147483648L, toInt(FConvOp.FCVT_TO_SINT, Type.I32, S, s(-2147483648f)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_SINT, Type.I32, D, d(-2147483649.0)));
        assertEquals(-2147483648L, toInt(FConvOp.FCVT_TO_SINT, Type.I32, D, d(-2147483648.9)));
        assertEquals(2147483647L, toInt(FConvOp.FCVT_TO_SINT, Type.I32, D, d(2147483647.9)));
        assertEquals(TrapCode.BAD_TOINT, toInt(FConvOp.FCVT_TO_SINT, Type.I32, S, s("NaN")));
        assertEquals(TrapCode.BAD_TOINT, toInt(FConvOp.FCVT_TO_UINT, Type.I64, D, d("-sNaN:0x1")));
        assertEquals(0L, toInt(FConvOp.FCVT_TO_UINT, Type.I32, D, d(-0.9)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_UINT, Type.I32, D, d(-1.0)));
        assertEquals(-1L, toInt(FConvOp.FCVT_TO_UINT, Type.I32, D, d(4294967295.0)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_UINT, Type.I32, D, d(4294967296.0)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_UINT, Type.I64, S, s(0x1p64f)));
        assertEquals(0xffff_ff00_0000_0000L, toInt(FConvOp.FCVT_TO_UINT, Type.I64, S, s(0x1.fffffep63f)));
        assertEquals(Long.MIN_VALUE, toInt(FConvOp.FCVT_TO_SINT, Type.I64, D, d(-0x1p63)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_SINT, Type.I64, D, d(0x1p63)));
        assertEquals(TrapCode.INT_OVF, toInt(FConvOp.FCVT_TO_SINT, Type.I32, S, s("+Inf")));
    }

    @Test
    void saturatingConversions() {
        assertEquals(0L, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I32, S, s("NaN")));
        assertEquals(0L, toInt(FConvOp.FCVT_TO_UINT_SAT, Type.I64, D, d("-NaN")));
        assertEquals(2147483647L, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I32, S, s(2147483648f)));
        assertEquals(-2147483648L, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I32, D, d("-Inf")));
        assertEquals(127L, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I8, D, d(200.0)));
        assertEquals(-128L, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I8, D, d(-128.99)));
        assertEquals(-1L, toInt(FConvOp.FCVT_TO_UINT_SAT, Type.I8, D, d(256.0)));
        assertEquals(0L, toInt(FConvOp.FCVT_TO_UINT_SAT, Type.I32, S, s(-5f)));
        assertEquals(-1L, toInt(FConvOp.FCVT_TO_UINT_SAT, Type.I64, D, d("+Inf")));
        assertEquals(Long.MAX_VALUE, toInt(FConvOp.FCVT_TO_SINT_SAT, Type.I64, D, d(0x1p63)));
    }

    @Test
    void conversionsFromIntegersRoundToNearestEven() {
        eq(s(0x1p64f), FloatOps.convert(FConvOp.FCVT_FROM_UINT, S, Type.I64, -1L));
        eq(d(0x1p64), FloatOps.convert(FConvOp.FCVT_FROM_UINT, D, Type.I64, -1L));
        // 2^63 + 2^39 is halfway between two f32 values (ties to even: down); + 1 rounds up, which a plain
        // halving that drops the low bit would turn into the tie
        eq(s(0x1.000002p63f), FloatOps.convert(FConvOp.FCVT_FROM_UINT, S, Type.I64, 0x8000_0080_0000_0001L));
        eq(s(0x1p63f), FloatOps.convert(FConvOp.FCVT_FROM_UINT, S, Type.I64, 0x8000_0080_0000_0000L));
        eq(s(0x1.000004p63f), FloatOps.convert(FConvOp.FCVT_FROM_UINT, S, Type.I64, 0x8000_0180_0000_0000L));
        eq(s(-1f), FloatOps.convert(FConvOp.FCVT_FROM_SINT, S, Type.I8, 0xffL));
        eq(s(255f), FloatOps.convert(FConvOp.FCVT_FROM_UINT, S, Type.I8, 0xffL));
        eq(d(-9.223372036854775808E18), FloatOps.convert(FConvOp.FCVT_FROM_SINT, D, Type.I64, Long.MIN_VALUE));
        eq(s(16777216f), FloatOps.convert(FConvOp.FCVT_FROM_SINT, S, Type.I32, 16777217L));
    }

    @Test
    void promoteAndDemoteKeepNanPayloadTopBits() {
        eq(d(1.5), FloatOps.convert(FConvOp.FPROMOTE, D, S, s(1.5f)));
        eq(0xfff8_0000_2000_0000L, FloatOps.convert(FConvOp.FPROMOTE, D, S, s("-NaN:0x1")));
        eq(0x7ffc_0000_2000_0000L, FloatOps.convert(FConvOp.FPROMOTE, D, S, s("+sNaN:0x200001")));
        eq(0xfffc_0000_0000_0000L, FloatOps.convert(FConvOp.FPROMOTE, D, S, s("-NaN:0x200000")));
        eq(0x7fc0_0001L, FloatOps.convert(FConvOp.FDEMOTE, S, D, d("+sNaN:0x20000000")));
        eq(0xffc0_0000L, FloatOps.convert(FConvOp.FDEMOTE, S, D, d("-sNaN:0x1")));
        eq(s("+Inf"), FloatOps.convert(FConvOp.FDEMOTE, S, D, d(1e300)));
        eq(s(0x1p-149f), FloatOps.convert(FConvOp.FDEMOTE, S, D, d(0x1.8p-150)));
        eq(s(0f), FloatOps.convert(FConvOp.FDEMOTE, S, D, d(0x1p-150)));
    }

    @Test
    void interpreterRunsFloatCodeWithRawBits() throws Exception {
        Module m = Parser.parse("""
                function %f(f32, i64) -> f64, i32, i8 {
                    ss0 = explicit_slot 8
                block0(v0: f32, v1: i64):
                    v2 = fpromote.f64 v0
                    v3 = f64const 0x1.8p1
                    v4 = fma v2, v3, v3
                    stack_store v4, ss0
                    v5 = stack_load.f64 ss0
                    v6 = bitcast.i32 v0
                    v7 = fcmp uno v0, v0
                    v8 = select v7, v3, v5
                    return v8, v6, v7
                }
                function %g(f32) -> i32 {
                block0(v0: f32):
                    v1 = fcvt_to_sint.i32 v0
                    return v1
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        assertEquals(new Outcome.Returned(List.of(d(6.0), 0x3f80_0000L, 0L)), in.call("f", List.of(s(1f), 0L)));
        assertEquals(new Outcome.Returned(List.of(d(3.0), (long) (int) 0xffc0_0001, 1L)), in.call("f", List.of(s("-NaN:0x1"), 0L)));
        assertEquals(new Outcome.Returned(List.of(-7L)), in.call("g", List.of(s(-7.9f))));
        assertEquals(new Outcome.Trapped(TrapCode.INT_OVF), in.call("g", List.of(s(2147483648f))));
        assertEquals(new Outcome.Trapped(TrapCode.BAD_TOINT), in.call("g", List.of(s("NaN"))));
    }
}
