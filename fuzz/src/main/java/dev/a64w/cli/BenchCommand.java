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

    @Option(names = "--pipeline-cases", defaultValue = "2000",
            description = "cases through the whole pipeline, as a64w fuzz checks them (default ${DEFAULT-VALUE})")
    long pipelineCases;

    @Option(names = "--batch", defaultValue = "32", description = "cases per batch in the pipeline, as fuzz --batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--leg-share", defaultValue = "4",
            description = "the LLVM and Cranelift legs on 1 case in N, as fuzz --leg-share (default ${DEFAULT-VALUE})")
    int legShare;

    @Override
    public Integer call() throws InterruptedException {
        if (cases < 1) throw new InputException("--cases must be at least 1");
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1) throw new InputException("--jobs must be at least 1");
        if (pipelineCases < 1 || batch < 1 || legShare < 1) {
            throw new InputException("--pipeline-cases, --batch and --leg-share must be at least 1");
        }
        BenchReport report = new Bench(cases, pipelineCases, seed, j, batch, legShare, System.err).run();
        report.lines().forEach(System.out::println);
        return 0;
    }
}
