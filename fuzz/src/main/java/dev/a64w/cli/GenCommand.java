package dev.a64w.cli;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.fuzz.Reproducer;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.text.Printer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a64w gen [--seed S] [--case I] [--level L] [-o FILE]}: prints the module that
 * {@code a64w fuzz --seed S --level L} checks as case I, as CLIF with its inputs as {@code ; run:}
 * lines (expected values from the interpreter, as in a finding's reproducer) and the Cranelift
 * variant header of the case, so {@code a64w check FILE} checks it as the campaign did.
 */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Print the module fuzz generates for one case, as CLIF with its run lines.")
final class GenCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "0", description = "campaign seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--case", defaultValue = "0", description = "case index in the campaign, from 0 (default ${DEFAULT-VALUE})")
    long caseIndex;

    @Option(names = "--level", defaultValue = "floats",
            description = "what the generator uses: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}), as for fuzz")
    FuzzCommand.Level level;

    @Option(names = "--fuel", defaultValue = "20000", description = "interpreter steps per run line (default ${DEFAULT-VALUE}), as for fuzz")
    long fuel;

    @Option(names = {"-o", "--output"}, description = "write the module here instead of standard output")
    Path output;

    /** The generator configuration of a {@code --level} (the same as fuzz's). */
    static GeneratorConfig config(FuzzCommand.Level level) {
        return switch (level) {
            case skeleton -> GeneratorConfig.skeleton();
            case integer -> GeneratorConfig.integer();
            case large -> GeneratorConfig.integerLarge();
            case floats -> GeneratorConfig.floats();
        };
    }

    /** The text {@code gen} prints for case {@code index} of {@code seed}. */
    static String text(long seed, long index, FuzzCommand.Level level, long fuel) {
        long caseSeed = CaseSeeds.of(seed, index);
        GeneratedCase gc = new Generator(config(level)).generate(new SeededSource(caseSeed));
        return "; a64w gen --seed " + seed + " --case " + index + " --level " + level + " (case seed " + caseSeed + ")\n"
                + CraneliftVariant.forCase(index).header() + "\n" + Printer.print(Reproducer.withRunLines(gc, fuel));
    }

    @Override
    public Integer call() {
        if (caseIndex < 0) throw new InputException("gen: --case must be at least 0, got " + caseIndex);
        if (fuel < 1) throw new InputException("gen: --fuel must be at least 1, got " + fuel);
        String text = text(seed, caseIndex, level, fuel);
        if (output == null) {
            System.out.print(text);
            return 0;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("gen: cannot write " + output + ": " + e.getMessage());
        }
        return 0;
    }
}
