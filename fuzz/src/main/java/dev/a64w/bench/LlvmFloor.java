package dev.a64w.bench;

import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.LocalOracle;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.oracle.llvm.Oracle;
import dev.a64w.oracle.llvm.OracleClient;
import dev.a64w.oracle.llvm.OracleException;
import dev.a64w.oracle.llvm.WorkerResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * "Know the floor": what LLVM costs per call and what it costs per line, for LLVM MC and for its
 * code generator at O0 and O2, and what the worker process adds. Each input size (synthetic,
 * {@link FloorInputs}) is timed {@code reps} times after a warm-up, sizes interleaved, and the
 * medians are fitted with a least-squares line: the intercept is the fixed cost of a call
 * (context, module, the code generator's pass pipeline that {@code LLVMTargetMachineEmitToMemoryBuffer}
 * builds on every call, the AsmPrinter and object streamer), the slope the cost of one more line
 * or instruction. In-process times are the CPU time of the calling thread, which runs LLVM (so
 * other load on the machine does not count); round trips through the worker are wall time,
 * since the time is spent in two processes.
 */
public final class LlvmFloor {
    /** Listing lines and IR instructions of the fitted inputs. */
    static final List<Integer> SIZES = List.of(0, 100, 300, 1000, 3000);
    /** Line forms whose MC cost per line is shown one by one: the subject's most frequent. */
    static final List<String> FORMS = List.of("mov x9, x10", "mov w14, w13", "add x12, x16, x9", "mov x11, #8843",
            "ldr x16, [sp, #72]", "str x12, [sp, #88]", "cmp w12, #0", "b.ne f");
    /** Lines per form-cost listing. */
    static final int FORM_LINES = 1000;
    /** Sizes whose worker round trip is shown (MC; O0 + O2 at the middle one). */
    static final List<Integer> ROUND_TRIP_SIZES = List.of(0, 300, 1000);
    /** Items per batch in the round-trip comparison. */
    static final int BATCH = 8;

    private final int reps;
    private final List<Integer> sizes;
    private final int formLines;
    private final List<Integer> roundTripSizes;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime;

    private LlvmFloor(int reps, List<Integer> sizes, int formLines, List<Integer> roundTripSizes) {
        if (reps < 1) {
            throw new IllegalArgumentException("reps: expected >= 1, got " + reps);
        }
        this.reps = reps;
        this.sizes = List.copyOf(sizes);
        this.formLines = formLines;
        this.roundTripSizes = List.copyOf(roundTripSizes);
        this.cpuTime = threads.isCurrentThreadCpuTimeSupported();
    }

    /**
     * The floor report: one header line, then MC, O0, O2, MC by line form, and the worker's round
     * trip (ping, MC by size, O0 + O2 of one module). Takes about {@code 2 + reps} times 0.5 s.
     */
    public static List<String> measure(int reps) {
        return new LlvmFloor(reps, SIZES, FORM_LINES, ROUND_TRIP_SIZES).run();
    }

    /** The same on other sizes (tests use small ones). */
    static List<String> measure(int reps, List<Integer> sizes, int formLines, List<Integer> roundTripSizes) {
        return new LlvmFloor(reps, sizes, formLines, roundTripSizes).run();
    }

    /** A least-squares line through (size, nanos): {@code fixed + perUnit * size}. */
    record Fit(double fixedNanos, double perUnitNanos) {
        static Fit of(long[] xs, long[] ys) {
            int n = xs.length;
            double mx = Arrays.stream(xs).average().orElse(0);
            double my = Arrays.stream(ys).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < n; i++) {
                sxy += (xs[i] - mx) * (ys[i] - my);
                sxx += (xs[i] - mx) * (xs[i] - mx);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            return new Fit(my - slope * mx, slope);
        }
    }

