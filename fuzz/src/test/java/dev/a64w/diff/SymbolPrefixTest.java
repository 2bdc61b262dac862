package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("batch")
class SymbolPrefixTest {
    static final String IR = """
            ; import: %host_mix from "host.dll"
            ; data: %d0 align=8 addr=%f+0 addr=%d0+8
            function %f(i64) -> i64 {
                fn0 = %g(i64) -> i64
                fn1 = %host_mix(i64, i64) -> i64
                gv0 = symbol %d0+8
            block0(v0: i64):
                v1 = call fn0(v0)
                v2 = call fn1(v1, v0)
                v3 = symbol_value.i64 gv0
                v4 = iadd v2, v3
                return v4
            }
            function %g(i64) -> i64 {
            block0(v0: i64):
                return v0
            }
            ; run: %f(1) == 2
            """;

    @Test
    void prefixesWhatTheModuleDefinesAndKeepsImports() throws Exception {
        Module m = Parser.parse(IR);
        String out = Printer.print(new SymbolPrefix("c7_").apply(m));
        assertTrue(out.contains("function %c7_f(") && out.contains("function %c7_g("), out);
        assertTrue(out.contains("%c7_g(i64)") && out.contains("symbol %c7_d0+8"), out);
        assertTrue(out.contains("addr=%c7_f") && out.contains("addr=%c7_d0+8"), out);
        assertTrue(out.contains("%host_mix(i64, i64)") && !out.contains("c7_host_mix"), out);
        assertTrue(out.contains("run: %c7_f(1)"), out);
        // the renamed module compiles to the same code
        ModuleBuild a = ModuleBuild.of(m);
        ModuleBuild b = ModuleBuild.of(new SymbolPrefix("c7_").apply(m));
        for (int i = 0; i < a.compiled().size(); i++) {
            assertEquals(a.compiled().get(i).code(), b.compiled().get(i).code());
        }
        assertEquals(m, SymbolPrefix.NONE.apply(m));
    }
}
