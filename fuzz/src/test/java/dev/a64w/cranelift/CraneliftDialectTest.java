package dev.a64w.cranelift;

import dev.a64w.diff.Verdict;
import dev.a64w.findings.Signature;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLIF dialect translation keeps meaning; variants round-trip through reproducer headers. */
@Epic("fuzz")
@Feature("cranelift leg")
class CraneliftDialectTest {
    static final String OLD = """
            function %f(i8, i64, i64) -> i64 {
                ss0 = explicit_slot 8
            block0(v0: i8, v1: i64, v2: i64):
                v3 = iadd_imm v1, -1
                v4 = irsub_imm v3, 100
                v5 = ishl_imm v0, 9
                v6 = uextend.i64 v5
                v7 = band_not v4, v2
                v8 = icmp_imm ugt v7, 5
                v9 = uextend.i64 v8
                stack_store v7, ss0
                v10 = stack_load.i64 ss0
                v11 = iadd v10, v9
                v12 = iadd v11, v6
                v13 = iconst.i8 -1
                v14 = uextend.i64 v13
                v15 = iadd v12, v14
                br_table v0, block1, [block1]
            block1:
                return v15
            }
            """;

    @Test
    void droppedOpcodesAreExpandedAndMeanTheSame() throws Exception {
        Module m = Parser.parse(OLD);
        String text = CraneliftDialect.print(m);
        for (String gone : List.of("iadd_imm", "irsub_imm", "ishl_imm", "band_not", "icmp_imm", "stack_store", "stack_load", "br_table.i")) {
            assertFalse(text.contains(gone), gone + " left in:\n" + text);
        }
        assertTrue(text.contains("iconst.i8 255"), text);
        Module back = Parser.parse(text);
        for (List<Long> args : List.of(List.of(3L, 7L, 1L), List.of(-1L, 0L, -1L), List.of(200L, 1L << 40, 12345L))) {
            Outcome a = new Interpreter(m, new StandardHost(), 1000).call("f", args);
            Outcome b = new Interpreter(back, new StandardHost(), 1000).call("f", args);
            assertEquals(a, b, args.toString());
        }
    }

    @Test
    void variantsCycleAndRoundTripThroughTheHeader() {
        assertEquals(CraneliftVariant.DEFAULT, CraneliftVariant.forCase(0));
        assertEquals(4, List.of(0, 1, 2, 3).stream().map(CraneliftVariant::forCase).distinct().count());
        for (CraneliftVariant v : CraneliftVariant.ALL) {
            assertEquals(v, CraneliftVariant.fromHeader("; a64w finding: x\n" + v.header() + "\nfunction %f() {").orElseThrow());
        }
        assertTrue(CraneliftVariant.fromHeader("function %f() {").isEmpty());
    }

    @Test
    void theVariantIsInTheDetailButNotInTheSignature() {
        Verdict a = new Verdict.Mismatch(dev.a64w.diff.Check.RUN_CRANELIFT, "[opt=speed pic=true] f: trap differs");
        Verdict b = new Verdict.Mismatch(dev.a64w.diff.Check.RUN_CRANELIFT, "[opt=none pic=false] f: trap differs");
        assertEquals(Signature.of(a), Signature.of(b));
        assertEquals("mismatch-run-cranelift-trap-differs", Signature.of(a));
    }

    static final String FLOATS = """
            function %g(f32, f64, i64) -> f64, i32 {
                ss0 = explicit_slot 8
            block0(v0: f32, v1: f64, v2: i64):
                v3 = f32const 0x1.8p1
                v4 = f64const +NaN:0x1
                v5 = f64const -sNaN:0x5
                v6 = f32const -0.0
                v7 = f64const -Inf
                v8 = f32const 0x0.000002p-126
                v9 = fadd v0, v3
                v10 = fpromote.f64 v9
                v11 = fmin v10, v1
                v12 = fcmp uno v11, v4
                v13 = select v12, v5, v11
                v14 = fcopysign v13, v7
                stack_store v14, ss0
                v15 = stack_load.f64 ss0
                v16 = fcvt_to_sint_sat.i32 v15
                v17 = fmul v6, v8
                v18 = bitcast.i32 v17
                v19 = iadd v16, v18
                v20 = fcvt_from_sint.f64 v2
                v21 = fma v20, v15, v1
                return v21, v19
            }
            """;

    @Test
    void floatFunctionsPrintInCraneliftsHexFormsAndMeanTheSame() throws Exception {
        Module m = Parser.parse(FLOATS);
        String text = CraneliftDialect.print(m);
        for (String literal : List.of("f32const 0x1.800000p1", "f64const +NaN:0x1", "f64const -sNaN:0x5", "f32const -0.0",
                "f64const -Inf", "f32const 0x0.000002p-126", "bitcast.i32 v17", "fpromote.f64 v9", "fcvt_to_sint_sat.i32 v15",
                "fcmp uno v11, v4", "load.f64")) {
            assertTrue(text.contains(literal), literal + " missing in:\n" + text);
        }
        assertFalse(text.contains("stack_load"), text);
        Module back = Parser.parse(text);
        for (List<Long> args : List.of(List.of(0x3f800000L, Double.doubleToRawLongBits(-2.5), 7L),
                List.of(0x7fa00001L, 0x7ff0000000000001L, -1L), List.of(0x80000000L, 0L, Long.MIN_VALUE))) {
            Outcome a = new Interpreter(m, new StandardHost(), 1000).call("g", args);
            Outcome b = new Interpreter(back, new StandardHost(), 1000).call("g", args);
            assertEquals(a, b, args.toString());
        }
    }
}
