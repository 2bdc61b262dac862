package dev.a64w.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.gen.GeneratorConfig;
import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Value;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("reducer")
class RenumberTest {
    @Test
    void denseNumberingKeepsMeaning() throws Exception {
        for (GeneratorConfig cfg : new GeneratorConfig[] {GeneratorConfig.skeleton(), GeneratorConfig.integer()}) {
            for (long seed = 0; seed < 200; seed++) {
                Module m = ReduceFixtures.generated(cfg, seed);
                Module d = Renumber.dense(m);
                long s = seed;
                assertTrue(Verifier.check(d).isEmpty(), () -> "seed " + s + ": " + Verifier.check(d));
                assertEquals(Printer.print(d), Printer.print(Parser.parse(Printer.print(d))), "prints and parses back");
                assertTrue(d.equals(Renumber.dense(d)), "idempotent");
                var a = new Interpreter(m, new StandardHost(), ReduceFixtures.FUEL);
                var b = new Interpreter(d, new StandardHost(), ReduceFixtures.FUEL);
                for (RunLine r : m.runs()) assertEquals(a.call(r.function(), r.args()), b.call(r.function(), r.args()));
                for (Function f : d.functions()) {
                    var defined = new ArrayList<Integer>();
                    for (Block blk : f.blocks()) {
                        for (Param p : blk.params()) defined.add(p.value().id());
                        for (Inst i : blk.insts()) for (Value v : i.results()) defined.add(v.id());
                    }
                    for (int k = 0; k < defined.size(); k++) assertEquals(k, defined.get(k), "values numbered in definition order");
                    for (int k = 0; k < f.blocks().size(); k++) assertEquals(k, f.blocks().get(k).ref().id(), "blocks in layout order");
                }
            }
        }
    }

    @Test
    void sparseTextBecomesDense() throws Exception {
        Module m = Parser.parse("""
                function %f(i32) -> i32 {
                    ss3 = explicit_slot 8
                block7(v10: i32):
                    stack_store v10, ss3
                    v12 = stack_load.i32 ss3
                    jump block2(v12)

                block2(v20: i32):
                    v21 = iadd_imm v20, 1
                    return v21
                }
                """);
        String text = Printer.print(Renumber.dense(m));
        assertNotEquals(Printer.print(m), text);
        assertTrue(text.contains("block0(v0: i32)") && text.contains("block1(v2: i32)") && text.contains("ss0")
                && text.contains("v3 = iadd_imm v2, 1"), text);
    }
}
