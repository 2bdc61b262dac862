package dev.a64w.backend.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.FunctionCompiler;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("subject")
@Feature("backend.filetests")
class GoldenFileTest {
    private static final String SRC = """
            test compile precise-output
            target aarch64
            ; data: %d align=8 zero=8

            function %a(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                v2 = iadd v0, v1
                return v2
            }
            ; a free comment, not an expected block

            function %b(i64) -> i64 {
                fn0 = colocated %a(i64, i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0, v0)
                return v1
            }
            ; run: %a(1, 2) == 3
            """;

    private static Map<String, List<String>> compiled(String text) throws Exception {
        Module m = Parser.parse(text);
        var out = new java.util.LinkedHashMap<String, List<String>>();
        for (var f : m.functions()) out.put(f.name(), PreciseOutput.lines(FunctionCompiler.compile(m, f)));
        return out;
    }

    @Test
    void blessInsertsBlocksAndKeepsCommentsAndDirectives() throws Exception {
        assertEquals(List.of("test compile precise-output", "target aarch64"), Parser.parse(SRC).header());
        List<String> lines = GoldenFile.lines(SRC);
        Map<String, List<String>> expected = GoldenFile.expected(lines);
        assertNull(expected.get("a"));
        assertNull(expected.get("b"));
        String blessed = GoldenFile.rewrite(lines, compiled(SRC));
        assertTrue(blessed.contains("; a free comment, not an expected block\n"), blessed);
        assertTrue(blessed.contains("; run: %a(1, 2) == 3\n"), blessed);
        assertTrue(blessed.contains("; data: %d align=8 zero=8\n"), blessed);
        Map<String, List<String>> again = GoldenFile.expected(GoldenFile.lines(blessed));
        assertEquals(compiled(SRC), again);
        assertEquals(List.of("; Disassembled:", ";   0x8b010000  add x0, x0, x1", ";   0xd65f03c0  ret"), again.get("a"));
        // Blessing twice changes nothing; the blessed file still parses to the same module.
        assertEquals(blessed, GoldenFile.rewrite(GoldenFile.lines(blessed), compiled(blessed)));
        assertEquals(Parser.parse(SRC).functions(), Parser.parse(blessed).functions());
        assertEquals(runs(SRC), runs(blessed));
    }

    private static List<String> runs(String text) throws Exception {
        return Parser.parse(text).runs().stream().map(r -> r.function() + r.args() + r.expected()).toList();
    }

    @Test
    void annotationsNameRelocationsAndUnwindSteps() throws Exception {
        List<String> b = compiled(SRC).get("b");
        assertTrue(b.stream().anyMatch(l -> l.matches(";   0x94000000  bl a\\s+; CALL26 a")), String.join("\n", b));
        assertTrue(b.stream().anyMatch(l -> l.contains("; .seh_save_fplr_x ")), String.join("\n", b));
        assertTrue(b.contains(";               .seh_endprologue"), String.join("\n", b));
        assertTrue(b.contains(";               .seh_startepilogue"), String.join("\n", b));
        assertTrue(b.contains(";               .seh_endepilogue"), String.join("\n", b));
    }

    @Test
    void mismatchFailsNamingFileAndFunction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.clif");
        String blessed = GoldenFile.rewrite(GoldenFile.lines(SRC), compiled(SRC));
        Files.writeString(file, blessed);
        CompileFiletestsTest.check(file);
        Files.writeString(file, blessed.replace("0x8b010000  add x0, x0, x1", "0x8b010001  add x1, x0, x1"));
        AssertionError e = assertThrows(AssertionError.class, () -> CompileFiletestsTest.check(file));
        assertTrue(e.getMessage().contains("t.clif %a (expected)"), e.getMessage());
        assertTrue(e.getMessage().contains("\n-;   0x8b010001  add x1, x0, x1\n+;   0x8b010000  add x0, x0, x1\n"), e.getMessage());
        Files.writeString(file, blessed.replace(";   0xd65f03c0  ret\n\n; a free", "\n; a free"));
        e = assertThrows(AssertionError.class, () -> CompileFiletestsTest.check(file));
        assertTrue(e.getMessage().contains("+;   0xd65f03c0  ret"), e.getMessage());
        Files.writeString(file, SRC);
        e = assertThrows(AssertionError.class, () -> CompileFiletestsTest.check(file));
        assertTrue(e.getMessage().contains("t.clif %a: no expected block"), e.getMessage());
    }

    @Test
    void unclosedFunctionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GoldenFile.sections(List.of("function %f() {", "block0:", "    return")));
    }

    @Test
    void diffShowsOnlyChangedRegionsWithContext() {
        List<String> a = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> b = List.of("1", "2", "3", "4", "X", "6", "7", "8", "9");
        assertEquals("--- e\n+++ a\n@@\n 3\n 4\n-5\n+X\n 6\n 7\n", LineDiff.unified("e", a, "a", b));
        assertEquals("", LineDiff.unified("e", a, "a", a));
    }

}