    private List<String> run() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "llvm floor: median of %d, %s; fixed = intercept, per line = slope of a "
                + "least-squares line over sizes %s", reps, cpuTime ? "CPU time of the calling thread" : "wall time",
                sizes));
        try (LlvmMc mc = new LlvmMc(); LlvmCodegen codegen = new LlvmCodegen()) {
            List<String> listings = sizes.stream().map(FloorInputs::listing).toList();
            out.add(fitted("mc", "line", listings.stream().map(FloorInputs::lines).toList(),
                    listings.stream().<Supplier<McResult>>map(l -> () -> mc.assemble(l)).toList()));
            List<String> irs = sizes.stream().map(FloorInputs::ir).toList();
            for (OptLevel level : OptLevel.values()) {
                out.add(fitted("llvm " + level, "inst", irs.stream().map(FloorInputs::instructions).toList(),
                        irs.stream().<Supplier<McResult>>map(ir -> () -> codegen.compile(ir, level)).toList()));
            }
            out.add(forms(mc));
        }
        out.addAll(roundTrips());
        return out;
    }

    /** Times every input, fits, and renders one line: fixed, per unit, and the medians by size. */
    private String fitted(String name, String unit, List<Integer> units, List<Supplier<McResult>> calls) {
        long[] medians = medians(calls, this::now);
        long[] xs = units.stream().mapToLong(Integer::longValue).toArray();
        Fit fit = Fit.of(xs, medians);
        StringBuilder by = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            by.append(i == 0 ? "" : ", ").append(xs[i]).append(": ").append(ms(medians[i]));
        }
        return String.format(Locale.ROOT, "  %-10s fixed %s ms + %.2f us/%s   [%s ms by %ss]", name,
                ms((long) fit.fixedNanos()), fit.perUnitNanos() / 1e3, unit, by, unit);
    }

    /** MC's cost per line of each form: (time of {@code formLines} copies - time of the empty listing) / lines. */
    private String forms(LlvmMc mc) {
        List<Supplier<McResult>> calls = new ArrayList<>();
        calls.add(() -> mc.assemble(""));
        for (String f : FORMS) {
            String listing = FloorInputs.repeated(f, formLines);
            calls.add(() -> mc.assemble(listing));
        }
        long[] medians = medians(calls, this::now);
        StringBuilder sb = new StringBuilder("  mc by line form (us/line):");
        for (int i = 0; i < FORMS.size(); i++) {
            double perLine = (medians[i + 1] - medians[0]) / 1e3 / Math.max(1, formLines);
            sb.append(String.format(Locale.ROOT, "%s %s %.2f", i == 0 ? "" : " |", FORMS.get(i), perLine));
        }
        return sb.toString();
    }

    /**
     * MC, and O0 + O2 of one module, in this process vs through the worker: one request per item
     * and one batch. Cost is CPU time of this thread plus that of the worker process (what a
     * saturated machine pays; wall time also counts waiting for the other process and for other load).
     */
    private List<String> roundTrips() {
        List<String> out = new ArrayList<>();
        try (LocalOracle local = new LocalOracle(); OracleClient client = new OracleClient()) {
            long pid = client.ping().orElseThrow();
            ProcessCpu worker = new ProcessCpu(pid);
            long ping = roundTrip(List.of(() -> client.ping().orElseThrow()), worker)[0].wall;
            out.add(String.format(Locale.ROOT, "  worker round trip (%s): ping %s ms wall", worker.readable()
                    ? "CPU time of the caller + the worker" : "wall time: the worker's CPU time is not readable",
                    ms(ping)));
            for (int size : roundTripSizes) {
                String listing = FloorInputs.listing(size);
                List<String> batch = java.util.Collections.nCopies(BATCH, listing);
                Cost[] c = roundTrip(List.of(
                        () -> ok(local.assemble(listing)),
                        () -> ok(client.assemble(listing)),
                        () -> client.assembleMany(batch).stream().map(LlvmFloor::ok).toList()), worker);
                out.add(String.format(Locale.ROOT, "  mc %4d lines: in process %s ms, worker %s ms (+%s), "
                        + "batch of %d %s ms per listing (+%s)", FloorInputs.lines(listing), ms(c[0].total()),
                        ms(c[1].total()), ms(c[1].total() - c[0].total()), BATCH, ms(c[2].total() / BATCH),
                        ms(c[2].total() / BATCH - c[0].total())));
            }
            String ir = FloorInputs.ir(roundTripSizes.get(roundTripSizes.size() / 2));
            List<OptLevel> both = List.of(OptLevel.O0, OptLevel.O2);
            Cost[] c = roundTrip(List.of(
                    () -> both.stream().map(l -> ok(local.compileIr(ir, l))).toList(),
                    () -> both.stream().map(l -> ok(client.compileIr(ir, l))).toList(),
                    () -> client.compileIrLevels(ir, both).stream().map(LlvmFloor::ok).toList()), worker);
            out.add(String.format(Locale.ROOT, "  llvm O0+O2 %4d insts: in process %s ms, worker %s ms (+%s), "
                    + "one batch %s ms (+%s)", FloorInputs.instructions(ir), ms(c[0].total()), ms(c[1].total()),
                    ms(c[1].total() - c[0].total()), ms(c[2].total()), ms(c[2].total() - c[0].total())));
        } catch (OracleException e) {
            out.add("  worker round trip: not measured: " + e.getMessage());
        }
        return out;
    }

    /** The median cost of one call: wall time, and CPU time of this thread and of the worker. */
    private record Cost(long wall, long total) {}

    /** {@link #medians} for calls that may run in the worker: CPU of this thread + the worker (or wall). */
    private Cost[] roundTrip(List<? extends Supplier<?>> calls, ProcessCpu worker) {
        long[][] wall = new long[calls.size()][reps];
        long[][] total = new long[calls.size()][reps];
        for (int round = -2; round < reps; round++) {
            for (int i = 0; i < calls.size(); i++) {
                long w0 = worker.nanos();
                long c0 = now();
                long t0 = System.nanoTime();
                calls.get(i).get();
                long t = System.nanoTime() - t0;
                long c = now() - c0;
                long w = worker.nanos() - w0;
                if (round >= 0) {
                    wall[i][round] = t;
                    total[i][round] = worker.readable() && cpuTime ? c + w : t;
                }
            }
        }
        Cost[] out = new Cost[calls.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Cost(median(wall[i]), median(total[i]));
        }
        return out;
    }

    private static McResult ok(WorkerResult<McResult> r) {
        McResult value = r.orElseThrow();
        if (!value.ok()) {
            throw new OracleException("floor input rejected: " + value.errors().getFirst());
        }
        return value;
    }

    /**
     * Median time of each call: two warm-up rounds, then {@code reps} rounds, each calling every
     * input once in order (so slow drift of the machine spreads over all sizes alike).
     */
    private long[] medians(List<? extends Supplier<?>> calls, LongSupplier clock) {
        long[][] samples = new long[calls.size()][reps];
        for (int round = -2; round < reps; round++) {
            for (int i = 0; i < calls.size(); i++) {
                long t0 = clock.getAsLong();
                Object r = calls.get(i).get();
                long t = clock.getAsLong() - t0;
                if (r instanceof McResult m && !m.ok()) {
                    throw new OracleException("floor input " + i + " rejected: " + m.errors().getFirst());
                }
                if (round >= 0) {
                    samples[i][round] = t;
                }
            }
        }
        long[] out = new long[calls.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = median(samples[i]);
        }
        return out;
    }

    private static long median(long[] samples) {
        long[] s = samples.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private long now() {
        return cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
