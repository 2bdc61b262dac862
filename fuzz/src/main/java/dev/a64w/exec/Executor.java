package dev.a64w.exec;

import dev.a64w.util.Bytes;
import java.util.List;

/**
 * Runs exported functions of one loaded ARM64 image under the Windows ARM64 calling convention.
 * Implementations: {@link UnicornExecutor} (emulated); a native Windows ARM64 runner is planned.
 * Not thread-safe: one caller at a time.
 */
public interface Executor extends AutoCloseable {
    /** The loaded image. */
    PeImage image();

    /**
     * Calls export {@code export} with {@code args} (each in the next register of its class: x0-x7
     * for integers, v0-v7 for floats, counted separately; the rest on the stack at [sp], [sp+8]...
     * in argument order) and runs at most {@code instructionBudget} (>= 1) instructions.
     */
    Execution runTyped(String export, List<Arg> args, long instructionBudget);

    /** {@link #runTyped} with integer arguments only (x0-x7, the rest on the stack). */
    default Execution run(String export, List<Long> args, long instructionBudget) {
        return runTyped(export, Arg.ints(args), instructionBudget);
    }

    default ExecResult call(String export, List<Long> args, long instructionBudget) {
        return run(export, args, instructionBudget).result();
    }

    default ExecResult callTyped(String export, List<Arg> args, long instructionBudget) {
        return runTyped(export, args, instructionBudget).result();
    }

    /** {@code size} bytes of the exported data symbol, as the calls so far left them. */
    Bytes read(String exportedDataSymbol, int size);

    /** Restores every writable section to the image's initial contents and clears the stack. */
    void reset();

    @Override
    void close();
}
