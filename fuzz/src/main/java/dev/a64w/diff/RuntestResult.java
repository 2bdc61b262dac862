package dev.a64w.diff;

import java.util.List;

/**
 * The outcome of a file's {@code ; run:} lines: counts, and one message per failure or skipped
 * function (already formatted with the file name and line).
 */
public record RuntestResult(int passed, int failed, int skipped, List<String> messages) {
    public RuntestResult {
        messages = List.copyOf(messages);
    }

    public String counts() {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
