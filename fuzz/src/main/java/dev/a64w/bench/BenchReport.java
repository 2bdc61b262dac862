package dev.a64w.bench;

import dev.a64w.fuzz.FuzzSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code a64w bench} prints: the medians per stage and, last, exactly
 * {@code bench: compile speed subject/llvm-O0 R x, pipeline C cases/s, I insts/s}, where R is the
 * median over modules of LLVM O0's compile time over the subject's, C whole cases per second
 * through the pipeline with every check, and I the subject's machine instructions checked per
 * second through the pipeline.
 */
public record BenchReport(Samples samples, FuzzSummary pipeline, int jobs, long seed, int batch) {

    public double casesPerSecond() {
        return pipeline.casesPerSecond();
    }

    public double instructionsPerSecond() {
        return pipeline.instructionsPerSecond();
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        long insts = samples.medianInstructions();
        out.add(String.format(Locale.ROOT, "bench: %d modules of seed %d, median %d machine instructions per module (subject)",
                samples.count("subject"), seed, insts));
        out.add(String.format(Locale.ROOT, "  subject compile    median %s per module, %s per instruction (lower %s, allocate %s, emit %s, object %s)",
                ms("subject"), us(samples.median("subject/inst")), ms("phase lower"), ms("phase allocate"), ms("phase emit"),
                ms("phase object")));
        out.add(String.format(Locale.ROOT, "  llvm O0 compile    median %s per module (%d modules; %d skipped: LLVM IR cannot express them)",
                ms("llvm O0"), samples.count("llvm O0"), samples.llvmSkipped()));
        out.add(String.format(Locale.ROOT, "  llvm O2 compile    median %s per module", ms("llvm O2")));
        out.add(String.format(Locale.ROOT, "  mc assembly        median %s per listing", ms("mc")));
        out.add(String.format(Locale.ROOT, "  link               median %s per case (one lld-link call per batch of %d cases, as the pipeline links)",
                ms("link"), batch));
        out.add(String.format(Locale.ROOT, "  emulation          median %s per case (every run line, on the batch's shared engine, reset per case)",
                ms("emulation")));
        out.add(String.format(Locale.ROOT, "  unwind check       median %s per case (static: every instruction boundary of the case's functions once)",
                ms("unwind")));
        out.add(String.format(Locale.ROOT, "  ratio llvm-O0/subject compile time per module: median %.2f", samples.medianRatio()));
        out.add(String.format(Locale.ROOT, "  pipeline           %d cases in %.1f s with every check, --jobs %d: %.1f cases/s, %.0f insts/s",
                pipeline.cases(), pipeline.seconds(), jobs, casesPerSecond(), instructionsPerSecond()));
        out.add("  pipeline           " + pipeline.legShareLine());
        pipeline.checkLines().forEach(l -> out.add("  pipeline           " + l));
        out.add(String.format(Locale.ROOT, "bench: compile speed subject/llvm-O0 %.1f x, pipeline %.1f cases/s, %.0f insts/s",
                samples.medianRatio(), casesPerSecond(), instructionsPerSecond()));
        return out;
    }

    private String ms(String name) {
        long n = samples.median(name);
        return n < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", n / 1e6);
    }

    private static String us(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
}
