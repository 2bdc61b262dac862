package dev.a64w.cranelift;

/** The driver could not be started or spoke something other than its protocol. */
public final class CraneliftException extends RuntimeException {
    public CraneliftException(String message) {
        super(message);
    }

    public CraneliftException(String message, Throwable cause) {
        super(message, cause);
    }
}
