package dev.a64w.fuzz.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.Invocation;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.OpFamily;
import dev.a64w.gen.SeededSource;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The first 1,000 cases of a campaign seed at the integer level reach every (opcode, type) pair the
 * backend compiles with every class of operand values that matters for it, as the interpreter runs
 * them (no emulator, so it is quick). Positive controls: without the division family the srem pairs
 * are reported missing, and a tally of a few cases misses classes.
 */
@Epic("fuzz")
@Feature("generator")
class GeneratorCoverageTest {
    static final long FUEL = 20_000;

    static OperandCoverage campaign(GeneratorConfig cfg, long seed, int cases) {
        OperandCoverage cov = new OperandCoverage();
        addCases(cov, cfg, seed, cases);
        return cov;
    }

    static void addCases(OperandCoverage cov, GeneratorConfig cfg, long seed, int cases) {
        Generator gen = new Generator(cfg);
        for (int i = 0; i < cases; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(seed, i)));
            cov.add(gc.module(), gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList(), FUEL);
        }
    }

    @ParameterizedTest
    // seeds 1, 2, 3 were fixed before they were tried (with results folded into a checksum, see
    // dev.a64w.gen.Checksum). NOT "any seed" yet: of seeds 4..8, tried afterwards, 4 misses min on
    // uadd_overflow_cin.i8 and 6 misses a zero operand of popcnt.i32 (32 executions); 5, 7, 8 reach all
    // 291 pairs with every class
    @ValueSource(longs = {1, 2, 3})
    void firstThousandCasesReachEveryPairWithEveryClassThatMatters(long seed) {
        CoverageGoals goals = CoverageGoals.integer();
        OperandCoverage cov = campaign(GeneratorConfig.integer(), seed, 1000);
        Map<String, List<String>> missing = goals.missing(cov);
        List<String> lines = cov.lines(goals);
        System.out.println("seed " + seed + ": " + lines.getLast());
        missing.forEach((p, w) -> System.out.println("  missing " + p + " (" + cov.executed(p) + " executed): " + w));
        assertTrue(missing.isEmpty(), "seed " + seed + ": " + missing.size() + " pairs miss a class: " + missing);
    }

    @Test
    void aMissingClassIsReported() {
        CoverageGoals goals = CoverageGoals.integer();
        var noDivision = EnumSet.allOf(OpFamily.class);
        noDivision.remove(OpFamily.DIVISION);
        Map<String, List<String>> missing = goals.missing(campaign(GeneratorConfig.integer().withFamilies(noDivision), 1, 200));
        assertEquals(List.of("not executed"), missing.get("srem.i16"));
        assertEquals(List.of("not executed"), missing.get("sdiv_imm.i8"));
        // a handful of cases reaches some pairs, but not with every class
        Map<String, List<String>> few = goals.missing(campaign(GeneratorConfig.integer(), 1, 5));
        assertTrue(few.values().stream().anyMatch(w -> !w.equals(List.of("not executed"))), few.toString());
    }
}
