package dev.a64w.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Float literals (Cranelift's syntax, raw bits) and the float instructions in the text format. */
@Epic("subject")
@Feature("ir.text")
class FloatTextTest {
    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("0x1.0", Type.F32, 0x3f80_0000L),
                Arguments.of("0x1.8p3", Type.F32, 0x4140_0000L),
                Arguments.of("0x0.5", Type.F32, Integer.toUnsignedLong(Float.floatToRawIntBits(0.3125f))),
                Arguments.of("0x8.1", Type.F64, Double.doubleToRawLongBits(8.0625)),
                Arguments.of("-0x8.1", Type.F32, Integer.toUnsignedLong(Float.floatToRawIntBits(-8.0625f))),
                Arguments.of("0xB2D05E00.0", Type.F64, Double.doubleToRawLongBits(3e9)),
                Arguments.of("0x0.0", Type.F32, 0L),
                Arguments.of("-0x0.0", Type.F32, 0x8000_0000L),
                Arguments.of("0.0", Type.F64, 0L),
                Arguments.of("-0.0", Type.F64, 0x8000_0000_0000_0000L),
                Arguments.of("0x1.0p-149", Type.F32, 1L),
                Arguments.of("0x0.800000p-126", Type.F32, 0x0040_0000L),
                Arguments.of("0x1.0p-1074", Type.F64, 1L),
                Arguments.of("0x0.0000000000001p-1022", Type.F64, 1L),
                Arguments.of("0x1.fffffep127", Type.F32, 0x7f7f_ffffL),
                Arguments.of("0x1.fffffffffffffp1023", Type.F64, 0x7fef_ffff_ffff_ffffL),
                Arguments.of("Inf", Type.F32, 0x7f80_0000L),
                Arguments.of("+Inf", Type.F64, 0x7ff0_0000_0000_0000L),
                Arguments.of("-Inf", Type.F32, 0xff80_0000L),
                Arguments.of("NaN", Type.F32, 0x7fc0_0000L),
                Arguments.of("+NaN", Type.F64, 0x7ff8_0000_0000_0000L),
                Arguments.of("-NaN", Type.F32, 0xffc0_0000L),
                Arguments.of("+NaN:0x0", Type.F32, 0x7fc0_0000L),
                Arguments.of("+NaN:0x300001", Type.F32, 0x7ff0_0001L),
                Arguments.of("-NaN:0x4000000000001", Type.F64, 0xfffc_0000_0000_0001L),
                Arguments.of("+sNaN:0x1", Type.F32, 0x7f80_0001L),
                Arguments.of("-sNaN:0x200001", Type.F32, 0xffa0_0001L),
                Arguments.of("+sNaN:0x4000000000001", Type.F64, 0x7ff4_0000_0000_0001L));
    }

    @ParameterizedTest
    @MethodSource("literals")
    void literalParsesToBits(String text, Type type, long bits) {
        assertEquals(bits, FloatLiterals.parse(text, type), text);
        assertEquals(bits, FloatLiterals.parse(FloatLiterals.format(bits, type), type), "format/parse of " + text);
    }

    @Test
    void formatIsCraneliftsSpelling() {
        assertEquals("0x1.800000p3", FloatLiterals.format(0x4140_0000L, Type.F32));
        assertEquals("-0.0", FloatLiterals.format(0x8000_0000L, Type.F32));
        assertEquals("0x0.000002p-126", FloatLiterals.format(1L, Type.F32));
        assertEquals("0x0.0000000000001p-1022", FloatLiterals.format(1L, Type.F64));
        assertEquals("+NaN:0x300001", FloatLiterals.format(0x7ff0_0001L, Type.F32));
        assertEquals("-sNaN:0x1", FloatLiterals.format(0xff80_0001L, Type.F32));
        assertEquals("+Inf", FloatLiterals.format(0x7ff0_0000_0000_0000L, Type.F64));
        assertEquals("0x1.0000000000000p0", FloatLiterals.format(Double.doubleToRawLongBits(1.0), Type.F64));
    }

    @Test
    void everyBitPatternClassRoundTrips() {
        long[] f32 = {0, 0x8000_0000L, 1, 0x807f_ffffL, 0x0080_0000L, 0x7f7f_ffffL, 0x7f80_0000L, 0xff80_0000L, 0x7fc0_0000L,
            0xffc0_0001L, 0x7f80_0001L, 0xffbf_ffffL, 0x7fff_ffffL, 0x3eaa_aaabL};
        for (long b : f32) assertEquals(b, FloatLiterals.parse(FloatLiterals.format(b, Type.F32), Type.F32), Long.toHexString(b));
        long[] f64 = {0, Long.MIN_VALUE, 1, 0x800f_ffff_ffff_ffffL, 0x7ff0_0000_0000_0001L, 0xfff7_ffff_ffff_ffffL, -1L,
            0x7ff8_0000_0000_0000L, Double.doubleToRawLongBits(Math.PI)};
        for (long b : f64) assertEquals(b, FloatLiterals.parse(FloatLiterals.format(b, Type.F64), Type.F64), Long.toHexString(b));
    }

    @Test
    void malformedLiteralsAreRejectedAsCraneliftDoes() {
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x1.0000001", Type.F32), "too many significant bits");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x1.0p128", Type.F32), "magnitude too large");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x1.0p-150", Type.F32), "magnitude too small");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x3.0p-150", Type.F32), "subnormal underflow");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("sNaN:0x0", Type.F32), "sNaN needs a payload");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("NaN:0x400000", Type.F32), "payload reaches the quiet bit");
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x1.2.3", Type.F64));
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0x", Type.F64));
        NumberFormatException decimal = assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("1.5", Type.F64), "only 0.0 is decimal");
        assertEquals("float '1.5' must be hexadecimal (only 0.0 may be decimal, as in Cranelift): nearest is 0x1.8000000000000p0", decimal.getMessage());
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("-2.5e-3", Type.F32));
        assertThrows(NumberFormatException.class, () -> FloatLiterals.parse("0.00", Type.F32), "0.0 exactly");
    }

    private static final String ALL = """
            function %all(f32, f64, i32, i64) -> f32, f64, i8 {
            block0(v0: f32, v1: f64, v2: i32, v3: i64):
                v4 = f32const 0x1.800000p1
                v5 = f64const -NaN:0x1
                v6 = f32const -0.0
                v7 = f64const 0x0.0000000000001p-1022
                v8 = f32const +sNaN:0x1
                v10 = sqrt v0
                v11 = fneg v1
                v12 = fabs v0
                v13 = ceil v1
                v14 = floor v0
                v15 = trunc v1
                v16 = nearest v0
                v20 = fadd v0, v4
                v21 = fsub v1, v5
                v22 = fmul v0, v6
                v23 = fdiv v1, v7
                v24 = fcopysign v0, v8
                v25 = fmin v1, v1
                v26 = fmax v0, v0
                v27 = fma v0, v4, v6
                v30 = fcmp eq v0, v4
                v31 = fcmp uno v1, v5
                v32 = fcmp ult v0, v0
                v40 = fcvt_to_sint.i32 v0
                v41 = fcvt_to_uint.i64 v1
                v42 = fcvt_to_sint_sat.i8 v1
                v43 = fcvt_to_uint_sat.i16 v0
                v44 = fcvt_from_sint.f64 v2
                v45 = fcvt_from_uint.f32 v3
                v46 = fpromote.f64 v0
                v47 = fdemote.f32 v1
                v48 = bitcast.f32 v2
                v49 = bitcast.i64 v1
                v50 = select v30, v0, v4
                v51 = load.f64 notrap aligned v3+8
                store notrap aligned v0, v3
                v52 = stack_load.f32 ss0
                stack_store v1, ss0
                return v20, v21, v30
            }
            """;

    private static final String ALL_WITH_SLOT = ALL.replace("block0(", "    ss0 = explicit_slot 8\nblock0(");

    @Test
    void everyFloatInstructionParsesAndRoundTrips() throws Exception {
        Module m = Parser.parse(ALL_WITH_SLOT);
        assertEquals(List.of(), m.skipped());
        var insts = m.functions().getFirst().entry().insts();
        assertEquals(new Inst.Fconst(new dev.a64w.ir.Value(4), Type.F32, 0x4040_0000L), insts.get(0));
        assertEquals(new Inst.Fconst(new dev.a64w.ir.Value(5), Type.F64, 0xfff8_0000_0000_0001L), insts.get(1));
        assertEquals(FUnaryOp.SQRT, assertInstanceOf(Inst.FUnary.class, insts.get(5)).op());
        assertEquals(Type.F64, assertInstanceOf(Inst.FUnary.class, insts.get(6)).type());
        assertEquals(FBinaryOp.FCOPYSIGN, assertInstanceOf(Inst.FBinary.class, insts.get(16)).op());
        assertInstanceOf(Inst.Fma.class, insts.get(19));
        assertEquals(FloatCC.UNO, assertInstanceOf(Inst.Fcmp.class, insts.get(21)).cc());
        Inst.FConv c = assertInstanceOf(Inst.FConv.class, insts.get(25));
        assertEquals(FConvOp.FCVT_TO_SINT_SAT, c.op());
        assertEquals(Type.I8, c.type());
        RoundTripTest.assertRoundTrip(Path.of("ALL"), m);
        String printed = Printer.print(m);
        assertTrue(printed.contains("v42 = fcvt_to_sint_sat.i8 v1"), printed);
        assertTrue(printed.contains("v5 = f64const -NaN:0x1"), printed);
        assertTrue(printed.contains("v8 = f32const +sNaN:0x1"), printed);
    }

    @Test
    void fcmpCoversEveryCondition() throws Exception {
        for (FloatCC cc : FloatCC.values()) {
            Module m = Parser.parse("function %f(f64, f64) -> i8 {\nblock0(v0: f64, v1: f64):\n    v2 = fcmp " + cc.clif
                    + " v0, v1\n    return v2\n}\n");
            assertEquals(cc, ((Inst.Fcmp) m.functions().getFirst().entry().insts().getFirst()).cc());
            RoundTripTest.assertRoundTrip(Path.of(cc.clif), m);
        }
        assertThrows(ParseException.class, () -> Parser.parse("function %f(f64) -> i8 {\nblock0(v0: f64):\n    v2 = fcmp slt v0, v0\n    return v2\n}\n"));
    }

    @Test
    void runLinesReadFloatsByTheSignature() throws Exception {
        Module m = Parser.parse("""
                ; run: %f(0x1.0, -0x0.0, 7) == [+NaN:0x1, 0x1.0p-1074, 3]
                function %f(f32, f64, i32) -> f32, f64, i8 {
                block0(v0: f32, v1: f64, v2: i32):
                    v3 = iconst.i8 3
                    return v0, v1, v3
                }
                ; run: %f(-sNaN:0x1, Inf, -1) != [-Inf, 0.0, 0]
                ; run: %f(NaN, -NaN, 0) == [NaN, -NaN, 0]
                """);
        assertEquals(new RunLine(1, "f", List.of(0x3f80_0000L, Long.MIN_VALUE, 7L), true, List.of(0x7fc0_0001L, 1L, 3L)), m.runs().get(0));
        assertEquals(new RunLine(7, "f", List.of(0xff80_0001L, 0x7ff0_0000_0000_0000L, -1L), false, List.of(0xff80_0000L, 0L, 0L)),
                m.runs().get(1));
        assertEquals(List.of(0x7fc0_0000L, 0xfff8_0000_0000_0000L, 0L), m.runs().get(2).args());
        String printed = Printer.print(m);
        assertTrue(printed.contains("; run: %f(-sNaN:0x1, +Inf, -1) != [-Inf, 0.0, 0]"), printed);
        RoundTripTest.assertRoundTrip(Path.of("runs"), m);
        assertThrows(ParseException.class, () -> Parser.parse(
                "function %g(f32) -> f32 {\nblock0(v0: f32):\n    return v0\n}\n; run: %g(0x1.0p200) == 0x1.0\n"));
    }

    @Test
    void unsupportedTypesAreStillSkipped() throws Exception {
        for (String t : List.of("f16", "f128", "i128", "f32x4", "i64x2")) {
            Module m = Parser.parse("function %f(" + t + ") -> " + t + " {\nblock0(v0: " + t + "):\n    return v0\n}\n; run: %f(0x1.0) == 0x1.0\n");
            assertEquals(List.of(), m.functions(), t);
            assertEquals("type " + t, m.skipped().getFirst().feature());
            assertEquals(List.of(), m.runs().getFirst().args());
        }
    }
}
