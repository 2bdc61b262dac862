package dev.a64w.check.coff;

/**
 * The one exception of the independent COFF reader and checker layer: the bytes are not a
 * well-formed COFF object (or ask for something this reader does not support). The message names
 * the structure, gives the file offset in hex and the expected versus the actual value.
 */
public final class MalformedObjectException extends RuntimeException {
    public MalformedObjectException(String message) {
        super(message);
    }
}
