package dev.a64w.backend;

/**
 * A backend failure that is a bug in the backend or an input it cannot handle (not an unsupported
 * feature): an unbound label, a branch out of range, an operand that cannot be encoded. The message
 * names the function and the offset in hex.
 */
public class CompileException extends RuntimeException {
    public CompileException(String message) {
        super(message);
    }

    public CompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
