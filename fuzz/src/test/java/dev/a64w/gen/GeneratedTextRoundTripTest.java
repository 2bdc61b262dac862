package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.a64w.ir.Module;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every generated module prints as CLIF that parses back to the same module, and prints stably. */
@Epic("fuzz")
@Feature("generator")
class GeneratedTextRoundTripTest {
    @ParameterizedTest
    @EnumSource(Coverage.class)
    void printThenParseGivesTheSameModule(Coverage coverage) {
        var gen = new Generator(GeneratorTest.config(coverage));
        for (long seed = 0; seed < 2000; seed++) {
            Module m = gen.generate(new SeededSource(seed)).module();
            String text = Printer.print(m);
            Module again;
            try {
                again = Parser.parse(text);
            } catch (ParseException e) {
                fail(coverage + " seed " + seed + ": printed module does not parse: " + e.getMessage() + "\n" + text);
                return;
            }
            long s = seed;
            assertEquals(m.imports(), again.imports(), () -> coverage + " seed " + s + ": imports");
            assertEquals(m.data(), again.data(), () -> coverage + " seed " + s + ": data\n" + text);
            assertEquals(m.skipped(), again.skipped(), () -> coverage + " seed " + s + ": skipped\n" + text);
            for (int k = 0; k < m.functions().size(); k++) {
                int fk = k;
                assertEquals(m.functions().get(k), again.functions().get(k),
                        () -> coverage + " seed " + s + ": %" + m.functions().get(fk).name() + " differs after print/parse\n" + text);
            }
            assertEquals(m, again, () -> coverage + " seed " + s);
            assertEquals(text, Printer.print(again), () -> coverage + " seed " + s + ": printing is not stable");
        }
    }
}
