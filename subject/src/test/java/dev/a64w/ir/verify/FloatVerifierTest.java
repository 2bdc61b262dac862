package dev.a64w.ir.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operand and result types of the float instructions, as Cranelift's verifier constrains them. */
@Epic("subject")
@Feature("ir.verify")
class FloatVerifierTest {
    private static final String HEAD = "function %f(f32, f64, i32, i64) -> i8 {\n    ss0 = explicit_slot 8\nblock0(v0: f32, v1: f64, v2: i32, v3: i64):\n";
    private static final String TAIL = "    v100 = iconst.i8 0\n    return v100\n}\n";

    private static List<Diagnostic> check(String body) throws Exception {
        return Verifier.check(Parser.parse(HEAD + body + TAIL));
    }

    @Test
    void wellTypedFloatCodeHasNoDiagnostics() throws Exception {
        assertEquals(List.of(), check("""
                    v4 = f32const 0x1.0
                    v5 = fadd v0, v4
                    v6 = fma v1, v1, v1
                    v7 = fcmp one v0, v5
                    v8 = fcvt_to_uint_sat.i64 v1
                    v9 = fcvt_from_uint.f64 v2
                    v10 = fpromote.f64 v0
                    v11 = fdemote.f32 v1
                    v12 = bitcast.i32 v0
                    v13 = bitcast.f64 v3
                    v14 = select v2, v1, v6
                    v15 = bitselect v0, v0, v4
                    v16 = load.f32 v3
                    store v1, v3+8
                    stack_store v0, ss0
                    v17 = stack_load.f64 ss0
                    v18 = fcopysign v1, v6
                    v19 = band v0, v4
                    v20 = bxor v1, v6
                    v21 = bnot v0
                """));
    }

    static Stream<Arguments> badFloatCode() {
        return Stream.of(
                Arguments.of("    v4 = fadd v0, v1\n", "operand v1 has type f64, expected f32"),
                Arguments.of("    v4 = fadd v2, v2\n", "fadd needs a float type, not i32"),
                Arguments.of("    v4 = sqrt v3\n", "sqrt needs a float type, not i64"),
                Arguments.of("    v4 = fma v0, v0, v1\n", "operand v1 has type f64, expected f32"),
                Arguments.of("    v4 = fcmp eq v0, v1\n", "operand types differ: f32 vs f64"),
                Arguments.of("    v4 = fcmp eq v2, v2\n", "fcmp operand v2 has type i32, expected a float"),
                Arguments.of("    v4 = fcvt_to_sint.i32 v2\n", "fcvt_to_sint operand v2 has type i32, expected a float"),
                Arguments.of("    v4 = fcvt_to_sint.f64 v0\n", "fcvt_to_sint needs an integer type, not f64"),
                Arguments.of("    v4 = fcvt_from_sint.f32 v0\n", "fcvt_from_sint operand v0 has type f32, expected an integer"),
                Arguments.of("    v4 = fcvt_from_uint.i32 v2\n", "fcvt_from_uint needs a float type, not i32"),
                Arguments.of("    v4 = fpromote.f64 v1\n", "fpromote converts f32 to f64, not f64 to f64"),
                Arguments.of("    v4 = fdemote.f32 v0\n", "fdemote converts f64 to f32, not f32 to f32"),
                Arguments.of("    v4 = bitcast.f64 v0\n", "bitcast must keep the width: f32 to f64"),
                Arguments.of("    v4 = iadd v0, v0\n", "iadd needs an integer type, not f32"),
                Arguments.of("    v4 = iadd_imm v1, 1\n", "iadd_imm needs an integer type, not f64"),
                Arguments.of("    v4 = band_not v0, v0\n", "band_not needs an integer type, not f32"),
                Arguments.of("    v4 = band_imm v0, 1\n", "band_imm needs an integer type, not f32"),
                Arguments.of("    v4 = bor v0, v1\n", "operand types differ: f32 vs f64"),
                Arguments.of("    v4 = popcnt v0\n", "popcnt needs an integer type, not f32"),
                Arguments.of("    v4 = icmp eq v0, v0\n", "icmp operand v0 has type f32, expected an integer"),
                Arguments.of("    v4 = iconst.f32 1\n", "iconst needs an integer type, not f32"),
                Arguments.of("    v4 = sextend.i64 v0\n", "sextend operand v0 has type f32, expected an integer"),
                Arguments.of("    v4 = select v0, v2, v2\n", "select condition v0 has type f32, expected an integer"),
                Arguments.of("    v4 = uload8.f32 v3\n", "uload8 needs an integer type, not f32"),
                Arguments.of("    istore32 v1, v3\n", "istore32 stores integers, v1 is f64"),
                Arguments.of("    trapnz v0, user1\n", "condition v0 has type f32, expected an integer"),
                Arguments.of("    v4 = select v2, v0, v1\n", "operand v1 has type f64, expected f32"));
    }

    @ParameterizedTest
    @MethodSource("badFloatCode")
    void badFloatCodeIsFlagged(String body, String expected) throws Exception {
        List<Diagnostic> d = check(body);
        assertTrue(d.stream().anyMatch(x -> x.toString().contains(expected)), () -> "expected '" + expected + "' in " + d);
    }

    @Test
    void brifOnAFloatIsFlagged() throws Exception {
        var d = Verifier.check(Parser.parse("function %f(f32) {\nblock0(v0: f32):\n    brif v0, block1, block1\nblock1:\n    return\n}\n"));
        assertTrue(d.stream().anyMatch(x -> x.toString().contains("brif condition v0 has type f32, expected an integer")), d::toString);
    }
}
