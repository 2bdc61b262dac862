package dev.a64w.oracle.llvm;

/**
 * The one exception type of the LLVM oracle layer: a bundled tool could not be found, extracted
 * or started, LLVM refused a request outright, or the worker protocol broke. Assembler and
 * codegen diagnostics are not exceptions: they come back as strings in the results.
 */
public final class OracleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OracleException(String message) {
        super(message);
    }

    public OracleException(String message, Throwable cause) {
        super(message, cause);
    }
}
