package dev.a64w.ir.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Module;
import dev.a64w.ir.TestFiles;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Cranelift's own run tests as a conformance suite for the interpreter. */
@Epic("subject")
@Feature("ir.interp")
class CraneliftRunTest {
    @Test
    void runLinesOfSupportedFunctionsPass() throws Exception {
        var dir = TestFiles.craneliftRuntests();
        Assumptions.assumeTrue(dir.isPresent(), "shared/peers/cranelift-runtests not present");
        int passed = 0, notRun = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : TestFiles.clifFiles(dir.get())) {
            Module m = Parser.parse(TestFiles.read(f));
            var s = RunLines.summarize(m, new Interpreter(m, new StandardHost(), 10_000_000));
            passed += s.passed();
            notRun += s.notRun();
            for (String fail : s.failures()) failures.add(f.getFileName() + " " + fail);
        }
        System.out.printf("cranelift runtests in the interpreter: %d run lines passed, %d failed, %d skipped (unsupported)%n",
                passed, failures.size(), notRun);
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }
}
