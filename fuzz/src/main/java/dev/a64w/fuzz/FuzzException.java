package dev.a64w.fuzz;

/**
 * A campaign that cannot run or go on: no {@code campaign.json} to resume, or one that does not read, or
 * workers that do not start. The message is one line that names the file or the worker log.
 */
public final class FuzzException extends RuntimeException {
    public FuzzException(String message) {
        super(message);
    }

    public FuzzException(String message, Throwable cause) {
        super(message, cause);
    }
}
