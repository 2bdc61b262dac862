package dev.a64w.diff.readobj;

/**
 * The one exception of this layer: llvm-readobj could not be run or printed something this parser
 * does not understand, or a file could not be read at all by our own readers. Disagreements between
 * the two decoders are results ({@link Finding}), never exceptions.
 */
public final class ReadobjException extends RuntimeException {
    public ReadobjException(String message) {
        super(message);
    }

    public ReadobjException(String message, Throwable cause) {
        super(message, cause);
    }
}
