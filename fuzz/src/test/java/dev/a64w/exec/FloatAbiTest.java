package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executor's typed calls follow the Windows ARM64 convention for floats: integer arguments in
 * x0-x7 and float arguments in v0-v7, counted separately, the rest on the stack in argument order;
 * {@link ExecResult.Returned#v0to7()} gives v0-v7 at the return.
 */
@Epic("fuzz")
@Feature("exec-run")
class FloatAbiTest {
    static final List<String> FUNCTIONS = List.of("faddd", "fadds", "mixed", "swap", "spilled");
    static final String LISTING = "\t.text\n"
            + Asm.func("faddd") + "\tfadd d0, d0, d1\n\tret\n"
            + Asm.func("fadds") + "\tfadd s0, s0, s1\n\tret\n"
            // (i64 a, f64 b, i64 c, f64 d) -> (i64 a + 2c, f64 b - d)
            + Asm.func("mixed") + "\tadd x0, x0, x1, lsl #1\n\tfsub d0, d0, d1\n\tret\n"
            + Asm.func("swap") + "\tfmov d2, d0\n\tfmov d0, d1\n\tfmov d1, d2\n\tret\n"
            // 9 integers and 9 floats: the 9th of each class goes on the stack, in argument order
            + Asm.func("spilled") + "\tldr x0, [sp]\n\tldr d0, [sp, #8]\n\tadd x0, x0, x7\n\tfadd d0, d0, d7\n\tret\n";

    static PeImage image;
    static UnicornExecutor ex;

    @BeforeAll
    static void build() {
        try (LlvmMc mc = new LlvmMc()) {
            LinkResult r = new Linker().link(List.of(Asm.assemble(mc, LISTING)), Imports.of("host.dll", List.of()),
                    FUNCTIONS, List.of());
            assertTrue(r.clean(), r.errors() + " " + r.warnings());
            image = PeImage.parse(r.dll());
        }
        ex = new UnicornExecutor(image, (dll, name, x, mem) -> 0L);
    }

    @AfterAll
    static void unload() {
        ex.close();
    }

    static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    static ExecResult.Returned returned(ExecResult r) {
        return assertInstanceOf(ExecResult.Returned.class, r, r.toString());
    }

    @Test
    void floatArgumentsGoToV0AndV1AndTheResultComesFromV0() {
        ExecResult.Returned r = returned(ex.callTyped("faddd", List.of(new Arg.Fp(d(1.5)), new Arg.Fp(d(2.25))), 100));
        assertEquals(d(3.75), r.v0to7().get(0));
        long s = returned(ex.callTyped("fadds", List.of(new Arg.Fp(Float.floatToRawIntBits(1.5f)),
                new Arg.Fp(Float.floatToRawIntBits(-4f))), 100)).v0to7().get(0);
        assertEquals(Float.floatToRawIntBits(-2.5f) & 0xffff_ffffL, s, "an f32 result: low 32 bits, the rest zero");
    }

    @Test
    void integerAndFloatRegistersAreCountedSeparately() {
        ExecResult.Returned r = returned(ex.callTyped("mixed",
                List.of(new Arg.Int(100), new Arg.Fp(d(10.0)), new Arg.Int(7), new Arg.Fp(d(0.5))), 100));
        assertEquals(114L, r.x0(), "a in x0, c in x1 (not x2: b took v0)");
        assertEquals(d(9.5), r.v0to7().get(0), "b in v0, d in v1 (not v3)");
    }

    @Test
    void allOfV0ToV7AreReturned() {
        ExecResult.Returned r = returned(ex.callTyped("swap", List.of(new Arg.Fp(d(1)), new Arg.Fp(d(2))), 100));
        assertEquals(List.of(d(2), d(1), d(1)), r.v0to7().subList(0, 3));
    }

    @Test
    void argumentsPastTheirClassRegistersGoOnTheStackInOrder() {
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            args.add(new Arg.Int(1000 + i));
            args.add(new Arg.Fp(d(i + 0.25)));
        }
        ExecResult.Returned r = returned(ex.callTyped("spilled", args, 100));
        assertEquals(1008L + 1007L, r.x0(), "9th integer at [sp], 8th in x7");
        assertEquals(d(8.25 + 7.25), r.v0to7().get(0), "9th float at [sp+8], 8th in v7");
    }

    @Test
    void untypedCallsAreIntegerCalls() {
        ExecResult.Returned r = returned(ex.call("mixed", List.of(100L, 7L), 100));
        assertEquals(114L, r.x0());
    }
}
