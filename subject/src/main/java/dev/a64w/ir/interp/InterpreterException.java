package dev.a64w.ir.interp;

/**
 * The interpreter was given IR it cannot run (a missing function, an unresolvable symbol, a value
 * never defined): a verifier or harness problem, not a trap of the program.
 */
public final class InterpreterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InterpreterException(String message) {
        super(message);
    }
}
