package dev.a64w.diff;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares the unwind data of two objects function by function, by normalized meaning. */
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
     * The first difference of one function's unwind data. A single fragment on both sides compares
     * as it is. Otherwise (a function of 1 MiB or more, which two assemblers may cut at different
     * points) each side must first be well formed on its own ({@link WholeUnwind#problems}: tiling
     * fragments, end_c + phantom prologue in every later one), then the {@link WholeUnwind}
     * meanings compare: total length, the prologue, every epilogue at its offset from the function
     * start, the handler flag. Fragment boundaries themselves are not compared.
     */
    private static Optional<String> difference(String name, List<UnwindEntries.Fragment> a, List<UnwindEntries.Fragment> b) {
        String prefix = "unwind of " + name + " differs: ";
        if (a.isEmpty() != b.isEmpty()) {
            return Optional.of(prefix + (a.isEmpty() ? "no .pdata entry vs .pdata entry" : ".pdata entry vs no .pdata entry"));
        }
        if (a.isEmpty()) {
            return Optional.empty();
        }
        if (a.size() == 1 && b.size() == 1) {
            if (a.get(0).offset() != b.get(0).offset()) {
                return Optional.of(prefix + "fragments at " + offsets(a) + " vs " + offsets(b));
            }
            String d = UnwindText.firstDifference(a.get(0).meaning(), b.get(0).meaning());
            return d.isEmpty() ? Optional.empty() : Optional.of(prefix + d);
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

    private static String offsets(List<UnwindEntries.Fragment> fs) {
        return fs.stream().map(f -> "+0x" + Long.toHexString(f.offset())).collect(Collectors.joining(", ", "[", "]"));
    }
}
