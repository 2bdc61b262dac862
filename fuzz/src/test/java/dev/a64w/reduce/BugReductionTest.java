package dev.a64w.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.gen.GeneratorConfig;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * How small modelled backend bugs ({@link BugModels}) reduce, over generated modules of both
 * integer sizes: prints the distribution of reduced sizes (instructions plus terminators) and
 * holds the goal that a typical bug reduces to at most 10 instructions (the median, and at least
 * eight in ten), with every candidate checked as in the other reducer tests. What stays above 10:
 * a signed load from a stack slot keeps every store to that slot (the reducer keeps a slot
 * initialized wherever it may be read; it does not yet narrow that to the bytes the load reads).
 */
@Epic("fuzz")
@Feature("reducer")
class BugReductionTest {
    private static final int PER_CONFIG = 6;

    @Test
    void modelledBackendBugsReduceToAFewInstructions() {
        var sizes = new ArrayList<Integer>();
        var report = new StringBuilder();
        for (BugModels bug : BugModels.values()) {
            Predicate<Module> p = bug.predicate();
            for (GeneratorConfig cfg : List.of(GeneratorConfig.integer(), GeneratorConfig.integerLarge())) {
                int found = 0;
                for (long seed = 0; found < PER_CONFIG && seed < 400; seed++) {
                    Module m = ReduceFixtures.generated(cfg, seed);
                    if (ReduceFixtures.instructions(m) > 20_000 || !p.test(m)) continue;
                    var checked = new CheckedPredicate(m, p);
                    ReduceResult r = Reducer.reduce(m, checked, ReduceOptions.defaults().withMaxPredicateCalls(20_000));
                    long s = seed;
                    assertTrue(checked.violations.isEmpty(), () -> bug + " seed " + s + ": " + checked.violations.getFirst());
                    assertEquals(ReduceResult.Stop.FIXPOINT, r.stop(), bug + " seed " + seed);
                    assertTrue(p.test(r.reduced()), bug + " seed " + seed + ": result no longer interesting");
                    int a = ReduceFixtures.instructions(r.reduced());
                    sizes.add(a);
                    report.append(String.format(Locale.ROOT, "  %-24s %-9s seed %3d: %5d -> %2d instructions, %4d predicate calls%n", bug,
                            cfg.equals(GeneratorConfig.integer()) ? "integer" : "large", seed, ReduceFixtures.instructions(m), a, r.predicateCalls()));
                    if (a > 10) report.append(Printer.print(r.reduced()).indent(6));
                    found++;
                }
                assertTrue(found >= 3, bug + ": generated modules showing it: " + found);
            }
        }
        var histogram = new TreeMap<Integer, Integer>();
        for (int s : sizes) histogram.merge(s, 1, Integer::sum);
        List<Integer> sorted = sizes.stream().sorted().toList();
        int median = sorted.get(sorted.size() / 2);
        long small = sizes.stream().filter(s -> s <= 10).count();
        System.out.printf(Locale.ROOT, "reduced sizes over %d reductions: median %d, max %d, <= 10 in %d; size -> count %s%n%s",
                sizes.size(), median, sorted.getLast(), small, histogram, report);
        assertTrue(median <= 10, "median reduced size " + median);
        assertTrue(small * 10 >= sizes.size() * 8L, small + " of " + sizes.size() + " at most 10 instructions");
    }
}
