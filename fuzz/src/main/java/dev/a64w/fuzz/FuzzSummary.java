package dev.a64w.fuzz;

import dev.a64w.diff.Side;
import java.util.List;
import java.util.Map;

/**
 * The result of a campaign. {@code bySignature} counts findings per signature (sorted);
 * {@code checkLines} are the per-check counts ({@link CheckTally#lines()}); {@code llvmSkips} counts
 * the cases whose LLVM leg was skipped, by normalized reason (sorted), and {@code craneliftSkips} those
 * the Cranelift leg skipped or found unsupported; {@code findingsBySide} the findings per side;
 * {@code unwindFormLines} how the subject's and MC's {@code .pdata} entries hold their unwind data
 * ({@link UnwindFormTally#lines()}); {@code legShareLine} which cases the LLVM and Cranelift legs ran on;
 * {@code subjectInstructions} the machine instructions of our backend's code that the checks judged;
 * {@code unsupportedReasons} the unsupported cases by normalized reason (sorted).
 * The counts cover the whole campaign (on {@code --resume}, the cases checked before too);
 * {@code casesNow} and {@code instructionsNow} are what this run checked in its {@code seconds}, for the
 * rates. {@link #line()} is the last line the CLI prints, in the fixed form scripts read.
 */
public record FuzzSummary(long cases, long findings, long unsupported, double seconds, long seed, Map<String, Long> bySignature,
                          List<String> checkLines, List<String> statsLines, Map<String, Long> llvmSkips,
                          Map<Side, Long> findingsBySide, List<String> unwindFormLines, Map<String, Long> craneliftSkips,
                          String legShareLine, long subjectInstructions, long casesNow, long instructionsNow,
                          Map<String, Long> unsupportedReasons) {
    public FuzzSummary {
        unwindFormLines = List.copyOf(unwindFormLines);
        checkLines = List.copyOf(checkLines);
        statsLines = List.copyOf(statsLines);
        llvmSkips = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(llvmSkips));
        craneliftSkips = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(craneliftSkips));
        unsupportedReasons = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unsupportedReasons));
        findingsBySide = Map.copyOf(findingsBySide);
    }

    /** Findings of one side. */
    public long findings(Side side) {
        return findingsBySide.getOrDefault(side, 0L);
    }

    /** Cases this run checked per second. */
    public double casesPerSecond() {
        return seconds <= 0 ? 0 : casesNow / seconds;
    }

    /** Subject instructions this run checked per second. */
    public double instructionsPerSecond() {
        return seconds <= 0 ? 0 : instructionsNow / seconds;
    }

    public String line() {
        return String.format(java.util.Locale.ROOT, "fuzz: %d cases, %d findings, %.1f cases/s, seed %d",
                cases, findings, casesPerSecond(), seed);
    }
}
