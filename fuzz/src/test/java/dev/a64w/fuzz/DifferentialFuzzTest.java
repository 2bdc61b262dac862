package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.gen.BytesSource;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The differential pipeline as a Jazzer target: fuzzer bytes drive the generator, the module goes
 * through every check. Stored inputs under {@code src/test/resources/dev/a64w/fuzz/DifferentialFuzzTestInputs}
 * replay in every {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn test -pl fuzz -Dtest=DifferentialFuzzTest}
 * fuzzes.
 */
@Epic("fuzz")
@Feature("differential")
class DifferentialFuzzTest {
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = new Harness(HarnessConfig.defaults());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @FuzzTest(maxDuration = "60s")
    void differential(FuzzedDataProvider data) {
        boolean skeleton = data.consumeBoolean();
        Generator gen = new Generator(skeleton ? GeneratorConfig.skeleton() : GeneratorConfig.integer());
        GeneratedCase gc = gen.generate(new BytesSource(data.consumeRemainingAsBytes()));
        List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
        CaseReport report = harness.check("jazzer", gc.module(), invs);
        if (report.verdict().isFinding()) {
            AllureArtifacts.attach(report);
            fail(report.verdict().line() + "\n" + report.artifacts().clif());
        }
    }
}
