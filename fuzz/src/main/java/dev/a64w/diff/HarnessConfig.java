package dev.a64w.diff;

/**
 * What the harness runs. {@code fuel} bounds each interpreter call (the emulator gets a budget
 * proportional to it). {@code unwindBudget} is the number of instruction boundaries the Unwind check
 * may check per case (0 turns the check off; about 5 µs each). {@code isolateOracle} runs LLVM in a
 * worker process (the default; in-process is only for tests that want speed and accept that an LLVM
 * abort kills the JVM). {@code runLlvm} runs the LLVM leg ({@link LlvmLeg}) and the Policy check;
 * {@code runCranelift} the Cranelift leg ({@link CraneliftLeg}).
 */
public record HarnessConfig(long fuel, boolean runMc, boolean runLink, boolean runRun, long unwindBudget, boolean isolateOracle,
                            boolean runLlvm, boolean runCranelift) {
    public static HarnessConfig defaults() {
        return new HarnessConfig(20_000, true, true, true, 20_000, true, true, true);
    }

    public HarnessConfig inProcessOracle() {
        return new HarnessConfig(fuel, runMc, runLink, runRun, unwindBudget, false, runLlvm, runCranelift);
    }

    public HarnessConfig withUnwindBudget(long budget) {
        return new HarnessConfig(fuel, runMc, runLink, runRun, budget, isolateOracle, runLlvm, runCranelift);
    }

    public HarnessConfig withFuel(long newFuel) {
        return new HarnessConfig(newFuel, runMc, runLink, runRun, unwindBudget, isolateOracle, runLlvm, runCranelift);
    }

    /** With or without the Cranelift leg (Cranelift's object through Object, Link, Align, Run and Unwind). */
    public HarnessConfig withCranelift(boolean on) {
        return new HarnessConfig(fuel, runMc, runLink, runRun, unwindBudget, isolateOracle, runLlvm, on);
    }

    /** With or without the LLVM leg (LLVM's code at O0 and O2 through Run and Unwind, and Policy). */
    public HarnessConfig withLlvm(boolean on) {
        return new HarnessConfig(fuel, runMc, runLink, runRun, unwindBudget, isolateOracle, on, runCranelift);
    }
}
