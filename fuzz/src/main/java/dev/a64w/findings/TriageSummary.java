package dev.a64w.findings;

import dev.a64w.diff.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one triage run did, per signature in the order handled: its status, how many raw findings
 * it had, and the reproducer's size before and after (instructions).
 */
public record TriageSummary(List<Item> items, double seconds) {
    public TriageSummary {
        items = List.copyOf(items);
    }

    /** What happened to a signature. */
    public enum Status {
        /** Reduced and written (issue text, reduced reproducer, regression). */
        REDUCED,
        /** Written with the unreduced reproducer: the total budget was spent before its turn. */
        NOT_REDUCED,
        /** Written with the unreduced reproducer: it does not give its signature when checked again alone. */
        NOT_REPRODUCED,
        /** Its issue text already existed: nothing done. */
        ALREADY_TRIAGED
    }

    /**
     * @param instructionsBefore instructions of the first raw finding's module
     * @param instructionsAfter  instructions of the reproducer written (the same when not reduced)
     * @param note               why it was not reduced, or how the reduction stopped
     */
    public record Item(Side side, String signature, Status status, int findings, int instructionsBefore,
                       int instructionsAfter, String note) {
        public String key() {
            return side.id() + "--" + signature;
        }
    }

    /** Items that did something (all but {@link Status#ALREADY_TRIAGED}). */
    public List<Item> written() {
        return items.stream().filter(i -> i.status() != Status.ALREADY_TRIAGED).toList();
    }

    /** One line per item, then a total line. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            out.add(String.format(Locale.ROOT, "triage %s/%s: %s, %d finding(s), %d -> %d instructions%s", i.side().id(),
                    i.signature(), i.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), i.findings(),
                    i.instructionsBefore(), i.instructionsAfter(), i.note().isEmpty() ? "" : " (" + i.note() + ")"));
        }
        out.add(String.format(Locale.ROOT, "triage: %d signature(s), %d written, %d already triaged (%.0fs)", items.size(),
                written().size(), items.size() - written().size(), seconds));
        return out;
    }
}
