package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.RuntestResult;
import dev.a64w.diff.RuntestRunner;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden run files (corpus/filetests/run) on the emulated CPU: their run lines, whose expected
 * values were computed independently of this project, must pass as the subject's machine code, and
 * every module must pass all checks (or be only partly unsupported, with the rest passing).
 */
@Epic("fuzz")
@Feature("golden run")
class GoldenRunOnCpuTest {
    static Path dir() {
        return Path.of(System.getProperty("a64w.root", "..")).resolve("corpus/filetests/run");
    }

    @TestFactory
    Stream<DynamicTest> goldenRunFiles() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no golden run files in " + dir());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Module m = Parser.parse(Files.readString(f));
            RuntestResult r = new RuntestRunner().run(f.toString(), m);
            assertEquals(0, r.failed(), String.join("\n", r.messages()));
            assertTrue(r.passed() > 0, r.counts());
            try (Harness h = new Harness(HarnessConfig.defaults())) {
                List<Invocation> invs = m.runs().stream().map(x -> new Invocation(x.function(), x.args())).toList();
                CaseReport report = h.check(f.toString(), m, invs);
                if (report.verdict().isFinding()) AllureArtifacts.attach(report);
                assertFalse(report.verdict().isFinding(), report.verdict().line());
            }
        }));
    }
}
