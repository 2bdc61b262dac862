package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded sweeps of the generator through every check: a short one in every build, a long one in
 * the conformance profile. A finding fails the test with its verdict, seed and IR attached.
 */
@Epic("fuzz")
@Feature("differential")
class SeededSweepTest {
    static final long SEED = 0xA64;

    @Test
    void skeletonSweep() {
        sweep(GeneratorConfig.skeleton(), 0, 40);
    }

    @Test
    void integerSweep() {
        sweep(GeneratorConfig.integer(), 1000, 60);
    }

    @Test
    @Tag("conformance")
    void longIntegerSweep() {
        sweep(GeneratorConfig.integer(), 100_000, 1500);
    }

    private static void sweep(GeneratorConfig config, long first, int count) {
        Generator gen = new Generator(config);
        List<String> findings = new ArrayList<>();
        int unsupported = 0;
        try (Harness harness = new Harness(HarnessConfig.defaults())) {
            for (long i = first; i < first + count; i++) {
                GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(SEED, i)));
                List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
                CaseReport r = harness.check("case-" + i, gc.module(), invs);
                if (r.verdict().isFinding()) {
                    if (findings.isEmpty()) AllureArtifacts.attach(r);
                    findings.add("case " + i + " (seed " + CaseSeeds.of(SEED, i) + "): " + r.verdict().line());
                } else if (!r.verdict().isPass()) {
                    unsupported++;
                }
            }
        }
        System.out.printf("sweep %s: %d cases, %d findings, %d unsupported%n", config.coverage(), count, findings.size(), unsupported);
        assertTrue(findings.isEmpty(), findings.size() + " findings:\n" + String.join("\n", findings));
    }
}
