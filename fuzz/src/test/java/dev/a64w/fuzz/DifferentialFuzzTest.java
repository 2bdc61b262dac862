package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseInput;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.SymbolPrefix;
import dev.a64w.gen.BytesSource;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The differential pipeline as a Jazzer target: fuzzer bytes drive the generator, the module goes
 * through the checks, and a finding on our backend's side fails it (the other compilers' findings are
 * {@code a64w fuzz}'s to file). Stored inputs under {@code src/test/resources/dev/a64w/fuzz/DifferentialFuzzTestInputs}
 * replay in every {@code mvn verify}; {@code JAZZER_FUZZ=1 mvn test -pl fuzz -Dtest=DifferentialFuzzTest}
 * fuzzes.
 *
 * <p>Coverage guidance needs hundreds of executions per second, and a link (an lld-link process)
 * costs more than everything else on an input, so the checks come in tiers chosen from a hash of the
 * input (so an input always gets the same checks, and a crash reproduces):
 * <ul>
 *   <li>every input: Valid, the subject's compile, Object, MC and Align in the object;</li>
 *   <li>one input in {@value #LINK_EVERY}: also Link, Align in the image, Run and Unwind;</li>
 *   <li>one input in {@value #LEGS_EVERY}: also the LLVM leg (O0, O2, Policy) and the Cranelift leg.</li>
 * </ul>
 */
@Epic("fuzz")
@Feature("differential")
class DifferentialFuzzTest {
    static final int LINK_EVERY = 32;
    static final int LEGS_EVERY = 256;

    private static Harness front;
    private static Harness linked;

    @BeforeAll
    static void start() {
        HarnessConfig all = HarnessConfig.defaults();
        front = new Harness(new HarnessConfig(all.fuel(), true, false, false, 0, true, false, false));
        linked = new Harness(all);
    }

    @AfterAll
    static void stop() {
        front.close();
        linked.close();
    }

    @FuzzTest(maxDuration = "60s")
    void differential(FuzzedDataProvider data) {
        boolean skeleton = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Generator gen = new Generator(skeleton ? GeneratorConfig.skeleton() : GeneratorConfig.integer());
        GeneratedCase gc = gen.generate(new BytesSource(bytes));
        List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
        int tier = Math.floorMod(Arrays.hashCode(bytes) * 0x9E3779B1, LEGS_EVERY);
        Harness harness = tier % LINK_EVERY == 0 ? linked : front;
        CaseReport report = harness.checkAll(List.of(new CaseInput("jazzer", gc.module(), invs, CraneliftVariant.DEFAULT,
                tier == 0, SymbolPrefix.NONE))).getFirst();
        if (report.verdict().isFinding()) {
            AllureArtifacts.attach(report);
            fail(report.verdict().line() + "\n" + report.artifacts().clif());
        }
    }
}
