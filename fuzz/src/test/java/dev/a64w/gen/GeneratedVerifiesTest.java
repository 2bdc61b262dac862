package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generator's output is valid IR: for 2,000 seeds per coverage level the verifier finds
 * nothing. A failure names the seed, the first diagnostics and the module text.
 */
@Epic("fuzz")
@Feature("generator")
class GeneratedVerifiesTest {
    private static final int SEEDS = 2000;

    @ParameterizedTest
    @EnumSource(Coverage.class)
    void everyGeneratedModuleVerifies(Coverage coverage) {
        var gen = new Generator(GeneratorTest.config(coverage));
        List<String> failures = new ArrayList<>();
        String firstText = null;
        for (long seed = 0; seed < SEEDS; seed++) {
            Module m = gen.generate(new SeededSource(seed)).module();
            List<Diagnostic> d = Verifier.check(m);
            if (d.isEmpty()) continue;
            failures.add("seed " + seed + ": " + d.size() + " diagnostics, first: " + d.getFirst());
            if (firstText == null) firstText = Printer.print(m);
        }
        String text = firstText;
        assertTrue(failures.isEmpty(), () -> coverage + ": " + failures.size() + " of " + SEEDS + " modules do not verify\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))) + "\nfirst failing module:\n" + text);
    }

    /** Positive control: the same check flags a generated module broken on purpose (entry returns nothing). */
    @ParameterizedTest
    @EnumSource(Coverage.class)
    void aBrokenGeneratedModuleIsFlagged(Coverage coverage) {
        Module m = new Generator(GeneratorTest.config(coverage)).generate(new SeededSource(7)).module();
        Function f = m.functions().getFirst();
        var blocks = new ArrayList<>(f.blocks());
        Block last = blocks.getLast();
        blocks.set(blocks.size() - 1, new Block(last.ref(), last.params(), last.insts(), new Terminator.Return(List.of())));
        var fns = new ArrayList<>(m.functions());
        fns.set(0, new Function(f.name(), f.signature(), f.slots(), f.globals(), f.sigs(), f.funcs(), blocks));
        Module broken = new Module(m.header(), m.imports(), m.data(), fns, m.runs(), m.skipped());
        assertTrue(Verifier.check(m).isEmpty());
        assertFalse(Verifier.check(broken).isEmpty(), "a return without values in a function that returns " + f.signature().returns());
    }
}
