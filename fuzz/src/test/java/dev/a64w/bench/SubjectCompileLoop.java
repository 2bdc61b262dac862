package dev.a64w.bench;

import dev.a64w.backend.PhaseClock;
import dev.a64w.compile.ModuleBuild;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.Module;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A profiling driver for the subject's compile (IR to object bytes): generates the bench's modules
 * once, then compiles them round after round for a number of seconds and prints, per round, the
 * median per module (wall clock, this thread's CPU time, which a busy machine disturbs less, and the
 * bytes it allocated, which it does not disturb at all) and the time of each phase. Meant to run under
 * {@code -XX:StartFlightRecording} (or any profiler); nothing else runs in the process.
 *
 * <p>Usage: {@code SubjectCompileLoop CASES SEED SECONDS [listing]}; with {@code listing} each
 * build's listing is also printed (as the MC check asks for it), so its cost shows separately. Class
 * path as for {@link SubjectDigests}; under JFR, e.g. {@code
 * -XX:StartFlightRecording=filename=compile.jfr,settings=profile}. The median keeps falling for some
 * thousands of modules while the JIT works (see {@code Bench.warmSubject}).
 */
public final class SubjectCompileLoop {
    private SubjectCompileLoop() {}

    public static void main(String[] args) {
        int cases = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        long seconds = Long.parseLong(args[2]);
        boolean listing = args.length > 3 && args[3].equals("listing");
        Generator generator = new Generator(GeneratorConfig.integer());
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < cases; i++) modules.add(generator.generate(new SeededSource(CaseSeeds.of(seed, i))).module());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sink = 0;
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; System.nanoTime() < end; round++) {
            long[] total = new long[cases];
            long[] cpu = new long[cases];
            long[] bytes = new long[cases];
            Map<PhaseClock.Phase, long[]> phases = new EnumMap<>(PhaseClock.Phase.class);
            for (PhaseClock.Phase p : PhaseClock.Phase.values()) phases.put(p, new long[cases]);
            long listingNanos = 0;
            for (int i = 0; i < cases; i++) {
                int k = i;
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ModuleBuild b = ModuleBuild.of(modules.get(i), (phase, nanos) -> phases.get(phase)[k] += nanos);
                total[i] = System.nanoTime() - t0;
                cpu[i] = threads.getCurrentThreadCpuTime() - c0;
                bytes[i] = threads.getCurrentThreadAllocatedBytes() - a0;
                sink += b.object().size();
                if (listing) {
                    long l0 = System.nanoTime();
                    sink += b.listing().length();
                    listingNanos += System.nanoTime() - l0;
                }
            }
            StringBuilder line = new StringBuilder("round " + round + ": median " + ms(median(total)) + " ms, mean "
                    + ms(java.util.Arrays.stream(total).sum() / cases) + " ms, cpu median " + ms(median(cpu)) + " ms, allocated median "
                    + median(bytes) / 1024 + " KiB");
            phases.forEach((p, n) -> line.append(", ").append(p.name().toLowerCase()).append(' ').append(ms(median(n))));
            if (listing) line.append(", listing (mean) ").append(ms(listingNanos / cases));
            System.out.println(line);
        }
        System.out.println("(" + sink + ")");
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String ms(long nanos) {
        return String.format("%.3f", nanos / 1e6);
    }
}
