package dev.a64w.diff.readobj;

import java.util.List;

/**
 * The outcome of cross-checking one file.
 *
 * @param file             what was checked
 * @param entriesCompared  {@code .pdata} entries compared (both sides had them)
 * @param fieldsCompared   individual fields compared, codes included (so a pass is never vacuous)
 * @param disagreements    unexplained differences
 * @param knownDifferences differences that match a documented llvm-readobj behaviour
 */
public record CrossCheckResult(String file, int entriesCompared, int fieldsCompared, List<Finding.Disagreement> disagreements,
                               List<Finding.KnownDifference> knownDifferences) {

    public CrossCheckResult {
        disagreements = List.copyOf(disagreements);
        knownDifferences = List.copyOf(knownDifferences);
    }

    public boolean agrees() {
        return disagreements.isEmpty();
    }

    /** A readable summary: counts, then every disagreement and known difference, one a line. */
    public String report() {
        StringBuilder sb = new StringBuilder(file).append(": ").append(entriesCompared).append(" entries, ")
                .append(fieldsCompared).append(" fields compared, ").append(disagreements.size())
                .append(" disagreements, ").append(knownDifferences.size()).append(" known differences\n");
        disagreements.forEach(d -> sb.append("  DISAGREE ").append(d).append('\n'));
        knownDifferences.forEach(k -> sb.append("  known    ").append(k).append('\n'));
        return sb.toString();
    }
}
