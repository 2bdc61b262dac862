package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.testutil.Structure;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@Epic("subject")
@Feature("lowering")
class CarrySelectTest {
    private static CompiledFunction compile(String src) throws Exception {
        Module m = Parser.parse(src);
        CompiledFunction cf = FunctionCompiler.compile(m, m.functions().getFirst());
        List<String> problems = Structure.problems(cf);
        assertTrue(problems.isEmpty(), problems + "\n" + Structure.dump(cf));
        return cf;
    }

    @ParameterizedTest
    @EnumSource(CarryOp.class)
    void carryOpsUseAdcSbcAtEveryType(CarryOp op) throws Exception {
        for (String t : new String[] {"i8", "i16", "i32", "i64"}) {
            CompiledFunction cf = compile("function %f(" + t + ", " + t + ", i8) -> " + t + ", i8 {\n"
                    + "block0(v0: " + t + ", v1: " + t + ", v2: i8):\n    v3, v4 = " + op.clif + " v0, v1, v2\n    return v3, v4\n}\n");
            boolean wide = t.equals("i32") || t.equals("i64");
            String mnemonic = (op.sub ? "sbc" : "adc") + (wide ? "s " : " ") + (t.equals("i64") ? "x" : "w");
            assertTrue(cf.asm().stream().anyMatch(l -> l.startsWith(mnemonic)), t + " " + cf.asm());
            // the carry is tested as a byte: uxtb first, then C set from it
            assertTrue(cf.asm().stream().anyMatch(l -> l.startsWith("uxtb")), cf.asm().toString());
            assertTrue(cf.asm().stream().anyMatch(l -> l.equals(op.sub ? "cmp wzr, w16" : "cmp w16, #1")
                    || l.matches(op.sub ? "cmp wzr, w\\d+" : "cmp w\\d+, #1")), cf.asm().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"i8", "i16", "i32", "i64"})
    void bitselectIsAndBicOrr(String t) throws Exception {
        CompiledFunction cf = compile("function %f(" + t + ", " + t + ", " + t + ") -> " + t + " {\n"
                + "block0(v0: " + t + ", v1: " + t + ", v2: " + t + "):\n    v3 = bitselect v0, v1, v2\n    return v3\n}\n");
        String r = t.equals("i64") ? "x" : "w";
        assertEquals(3, cf.asm().stream().filter(l -> l.startsWith("and " + r) || l.startsWith("bic " + r) || l.startsWith("orr " + r)).count(),
                cf.asm().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"i8", "i16", "i32", "i64"})
    void spectreGuardIsACselAndBitcastAMove(String t) throws Exception {
        CompiledFunction cf = compile("function %f(i8, " + t + ", " + t + ") -> " + t + " {\n"
                + "block0(v0: i8, v1: " + t + ", v2: " + t + "):\n    v3 = select_spectre_guard v0, v1, v2\n"
                + "    v4 = bitcast." + t + " v3\n    return v4\n}\n");
        assertTrue(cf.asm().stream().anyMatch(l -> l.startsWith("csel")), cf.asm().toString());
        assertTrue(cf.asm().stream().noneMatch(l -> l.startsWith("b.")), "no branch: " + cf.asm());
    }
}
