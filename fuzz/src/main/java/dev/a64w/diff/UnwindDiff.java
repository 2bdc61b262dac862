package dev.a64w.diff;

import dev.a64w.util.Bytes;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the unwind data of two objects function by function: like with like (the same form,
 * packed or xdata, and the same bytes), with the decoded meaning as the explanation of a difference.
 */
final class UnwindDiff {
    private UnwindDiff() {
    }

    static void functions(ObjectView s, ObjectView m, List<String> out) {
        Set<String> names = new LinkedHashSet<>();
        s.functions().forEach(f -> names.add(f.name()));
        m.functions().forEach(f -> names.add(f.name()));
        for (String name : names) {
            Optional<CodeFunction> fs = s.function(name);
            Optional<CodeFunction> fm = m.function(name);
            if (fs.isEmpty() || fm.isEmpty()) {
                out.add("function " + name + " only in " + (fs.isEmpty() ? "mc" : "subject"));
                continue;
            }
            List<UnwindEntries.Fragment> a = sorted(s.unwind().of(fs.get()));
            List<UnwindEntries.Fragment> b = sorted(m.unwind().of(fm.get()));
            difference(name, a, b).ifPresent(out::add);
        }
    }

    static List<UnwindEntries.Fragment> sorted(List<UnwindEntries.Fragment> fs) {
        return fs.stream().sorted(Comparator.comparingLong(UnwindEntries.Fragment::offset)).toList();
    }

    /**
     * The first difference of one function's unwind data. When both sides cut the function into
     * fragments at the same offsets (one fragment each, for any function below 1 MiB), like is
     * compared with like, fragment by fragment ({@link #fragment}): the form (packed or xdata)
     * must be the same and so must its bytes. Otherwise (a function of 1 MiB or more that the two
     * assemblers cut at different points) each side must first be well formed on its own
     * ({@link WholeUnwind#problems}: tiling fragments, end_c + phantom prologue in every later
     * one), then the {@link WholeUnwind} meanings compare: total length, the prologue, every
     * epilogue at its offset from the function start, the handler flag.
     */
    private static Optional<String> difference(String name, List<UnwindEntries.Fragment> a, List<UnwindEntries.Fragment> b) {
        String prefix = "unwind of " + name + " differs: ";
        if (a.isEmpty() != b.isEmpty()) {
            return Optional.of(prefix + (a.isEmpty() ? "no .pdata entry vs .pdata entry" : ".pdata entry vs no .pdata entry"));
        }
        if (a.isEmpty()) {
            return Optional.empty();
        }
        if (offsets(a).equals(offsets(b))) {
            for (int i = 0; i < a.size(); i++) {
                Optional<String> d = fragment(a.get(i), b.get(i));
                if (d.isPresent()) {
                    String at = a.size() == 1 ? "" : "(fragment +0x" + Long.toHexString(a.get(i).offset()) + ") ";
                    return Optional.of(prefix + at + d.get());
                }
            }
            return Optional.empty();
        }
        if (a.size() == 1 && b.size() == 1) {
            return Optional.of(prefix + "fragments at " + offsets(a) + " vs " + offsets(b));
        }
        List<String> pa = WholeUnwind.problems("subject", a);
        if (!pa.isEmpty()) {
            return Optional.of(prefix + pa.get(0));
        }
        List<String> pb = WholeUnwind.problems("mc", b);
        if (!pb.isEmpty()) {
            return Optional.of(prefix + pb.get(0));
        }
        String d = UnwindText.firstDifference(WholeUnwind.of(a).asMeaning(), WholeUnwind.of(b).asMeaning());
        return d.isEmpty() ? Optional.empty()
                : Optional.of(prefix + "(fragments at " + offsets(a) + " vs " + offsets(b) + ") " + d);
    }

    /**
     * One fragment against the other: equal when both are packed with the same word or both are
     * xdata records with the same bytes. Otherwise the difference names each side's form and
     * then, as the fallback that says what the difference means, the first difference of the
     * decoded meanings ({@code same meaning} when there is none, e.g. packed versus an xdata record
     * for the same frame, or a different but equivalent encoding).
     */
    static Optional<String> fragment(UnwindEntries.Fragment s, UnwindEntries.Fragment m) {
        if (s.packed() == m.packed() && s.encoded().equals(m.encoded())) {
            return Optional.empty();
        }
        String forms = s.packed() != m.packed()
                ? "form " + s.form() + " vs " + m.form()
                : s.packed() ? "packed (both) word " + s.form().substring("packed ".length()) + " vs "
                        + m.form().substring("packed ".length())
                : "xdata (both) bytes " + firstByte(s.encoded(), m.encoded());
        String meaning = UnwindText.firstDifference(s.meaning(), m.meaning());
        return Optional.of(forms + "; " + (meaning.isEmpty() ? "same meaning" : meaning));
    }

    private static String firstByte(Bytes a, Bytes b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (a.get(i) != b.get(i)) {
                return String.format("at +0x%x: 0x%02x vs 0x%02x", i, a.u8(i), b.u8(i));
            }
        }
        return "length 0x" + Integer.toHexString(a.size()) + " vs 0x" + Integer.toHexString(b.size());
    }

    private static String offsets(List<UnwindEntries.Fragment> fs) {
        return fs.stream().map(f -> "+0x" + Long.toHexString(f.offset())).collect(Collectors.joining(", ", "[", "]"));
    }
}
