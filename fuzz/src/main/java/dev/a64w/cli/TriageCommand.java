package dev.a64w.cli;

import dev.a64w.findings.Triage;
import dev.a64w.findings.TriageException;
import dev.a64w.findings.TriageOptions;
import dev.a64w.findings.TriageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w triage DIR}: for each signature of a findings directory without an issue text yet, reduce
 * its first finding and write the reduced reproducer, the regression and the issue text
 * ({@link Triage}). Exit 0 when it ran (whatever it found), 2 on bad input.
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = "Reduce the first finding of each new signature in a findings directory (a64w fuzz --out DIR) and write "
                + "DIR/<side>/reduced/<sig>.clif, DIR/regressions/<sig>.clif and the issue text DIR/issues/<side>--<sig>.md.")
final class TriageCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the findings directory")
    Path dir;

    @Option(names = "--reduce-time", converter = DurationConverter.class, defaultValue = "60s",
            description = "time budget per signature (default ${DEFAULT-VALUE})")
    Duration reduceTime;

    @Option(names = "--total-time", converter = DurationConverter.class, defaultValue = "10m",
            description = "time budget for all reductions; once spent, the rest get issue texts with unreduced reproducers (default ${DEFAULT-VALUE})")
    Duration totalTime;

    @Option(names = "--regressions", paramLabel = "DIR",
            description = "also write our backend's reproducers there and list them in its known-failures.txt "
                    + "(default: corpus/regressions of the a64w checkout, when it exists)")
    Path regressions;

    @Override
    public Integer call() {
        if (regressions != null && !Files.isDirectory(regressions)) {
            throw new InputException("triage: --regressions: no such directory: " + regressions);
        }
        TriageOptions options = TriageOptions.defaults().withReduceTime(reduceTime).withTotalTime(totalTime)
                .withRegressions(regressions != null ? Optional.of(regressions) : TriageOptions.defaultRegressions());
        TriageSummary summary;
        try {
            summary = Triage.run(dir, options, line -> System.err.println(line));
        } catch (TriageException e) {
            throw new InputException(e.getMessage());
        }
        summary.lines().forEach(System.out::println);
        return 0;
    }
}
