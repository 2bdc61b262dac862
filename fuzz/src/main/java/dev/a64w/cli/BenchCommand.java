package dev.a64w.cli;

import dev.a64w.bench.Bench;
import dev.a64w.bench.BenchReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code a64w bench [--cases N] [--seed S] [--jobs N]}: measures every stage on the same generated
 * modules, then the whole pipeline; progress on stderr, the medians on stdout, and as the last line
 * exactly {@code bench: compile speed subject/llvm-O0 R x, pipeline C cases/s, I insts/s}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure compile speed (subject vs LLVM O0/O2), MC, link, emulation, unwind and pipeline throughput.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cases", defaultValue = "200", description = "generated modules to measure (default ${DEFAULT-VALUE})")
    int cases;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--jobs", description = "parallel jobs for the pipeline run (default: the number of cores)")
    Integer jobs;

    @Override
    public Integer call() throws InterruptedException {
        if (cases < 1) throw new InputException("--cases must be at least 1");
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1) throw new InputException("--jobs must be at least 1");
        BenchReport report = new Bench(cases, seed, j, System.err).run();
        report.lines().forEach(System.out::println);
        return 0;
    }
}
