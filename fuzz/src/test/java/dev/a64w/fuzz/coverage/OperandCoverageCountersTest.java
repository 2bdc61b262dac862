package dev.a64w.fuzz.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.gen.GeneratorConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A worker sends its coverage tally as counters ({@link OperandCoverage#counters}); the campaign adds
 * them up ({@link OperandCoverage#addCounters}) and prints the same lines the tally would.
 */
@Epic("fuzz")
@Feature("generator")
class OperandCoverageCountersTest {
    @Test
    void countersAddUpToTheSameTally() {
        OperandCoverage a = GeneratorCoverageTest.campaign(GeneratorConfig.integer(), 7, 20);
        OperandCoverage b = GeneratorCoverageTest.campaign(GeneratorConfig.integer(), 8, 20);
        OperandCoverage both = new OperandCoverage();
        both.addCounters(a.counters());
        both.addCounters(b.counters());
        // the sum of the two tallies, counted in one tally
        OperandCoverage sum = new OperandCoverage();
        GeneratorCoverageTest.addCases(sum, GeneratorConfig.integer(), 7, 20);
        GeneratorCoverageTest.addCases(sum, GeneratorConfig.integer(), 8, 20);
        assertEquals(sum.lines(CoverageGoals.integer()), both.lines(CoverageGoals.integer()));
        OperandCoverage once = new OperandCoverage();
        once.addCounters(a.counters());
        assertEquals(a.lines(CoverageGoals.integer()), once.lines(CoverageGoals.integer()));
        assertEquals(a.counters(), once.counters());
        assertTrue(both.executed("iadd.i32") == a.executed("iadd.i32") + b.executed("iadd.i32"));
        // positive control: a counter dropped on the way shows in the lines
        Map<String, Long> lossy = new TreeMap<>(a.counters());
        String key = lossy.keySet().stream().filter(k -> k.endsWith(" executed")).findFirst().orElseThrow();
        lossy.put(key, lossy.get(key) + 1);
        OperandCoverage off = new OperandCoverage();
        off.addCounters(lossy);
        assertNotEquals(a.lines(CoverageGoals.integer()), off.lines(CoverageGoals.integer()));
    }
}
