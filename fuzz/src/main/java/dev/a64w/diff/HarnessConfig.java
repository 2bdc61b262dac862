package dev.a64w.diff;

/**
 * What the harness runs. {@code fuel} bounds each interpreter call (the emulator gets a budget
 * proportional to it). {@code unwindBudget} is the number of instruction boundaries the Unwind check
 * may check per case (0 turns the check off; about 5 µs each). {@code isolateOracle} runs LLVM in a
 * worker process (the default; in-process is only for tests that want speed and accept that an LLVM
 * abort kills the JVM).
 */
public record HarnessConfig(long fuel, boolean runMc, boolean runLink, boolean runRun, long unwindBudget, boolean isolateOracle) {
    public static HarnessConfig defaults() {
        return new HarnessConfig(20_000, true, true, true, 20_000, true);
    }

    public HarnessConfig inProcessOracle() {
        return new HarnessConfig(fuel, runMc, runLink, runRun, unwindBudget, false);
    }

    public HarnessConfig withUnwindBudget(long budget) {
        return new HarnessConfig(fuel, runMc, runLink, runRun, budget, isolateOracle);
    }

    public HarnessConfig withFuel(long newFuel) {
        return new HarnessConfig(newFuel, runMc, runLink, runRun, unwindBudget, isolateOracle);
    }
}
