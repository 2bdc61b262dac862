package dev.a64w.diff;

import java.util.List;

/**
 * The Unwind check's result: its verdict, one line per invocation (how many instruction boundaries
 * were checked and how the call ended, or the mismatch with every differing register) and the
 * total number of instruction boundaries checked.
 */
public record UnwindReport(Verdict verdict, long instructionsChecked, List<String> lines) {
    public UnwindReport {
        lines = List.copyOf(lines);
    }
}
