package dev.a64w.cli;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import dev.a64w.findings.FindingStore;
import dev.a64w.findings.Signature;
import dev.a64w.fuzz.FindingReducer;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Printer;
import dev.a64w.reduce.ReduceResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w reduce FILE.clif [-o OUT.clif] [--time D]}: shrinks a module while every check still
 * gives the same finding signature, and writes the result (default {@code FILE.reduced.clif}).
 */
@Command(name = "reduce", mixinStandardHelpOptions = true,
        description = "Shrink a finding while the checks still report the same signature.")
final class ReduceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.clif")
    Path input;

    @Option(names = "-o", paramLabel = "OUT.clif", description = "where to write the reduced module (default FILE.reduced.clif)")
    Path output;

    @Option(names = "--time", converter = DurationConverter.class, defaultValue = "120s",
            description = "time budget (default ${DEFAULT-VALUE})")
    Duration time;

    @Override
    public Integer call() {
        Module module = Sources.load(input);
        Path out = output != null ? output : Path.of(input.toString().replaceFirst("(\\.clif)?$", ".reduced.clif"));
        if (java.nio.file.Files.isDirectory(out)) {
            throw new InputException(out + ": is a directory; -o takes the file to write"); // said before the work, not after
        }
        HarnessConfig config = HarnessConfig.defaults();
        try (Harness harness = new Harness(config)) {
            CaseReport report = harness.check(input.toString(), module, Invocation.ofRunLines(module));
            var found = report.findings();
            if (found.isEmpty()) {
                System.out.println(input + ": " + report.verdict().line() + " (nothing to reduce)");
                return 0;
            }
            Side side = found.keySet().iterator().next(); // the subject's finding first, then LLVM's
            Verdict verdict = found.get(side);
            String signature = Signature.of(verdict);
            System.err.println("reduce: " + input + ": " + verdict.line() + " [signature " + signature + "]");
            ReduceResult r = new FindingReducer(harness, config.fuel())
                    .reduce(module, side, signature, time, line -> System.err.println("reduce: " + line));
            FindingStore.writeAtomically(out, "; a64w finding (reduced): " + verdict.line().replace('\n', ' ') + "\n"
                    + "; signature: " + signature + "\n; origin: a64w reduce " + input + "\n" + Printer.print(r.reduced()));
            System.out.println(input + ": reduced in " + r.predicateCalls() + " checks (" + r.stop() + "), written to " + out);
            return 1;
        }
    }
}
