package dev.a64w.diff.readobj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the findings of one cross-check and counts the fields compared (one instance per check). */
final class Findings {
    private final List<Finding.Disagreement> disagreements = new ArrayList<>();
    private final List<Finding.KnownDifference> known = new ArrayList<>();
    private int fields;

    /** Compares one field; values are compared by their text. Returns whether they agree. */
    boolean field(String function, String field, Object ours, Object llvm) {
        fields++;
        if (Objects.equals(String.valueOf(ours), String.valueOf(llvm))) {
            return true;
        }
        disagreements.add(new Finding.Disagreement(function, field, String.valueOf(ours), String.valueOf(llvm)));
        return false;
    }

    void disagree(String function, String field, Object ours, Object llvm) {
        fields++;
        disagreements.add(new Finding.Disagreement(function, field, String.valueOf(ours), String.valueOf(llvm)));
    }

    void known(String function, String field, Object ours, Object llvm, String id) {
        fields++;
        known.add(new Finding.KnownDifference(function, field, String.valueOf(ours), String.valueOf(llvm), id));
    }

    /** Counts a field that agreed by a check done elsewhere. */
    void agreed() {
        fields++;
    }

    CrossCheckResult result(String file, int entries) {
        return new CrossCheckResult(file, entries, fields, disagreements, known);
    }
}
