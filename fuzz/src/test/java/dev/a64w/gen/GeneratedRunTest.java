package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated cases run in the reference interpreter without its errors, within a modest fuel, and
 * only a small share of runs trap (guarded division, rare trap sites), as in Cranelift's fuzzgen.
 */
@Epic("fuzz")
@Feature("generator")
class GeneratedRunTest {
    private static final long FUEL = 20_000;

    @ParameterizedTest
    @EnumSource(Coverage.class)
    void casesRunAndRarelyTrap(Coverage coverage) {
        var gen = new Generator(GeneratorTest.config(coverage));
        var outcomes = new TreeMap<String, Integer>();
        int runs = 0, traps = 0;
        for (long seed = 0; seed < 1000; seed++) {
            var c = gen.generate(new SeededSource(seed));
            for (var in : c.inputs()) {
                Outcome o;
                try {
                    o = new Interpreter(c.module(), new StandardHost(), FUEL).call(c.entry(), in);
                } catch (RuntimeException e) {
                    fail(coverage + " seed " + seed + " input " + in + ": interpreter error", e);
                    return;
                }
                String key = switch (o) {
                    case Outcome.Returned r -> "returned";
                    case Outcome.Trapped t -> "trap:" + t.code().name();
                    case Outcome.OutOfFuel f -> "out-of-fuel";
                };
                if (o instanceof Outcome.OutOfFuel) fail(coverage + " seed " + seed + " input " + in + ": out of fuel (" + FUEL + ")");
                if (o instanceof Outcome.Trapped t && !t.code().name().matches("int_divz|int_ovf|user[123]")) {
                    fail(coverage + " seed " + seed + " input " + in + ": unexpected trap " + t.code());
                }
                outcomes.merge(key, 1, Integer::sum);
                runs++;
                if (o instanceof Outcome.Trapped) traps++;
            }
        }
        System.out.println(coverage + " outcomes over " + runs + " runs: " + outcomes);
        if (coverage == Coverage.SKELETON) assertTrue(traps == 0, "skeleton cases cannot trap, got " + traps);
        else assertTrue(traps * 100 < runs * 6, "too many trapping runs: " + traps + " of " + runs);
    }
}
