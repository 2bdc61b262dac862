package dev.a64w.exec;

/**
 * The execution layer's one exception: a tool that cannot run, a PE image that does not parse, an
 * image that cannot be loaded, an unknown export. Never used for what the code under test does
 * (traps, faults, ABI violations are {@link ExecResult}s).
 */
public class ExecException extends RuntimeException {
    public ExecException(String message) {
        super(message);
    }

    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }
}
