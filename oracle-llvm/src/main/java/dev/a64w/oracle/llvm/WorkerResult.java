package dev.a64w.oracle.llvm;

/**
 * The outcome of one oracle request: {@link Ok} with the value; {@link Crashed} when the process
 * serving it died (native abort, signal, timeout kill) — the input that did this is a finding; or
 * {@link Failed} when the oracle refused the request with an error but lived.
 */
public sealed interface WorkerResult<T> {
    record Ok<T>(T value) implements WorkerResult<T> {}

    /** {@code detail}: how it ended (exit code / signal / timeout) and the last stderr lines. */
    record Crashed<T>(String detail) implements WorkerResult<T> {}

    record Failed<T>(String message) implements WorkerResult<T> {}

    /** The value, or an {@link OracleException} with the crash detail or failure message. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T>(T value) -> value;
            case Crashed<T>(String detail) -> throw new OracleException("oracle crashed: " + detail);
            case Failed<T>(String message) -> throw new OracleException("oracle failed: " + message);
        };
    }
}
