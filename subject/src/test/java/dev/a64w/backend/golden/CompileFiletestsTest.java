package dev.a64w.backend.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.testutil.Structure;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.TestFiles;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files under {@code corpus/filetests/compile} with a {@code test compile precise-output}
 * header: every function compiles with {@link FunctionCompiler} to exactly the listing in the
 * comment block after it (format: {@link PreciseOutput}; block rules: {@link GoldenFile}), and
 * passes the structural checker. {@code -Dbless=true} rewrites the blocks in place.
 */
@Epic("subject")
@Feature("backend.filetests")
class CompileFiletestsTest {

    @TestFactory
    Stream<DynamicTest> compile() {
        return TestFiles.goldenTests("compile", CompileFiletestsTest::check);
    }

    static void check(Path file) throws Exception {
        String text = TestFiles.read(file);
        Module m = Parser.parse(text);
        assertTrue(m.header().stream().anyMatch(h -> h.strip().equals("test compile precise-output")),
                file + ": missing 'test compile precise-output' header");
        assertEquals(List.of(), m.skipped(), file + ": golden compile files use only supported features");
        assertEquals(List.of(), Verifier.check(m), file + ": does not verify");
        assertTrue(!m.functions().isEmpty(), file + ": no functions");

        Map<String, List<String>> actual = new LinkedHashMap<>();
        List<String> structural = new ArrayList<>();
        for (Function f : m.functions()) {
            CompiledFunction cf = FunctionCompiler.compile(m, f);
            actual.put(f.name(), PreciseOutput.lines(cf));
            for (String p : Structure.problems(cf)) structural.add("%" + f.name() + ": " + p);
        }
        List<String> lines = GoldenFile.lines(text);
        if (TestFiles.bless()) {
            String blessed = GoldenFile.rewrite(lines, actual);
            if (!blessed.equals(text)) Files.writeString(file, blessed);
        } else {
            Map<String, List<String>> expected = GoldenFile.expected(lines);
            StringBuilder diffs = new StringBuilder();
            for (Function f : m.functions()) {
                List<String> want = expected.get(f.name());
                List<String> got = actual.get(f.name());
                String where = file.getFileName() + " %" + f.name();
                if (want == null) {
                    diffs.append(where).append(": no expected block ('").append(PreciseOutput.HEADER)
                            .append("' after the closing brace)\n");
                    continue;
                }
                String d = LineDiff.unified(where + " (expected)", want, where + " (actual)", got);
                if (!d.isEmpty()) {
                    diffs.append(d);
                    Allure.addAttachment("%" + f.name() + " IR", "text/plain", Printer.print(Module.of(List.of(f))));
                    Allure.addAttachment("%" + f.name() + " actual", "text/plain", String.join("\n", got));
                    Allure.addAttachment("%" + f.name() + " diff", "text/plain", d);
                }
            }
            if (!diffs.isEmpty()) {
                throw new AssertionError(file + ": compiled output differs from the golden file "
                        + "(review, then run with -Dbless=true to accept)\n" + diffs);
            }
        }
        assertTrue(structural.isEmpty(), () -> file + ": structural problems\n" + String.join("\n", structural));
    }
}
