package dev.a64w.check.unwind;

/**
 * The one exception of the unwind layer: unwind codes, {@code .xdata}, {@code .pdata} or packed
 * unwind words that cannot be decoded, or a virtual unwind that cannot proceed (memory fault,
 * unsupported special frame). Messages give offsets and values in hex.
 */
public final class MalformedUnwindException extends RuntimeException {
    public MalformedUnwindException(String message) {
        super(message);
    }

    public MalformedUnwindException(String message, Throwable cause) {
        super(message, cause);
    }
}
