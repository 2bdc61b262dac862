package dev.a64w.cli;

import dev.a64w.cranelift.DriverBinary;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Side;
import dev.a64w.findings.Triage;
import dev.a64w.findings.TriageOptions;
import dev.a64w.fuzz.CampaignState;
import dev.a64w.fuzz.FuzzCampaign;
import dev.a64w.fuzz.FuzzException;
import dev.a64w.fuzz.FuzzOptions;
import dev.a64w.fuzz.FuzzSummary;
import dev.a64w.fuzz.Workers;
import dev.a64w.gen.GeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code a64w fuzz [--time D] [--seed N] [--out DIR] [--jobs N] [--case-timeout D]}, or
 * {@code a64w fuzz --resume DIR [--time D] [--jobs N]}: generate and check until the time is up, on
 * {@code --jobs} worker processes ({@link FuzzCampaign}). Progress lines go to stderr; one
 * {@code check NAME: N pass, N mismatch, N error, N skipped} line per check, then the summary as the last
 * line on stdout: {@code fuzz: N cases, N findings, X cases/s, seed S}. Reduction runs after the campaign
 * ({@link #postCampaign}).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Generate random modules and check each one until the time is up.")
final class FuzzCommand implements Callable<Integer> {
    enum Level { skeleton, integer, large, floats }

    @Option(names = "--time", converter = DurationConverter.class, defaultValue = "60s",
            description = "how long to run (e.g. 90s, 5m, 2h; default ${DEFAULT-VALUE})")
    Duration time;

    @Option(names = "--seed", description = "campaign seed (default: from the clock, printed in the summary)")
    Long seed;

    @Option(names = "--out", defaultValue = "fuzz-out", description = "where findings are written (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jobs", description = "parallel jobs (default: the number of cores)")
    Integer jobs;

    @Option(names = "--max-cases", defaultValue = "" + Long.MAX_VALUE, description = "stop after this many cases")
    long maxCases;

    @Option(names = "--level", defaultValue = "floats",
            description = "what the generator uses: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Level level;

    @Option(names = "--fuel", defaultValue = "20000", description = "interpreter steps per call (default ${DEFAULT-VALUE})")
    long fuel;

    @Option(names = "--reduce-time", converter = DurationConverter.class, defaultValue = "30s",
            description = "after the campaign, time the reducer may spend on the first finding of each new signature (a64w triage); "
                    + "0 = no reduction (default ${DEFAULT-VALUE})")
    Duration reduceTime;

    @Option(names = "--triage-time", converter = DurationConverter.class,
            description = "after the campaign, time all reductions together may take (default: the fuzzing time, at most 10m); "
                    + "signatures left over get issue texts with unreduced reproducers")
    Duration triageTime;

    @Option(names = "--case-timeout", converter = DurationConverter.class, defaultValue = "60s",
            description = "wall-clock time a worker may spend on one case before it is killed and the case saved as a timeout "
                    + "finding (default ${DEFAULT-VALUE})")
    Duration caseTimeout;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "go on with the campaign stopped in DIR (DIR/campaign.json: its seed and case options); "
                    + "the cases it checked are not checked again, its findings are kept")
    Path resume;

    @Option(names = "--worker-main", hidden = true, description = "the worker processes' main class (tests)")
    String workerMain;

    @Option(names = "--worker-arg", hidden = true, description = "an argument of the worker main class (tests)")
    List<String> workerArgs = List.of();

    @Spec
    CommandSpec spec;

    /** The options a resumed campaign takes from its campaign.json. */
    private static final List<String> FROM_THE_CAMPAIGN = List.of("--seed", "--out", "--level", "--fuel", "--unwind-budget", "--stats",
            "--no-llvm", "--no-cranelift", "--batch", "--leg-share");

    @Option(names = "--unwind-budget", defaultValue = "20000",
            description = "instruction boundaries the dynamic Unwind check may visit per case (on the cases of the other legs' share; "
                    + "the static check covers every boundary of every case); 0 = no Unwind check (default ${DEFAULT-VALUE})")
    long unwindBudget;

    @Option(names = "--stats", description = "also print what was generated and compiled: relocation types, unwind codes, "
            + "packed and full unwind data and frame sizes per side, opcodes, and why the LLVM leg was skipped")
    boolean stats;

    @Option(names = "--no-llvm", description = "skip the LLVM leg (LLVM's code at O0/O2 through Run and Unwind, and Policy)")
    boolean noLlvm;

    @Option(names = "--no-cranelift", description = "skip the Cranelift leg (Cranelift's object through Object, Link, Align, Run and Unwind)")
    boolean noCranelift;

    @Option(names = "--batch", defaultValue = "32",
            description = "cases checked together: one lld-link call per side and one emulator per image (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--leg-share", defaultValue = "4",
            description = "run the LLVM and Cranelift legs on 1 case in N, the same cases for the same seed; 1 = every case (default ${DEFAULT-VALUE})")
    int legShare;

    @Override
    public Integer call() throws InterruptedException {
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1) throw new InputException("--jobs must be at least 1");
        if (batch < 1) throw new InputException("--batch must be at least 1");
        if (legShare < 1) throw new InputException("--leg-share must be at least 1");
        if (fuel < 1) throw new InputException("--fuel must be at least 1");
        if (maxCases < 1) throw new InputException("--max-cases must be at least 1");
        if (unwindBudget < 0) throw new InputException("--unwind-budget must be at least 0");
        if (caseTimeout.isZero()) throw new InputException("--case-timeout must be more than 0");
        Workers workers = workerMain == null ? Workers.Processes.standard() : new Workers.Processes(workerMain, workerArgs);
        FuzzOptions options;
        CampaignState state = null;
        if (resume != null) {
            for (String o : FROM_THE_CAMPAIGN) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw new InputException("fuzz: --resume takes " + o + " from " + resume.resolve(CampaignState.FILE) + "; leave it out");
                }
            }
            try {
                state = CampaignState.read(resume);
            } catch (FuzzException e) {
                throw new InputException("fuzz: " + e.getMessage());
            }
            Long limit = spec.commandLine().getParseResult().hasMatchedOption("--max-cases") ? maxCases : null;
            options = FuzzOptions.resuming(state, resume, time, limit, j, Duration.ofSeconds(5), reduceTime, caseTimeout, workers);
        } else {
            GeneratorConfig gen = GenCommand.config(level);
            HarnessConfig harness = HarnessConfig.defaults().withFuel(fuel).withUnwindBudget(unwindBudget).withLlvm(!noLlvm)
                    .withCranelift(!noCranelift);
            options = new FuzzOptions(time, maxCases, seed != null ? seed : System.currentTimeMillis(), out, j, gen, harness,
                    Duration.ofSeconds(5), reduceTime, stats, batch, legShare, caseTimeout, workers);
        }
        if (options.harness().runCranelift()) {
            String why = DriverBinary.locate().reason();
            if (!why.isEmpty()) {
                System.err.println("fuzz: " + why);
            }
        }
        FuzzCampaign campaign;
        if (state != null) {
            System.err.println("fuzz: resuming seed " + options.seed() + ", " + state.casesDone() + " cases checked before, " + j + " jobs, "
                    + time.toSeconds() + "s, findings in " + resume);
            campaign = FuzzCampaign.resume(options, state);
        } else {
            if (Files.exists(out.resolve(CampaignState.FILE))) {
                System.err.println("fuzz: " + out.resolve(CampaignState.FILE) + " held an earlier campaign; this one replaces it"
                        + " (a64w fuzz --resume " + out + " goes on with a stopped one)");
            }
            System.err.println("fuzz: seed " + options.seed() + ", " + j + " jobs, " + time.toSeconds() + "s, level " + level
                    + ", findings in " + out);
            campaign = new FuzzCampaign(options);
        }
        FuzzSummary summary;
        try {
            summary = campaign.run(System.err);
        } catch (FuzzException e) {
            throw new InputException(e.getMessage());
        }
        Path dir = options.out();
        boolean llvmOff = !options.harness().runLlvm();
        boolean craneliftOff = !options.harness().runCranelift();
        for (Map.Entry<String, Long> e : summary.bySignature().entrySet()) {
            System.err.println("fuzz: finding " + e.getKey() + " x" + e.getValue());
        }
        for (Side side : Side.values()) {
            if ((side == Side.LLVM_O0 || side == Side.LLVM_O2) && llvmOff) continue;
            if (side == Side.CRANELIFT && craneliftOff) continue;
            System.err.println("fuzz: " + summary.findings(side) + " findings on the " + side.id() + " side (in " + dir.resolve(side.id()) + ")");
        }
        System.err.println("fuzz: " + summary.legShareLine());
        System.err.printf(java.util.Locale.ROOT, "fuzz: %d machine instructions of our backend's code checked, %.0f insts/s%n",
                summary.subjectInstructions(), summary.instructionsPerSecond());
        summary.unsupportedReasons().forEach((why, n) -> System.err.println("fuzz: subject unsupported on " + n + " cases: " + why));
        summary.llvmSkips().forEach((why, n) -> System.err.println("fuzz: LLVM leg skipped on " + n + " cases: " + why));
        summary.craneliftSkips().forEach((why, n) -> System.err.println("fuzz: Cranelift leg skipped on " + n + " cases: " + why));
        summary.statsLines().forEach(System.out::println);
        if (options.stats()) {
            summary.llvmSkips().forEach((why, n) -> System.out.println("stats llvm-skip " + why + ": " + n));
            summary.craneliftSkips().forEach((why, n) -> System.out.println("stats cranelift-skip " + why + ": " + n));
        }
        summary.unwindFormLines().forEach(l -> System.err.println("fuzz: " + l));
        summary.checkLines().forEach(System.out::println);
        System.out.println(summary.line());
        postCampaign(dir, options, summary);
        return summary.findings() > 0 ? 1 : 0;
    }

    /**
     * The step after the campaign, once its summary is printed: {@link Triage} reduces the first finding of each new
     * signature and writes its regression and issue text (reduction never runs inside the workers, where it stalled the
     * search). Its budget is its own: {@code --reduce-time} per signature, {@code --triage-time} in all. A failure here
     * loses nothing: every finding is on disk, and {@code a64w triage DIR} does the same again.
     */
    private void postCampaign(Path dir, FuzzOptions options, FuzzSummary summary) {
        if (summary.findings() == 0) return;
        if (reduceTime.isZero()) {
            System.err.println("fuzz: no reduction (--reduce-time 0); a64w triage " + dir + " reduces and writes issue texts");
            return;
        }
        Duration total = triageTime != null ? triageTime
                : Collections.min(List.of(options.time(), Duration.ofMinutes(10)));
        System.err.println("fuzz: triage: reducing new signatures, " + reduceTime.toSeconds() + "s each, " + total.toSeconds()
                + "s in all (a64w triage " + dir + " does it again)");
        TriageOptions triage = TriageOptions.defaults().withReduceTime(reduceTime).withTotalTime(total)
                .withRegressions(TriageOptions.defaultRegressions()).withHarness(options.harness());
        try {
            Triage.run(dir, triage, line -> System.err.println("fuzz: " + line)).lines()
                    .forEach(l -> System.err.println("fuzz: " + l));
        } catch (RuntimeException e) {
            System.err.println("fuzz: triage failed (findings are kept in " + dir + "; run a64w triage " + dir + "): " + e.getMessage());
        }
    }
}
