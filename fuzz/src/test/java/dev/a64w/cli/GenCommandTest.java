package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.RunLines;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a64w gen} prints the module the campaign checks for a case, with run lines that pass. */
@Epic("fuzz")
@Feature("cli")
class GenCommandTest {
    @TempDir
    Path dir;

    /** What the campaign generates for case {@code i} of {@code seed} (as FuzzCampaign does). */
    private static GeneratedCase campaignCase(GeneratorConfig cfg, long seed, long i) {
        return new Generator(cfg).generate(new SeededSource(CaseSeeds.of(seed, i)));
    }

    private static Module withoutRuns(Module m) {
        return new Module(m.header(), m.imports(), m.data(), m.functions(), List.of(), m.skipped());
    }

    @Test
    void genPrintsTheCampaignsModuleWithPassingRunLines() throws Exception {
        for (long[] sc : new long[][] {{7, 0}, {7, 13}, {123456789, 999}}) {
            CliRun r = CliTest.cli("gen", "--seed", "" + sc[0], "--case", "" + sc[1]);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("; a64w gen --seed " + sc[0] + " --case " + sc[1] + " --level floats"), r.out());
            Module parsed = Parser.parse(r.out());
            Verifier.verify(parsed); // throws when it does not verify
            GeneratedCase gc = campaignCase(GeneratorConfig.floats(), sc[0], sc[1]);
            assertEquals(Printer.print(gc.module()), Printer.print(withoutRuns(parsed)), "the campaign's module");
            Interpreter in = new Interpreter(gc.module(), new StandardHost(), 20_000);
            long returning = gc.inputs().stream().filter(a -> in.call(gc.entry(), a) instanceof Outcome.Returned).count();
            assertEquals(returning, parsed.runs().size(), "one run line per input that returns");
            var s = RunLines.summarize(parsed, new Interpreter(parsed, new StandardHost(), 20_000));
            assertTrue(s.failures().isEmpty(), s.failures().toString());
        }
    }

    @Test
    void levelsAndOutputFile() throws Exception {
        Path out = dir.resolve("case.clif");
        CliRun r = CliTest.cli("gen", "--seed", "5", "--case", "3", "--level", "skeleton", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        Module parsed = Parser.parse(Files.readString(out));
        assertEquals(Printer.print(campaignCase(GeneratorConfig.skeleton(), 5, 3).module()), Printer.print(withoutRuns(parsed)));
        CliRun large = CliTest.cli("gen", "--seed", "5", "--case", "3", "--level", "large");
        assertEquals(Printer.print(campaignCase(GeneratorConfig.integerLarge(), 5, 3).module()),
                Printer.print(withoutRuns(Parser.parse(large.out()))));
    }

    @Test
    void badInputIsOneLineAndExit2() {
        CliRun neg = CliTest.cli("gen", "--case", "-1");
        assertEquals(2, neg.code());
        assertEquals(List.of("gen: --case must be at least 0, got -1"), neg.err().lines().toList());
        CliRun dirMissing = CliTest.cli("gen", "-o", dir.resolve("no/such/dir/x.clif").toString());
        assertEquals(2, dirMissing.code());
        assertEquals(1, dirMissing.err().lines().count(), dirMissing.err());
        assertTrue(dirMissing.err().startsWith("gen: cannot write "), dirMissing.err());
        assertEquals(2, CliTest.cli("gen", "--level", "huge").code());
        assertEquals(2, CliTest.cli("gen", "--seed", "x").code());
    }
}
