package dev.a64w.cli;

/** Bad input for a command (unreadable or malformed file): printed as is, exit code 2. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
