package dev.a64w.diff;

import java.util.List;

/**
 * The Run check's result: its verdict, one line per invocation (what the interpreter and the
 * emulated subject did) and how many invocations were compared or skipped.
 */
public record RunReport(Verdict verdict, List<String> lines, int compared, int skipped) {
    public RunReport {
        lines = List.copyOf(lines);
    }
}
