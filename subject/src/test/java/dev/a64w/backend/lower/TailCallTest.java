package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.RelocKind;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.testutil.Structure;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("lowering")
class TailCallTest {
    private static CompiledFunction compile(String src, String name) throws Exception {
        Module m = Parser.parse(src);
        Function f = m.functions().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        CompiledFunction cf = FunctionCompiler.compile(m, f);
        List<String> problems = Structure.problems(cf);
        assertTrue(problems.isEmpty(), problems + "\n" + Structure.dump(cf));
        return cf;
    }

    private static String args(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) sb.append(k == 0 ? "" : ", ").append("i64");
        return sb.toString();
    }

    @Test
    void directTailCallEndsTheEpilogueWithB() throws Exception {
        String src = """
                function %g(i64) -> i64 tail {
                block0(v0: i64):
                    return v0
                }
                function %f(i64) -> i64 tail {
                    fn0 = %g(i64) -> i64 tail
                block0(v0: i64):
                    v1 = iadd_imm v0, 1
                    return_call fn0(v1)
                }
                """;
        CompiledFunction cf = compile(src, "f");
        assertEquals("b g", cf.asm().getLast());
        assertFalse(cf.asm().contains("bl g"));
        assertTrue(cf.asm().stream().noneMatch(l -> l.startsWith("ret")), cf.asm().toString());
        Epilogue e = cf.unwind().orElseThrow().epilogues().getFirst();
        assertEquals(4 * (cf.asm().size() - 1), e.endOffset());
        assertFalse(e.steps().isEmpty());
        assertTrue(cf.relocs().stream().anyMatch(r -> r.kind() == RelocKind.CALL26 && r.symbol().equals("g") && r.offset() == e.endOffset()));
    }

    @Test
    void indirectTailCallBranchesThroughX17() throws Exception {
        String src = """
                function %f(i64, i64) -> i64 {
                    sig0 = (i64) -> i64
                block0(v0: i64, v1: i64):
                    return_call_indirect sig0, v0(v1)
                }
                """;
        CompiledFunction cf = compile(src, "f");
        assertEquals("br x17", cf.asm().getLast());
        assertTrue(cf.asm().contains("mov x17, x0"), cf.asm().toString());
        assertTrue(cf.asm().contains("mov x0, x1"), cf.asm().toString());
    }

    @Test
    void stackArgumentsGoToTheOwnIncomingArea() throws Exception {
        String sig = "(" + args(10) + ") -> i64";
        String src = "function %g" + sig + " {\nblock0(" + params(10) + "):\n    return v9\n}\n"
                + "function %f" + sig + " {\n    fn0 = %g" + sig + "\nblock0(" + params(10) + "):\n"
                + "    return_call fn0(v9, v8, v7, v6, v5, v4, v3, v2, v1, v0)\n}\n";
        CompiledFunction cf = compile(src, "f");
        int total = totalFrame(cf);
        // incoming v8, v9 are loaded from [sp, #total] and [sp, #total+8]; the callee's 9th/10th (v1, v0) are stored there
        assertTrue(cf.asm().stream().anyMatch(l -> l.matches("str x\\d+, \\[sp, #" + total + "]")), Structure.dump(cf));
        assertTrue(cf.asm().stream().anyMatch(l -> l.matches("str x\\d+, \\[sp, #" + (total + 8) + "]")), Structure.dump(cf));
        assertEquals("b g", cf.asm().getLast());
    }

    @Test
    void moreStackArgumentsThanReceivedIsUnsupported() {
        String sig = "(" + args(9) + ") -> i64";
        String src = "function %f() -> i64 {\n    fn0 = %g" + sig + "\nblock0:\n    v0 = iconst.i64 1\n"
                + "    return_call fn0(v0, v0, v0, v0, v0, v0, v0, v0, v0)\n}\n";
        var ex = assertThrows(UnsupportedFeatureException.class, () -> compile(src, "f"));
        assertTrue(ex.getMessage().startsWith("unsupported: tail call with stack arguments"), ex.getMessage());
    }

    private static String params(int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) sb.append(k == 0 ? "" : ", ").append("v").append(k).append(": i64");
        return sb.toString();
    }

    /** Bytes the prologue allocates (from the listing: pre-indexed stores and sub sp). */
    private static int totalFrame(CompiledFunction cf) {
        int total = 0;
        for (String l : cf.asm()) {
            var m = java.util.regex.Pattern.compile("\\[sp, #-(\\d+)]!").matcher(l);
            if (m.find()) total += Integer.parseInt(m.group(1));
            var s = java.util.regex.Pattern.compile("^sub sp, sp, #(\\d+)$").matcher(l);
            if (s.find()) total += Integer.parseInt(s.group(1));
        }
        return total;
    }
}
