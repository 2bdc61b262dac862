package dev.a64w.diff;

/**
 * What the harness runs. {@code fuel} bounds each interpreter call (the emulator gets a budget
 * proportional to it). {@code isolateOracle} runs LLVM in a worker process (the default; in-process
 * is only for tests that want speed and accept that an LLVM abort kills the JVM).
 */
public record HarnessConfig(long fuel, boolean runMc, boolean runLink, boolean runRun, boolean isolateOracle) {
    public static HarnessConfig defaults() {
        return new HarnessConfig(20_000, true, true, true, true);
    }

    public HarnessConfig inProcessOracle() {
        return new HarnessConfig(fuel, runMc, runLink, runRun, false);
    }
}
