package dev.a64w.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.gen.GeneratorConfig;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The reducer knows floats: every candidate it asks about verifies (no iconst of a float type, no
 * f64 narrowed, no int-float bitcast whose integer side narrowed), float values become f32const /
 * f64const 0 or 1, and float operations on constants fold with the interpreter's FloatOps.
 */
@Epic("fuzz")
@Feature("reducer")
class FloatReductionTest {
    private static final ReduceOptions OPTIONS = ReduceOptions.defaults().withMaxPredicateCalls(20_000);

    private static ReduceResult reduceChecked(Module m, Predicate<Module> p) {
        var checked = new CheckedPredicate(m, p);
        ReduceResult r = Reducer.reduce(m, checked, OPTIONS);
        assertTrue(checked.violations.isEmpty(), () -> String.join("\n", checked.violations.subList(0, Math.min(3, checked.violations.size()))));
        assertTrue(Verifier.check(r.reduced()).isEmpty(), "the result verifies");
        assertTrue(p.test(r.reduced()), "the result is still interesting");
        return r;
    }

    private static boolean hasFdivF64(Module m) {
        return Verifier.check(m).isEmpty() && m.functions().stream().flatMap(f -> f.blocks().stream()).flatMap(b -> b.insts().stream())
                .anyMatch(i -> i instanceof Inst.FBinary x && x.op() == FBinaryOp.FDIV && x.type() == Type.F64);
    }

    @Test
    void generatedFloatModulesShrinkToTheFloatInstructionTheyKeep() {
        int reduced = 0;
        for (long seed = 0; seed < 400 && reduced < 3; seed++) {
            Module m = ReduceFixtures.generated(GeneratorConfig.floats(), seed);
            if (!hasFdivF64(m)) continue;
            ReduceResult r = reduceChecked(m, FloatReductionTest::hasFdivF64);
            assertEquals(ReduceResult.Stop.FIXPOINT, r.stop());
            // f64const, f64const (or a parameter), fdiv, return: its operands became float constants 0 or 1
            assertTrue(ReduceFixtures.instructions(r.reduced()) <= 4, () -> Printer.print(r.reduced()));
            String text = Printer.print(r.reduced());
            assertTrue(!text.contains("iconst.f"), text);
            reduced++;
        }
        assertEquals(3, reduced, "generated float modules with an fdiv.f64");
    }

    static final String FOLDABLE = """
            function %f(i64) -> f64, i32 {
            block0(v0: i64):
                v1 = f64const 0x1.8p0
                v2 = f64const 0x1.0p1
                v3 = fmul v1, v2
                v4 = sqrt v3
                v5 = f32const -0x1.0p0
                v6 = fcvt_to_sint_sat.i32 v5
                v7 = fcmp uno v4, v4
                v8 = uextend.i32 v7
                v9 = iadd v6, v8
                return v4, v9
            }
            """;

    @Test
    void floatOperationsOnConstantsFoldToTheirExactBits() throws Exception {
        Module m = Parser.parse(FOLDABLE);
        Outcome want = new Interpreter(m, new StandardHost(), 1000).call("f", List.of(0L));
        Predicate<Module> same = c -> Verifier.check(c).isEmpty()
                && want.equals(new Interpreter(c, new StandardHost(), 1000).call("f", List.of(0L)));
        ReduceResult r = reduceChecked(m, same);
        // sqrt(3.0) and -1 + 0 are constants now: f64const, iconst, return
        String text = Printer.print(r.reduced());
        assertTrue(!text.contains("sqrt") && !text.contains("fmul") && !text.contains("fcvt"), text);
        assertTrue(text.contains("f64const 0x1.bb67ae8584caap0"), text);
        assertTrue(ReduceFixtures.instructions(r.reduced()) <= 3, text);
    }

    @Test
    void bitcastsBetweenIntsAndFloatsKeepTheirWidth() throws Exception {
        // the i64 web feeding the bitcast (no parameter pins it) may not narrow: i32 -> f64 would not verify
        Module m = Parser.parse("""
                function %g(i64) -> f64 {
                block0(v0: i64):
                    v1 = iconst.i64 0x4000
                    v2 = iadd_imm v1, 3
                    v3 = bitcast.f64 v2
                    v4 = fadd v3, v3
                    return v4
                }
                """);
        // the reducer drops invalid candidates itself, so ask the pass directly: no site, or only valid results
        var narrow = TypePass.narrow();
        for (var site : narrow.sites().apply(m)) {
            Module c = narrow.apply().apply(m, List.of(site));
            assertTrue(c == null || Verifier.check(c).isEmpty(), () -> "narrow-types made an invalid candidate:\n" + Printer.print(c));
        }
        Predicate<Module> keepsBitcast = c -> Verifier.check(c).isEmpty() && Printer.print(c).contains("bitcast.f64");
        ReduceResult r = reduceChecked(m, keepsBitcast);
        assertTrue(Printer.print(r.reduced()).contains("i64"), Printer.print(r.reduced()));
    }
}
