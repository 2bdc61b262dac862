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

    private static Optional<String> difference(String name, List<UnwindEntries.Fragment> a, List<UnwindEntries.Fragment> b) {
        String prefix = "unwind of " + name + " differs: ";
        if (a.isEmpty() != b.isEmpty()) {
            return Optional.of(prefix + (a.isEmpty() ? "no .pdata entry vs .pdata entry" : ".pdata entry vs no .pdata entry"));
        }
        String offsetsA = offsets(a);
        String offsetsB = offsets(b);
        if (!offsetsA.equals(offsetsB)) {
            return Optional.of(prefix + "fragments at " + offsetsA + " vs " + offsetsB);
        }
        for (int i = 0; i < a.size(); i++) {
            String d = UnwindText.firstDifference(a.get(i).meaning(), b.get(i).meaning());
            if (!d.isEmpty()) {
                return Optional.of(prefix + (a.size() > 1 ? "fragment +0x" + Long.toHexString(a.get(i).offset()) + " " : "") + d);
            }
        }
        return Optional.empty();
    }

    private static String offsets(List<UnwindEntries.Fragment> fs) {
        return fs.stream().map(f -> "+0x" + Long.toHexString(f.offset())).collect(Collectors.joining(", ", "[", "]"));
    }
}
