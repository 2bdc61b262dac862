package dev.a64w.fuzz;

import java.util.List;
import java.util.Map;

/**
 * The result of a campaign. {@code bySignature} counts findings per signature (sorted);
 * {@code checkLines} are the per-check counts ({@link CheckTally#lines()}).
 * {@link #line()} is the last line the CLI prints, in the fixed form scripts read.
 */
public record FuzzSummary(long cases, long findings, long unsupported, double seconds, long seed, Map<String, Long> bySignature,
                          List<String> checkLines) {
    public FuzzSummary {
        checkLines = List.copyOf(checkLines);
    }

    public double casesPerSecond() {
        return seconds <= 0 ? 0 : cases / seconds;
    }

    public String line() {
        return String.format(java.util.Locale.ROOT, "fuzz: %d cases, %d findings, %.1f cases/s, seed %d",
                cases, findings, casesPerSecond(), seed);
    }
}
