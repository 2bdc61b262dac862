package dev.a64w.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

/** The backend does not compile floats yet: any function touching f32/f64 is rejected at its entry point. */
@Epic("subject")
@Feature("backend")
class FloatRejectionTest {
    private static void rejected(String text) throws Exception {
        Module m = Parser.parse(text);
        var e = assertThrows(UnsupportedFeatureException.class, () -> FunctionCompiler.compile(m, m.functions().getFirst()));
        assertEquals(FunctionCompiler.FLOAT_TYPES, e.feature());
        assertEquals("unsupported: float types (f32/f64) are not compiled yet (function %f)", e.getMessage());
    }

    @Test
    void floatParameterResultValueOrCalleeIsRejected() throws Exception {
        rejected("function %f(f32) {\nblock0(v0: f32):\n    return\n}\n");
        rejected("function %f() -> f64 {\nblock0:\n    v0 = f64const 0x1.0\n    return v0\n}\n");
        rejected("function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = bitcast.f32 v0\n    v2 = bitcast.i32 v1\n    return v2\n}\n");
        rejected("function %f(i64) {\n    fn0 = %g(f64)\nblock0(v0: i64):\n    return\n}\n");
        rejected("function %f(i64) {\n    sig0 = () -> f32\nblock0(v0: i64):\n    return\n}\n");
    }

    @Test
    void integerFunctionStillCompiles() throws Exception {
        Module m = Parser.parse("function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = iadd v0, v0\n    return v1\n}\n");
        FunctionCompiler.compile(m, m.functions().getFirst());
    }
}
