package dev.a64w.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

/** Functions touching f32/f64 anywhere (parameters, results, values, callee and sig signatures) compile; until issue 11 the backend rejected them. */
@Epic("subject")
@Feature("backend")
class FloatFunctionsCompileTest {
    private static void compiles(String text) throws Exception {
        Module m = Parser.parse(text);
        CompiledFunction f = FunctionCompiler.compile(m, m.functions().getFirst());
        assertFalse(f.insts().isEmpty());
    }

    @Test
    void floatParameterResultValueOrCalleeCompiles() throws Exception {
        compiles("function %f(f32) {\nblock0(v0: f32):\n    return\n}\n");
        compiles("function %f() -> f64 {\nblock0:\n    v0 = f64const 0x1.0\n    return v0\n}\n");
        compiles("function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = bitcast.f32 v0\n    v2 = bitcast.i32 v1\n    return v2\n}\n");
        compiles("function %f(i64) {\n    fn0 = %g(f64)\nblock0(v0: i64):\n    return\n}\n");
        compiles("function %f(i64) {\n    sig0 = () -> f32\nblock0(v0: i64):\n    return\n}\n");
    }

    @Test
    void integerFunctionStillCompiles() throws Exception {
        Module m = Parser.parse("function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = iadd v0, v0\n    return v1\n}\n");
        FunctionCompiler.compile(m, m.functions().getFirst());
    }
}
