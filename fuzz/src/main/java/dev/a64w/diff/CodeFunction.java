package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A function of an object: a defined function symbol in a code section and its extent, which runs
 * to the next function symbol at a higher offset in the same section or to the section end.
 * Several symbols at one address are aliases: the first in table order names the function.
 */
record CodeFunction(String name, Section section, long start, long end) {

    long size() {
        return end - start;
    }

    /** {@code .text+0x20} style. */
    String place(long offset) {
        return section.name() + "+0x" + Long.toHexString(offset);
    }

    static List<CodeFunction> of(CoffObject obj) {
        List<CodeFunction> out = new ArrayList<>();
        for (Section s : obj.sections()) {
            if (!s.isCode()) {
                continue;
            }
            List<Symbol> fns = obj.symbolsIn(s).stream()
                    .filter(Symbol::isFunction)
                    .sorted(Comparator.comparingLong(Symbol::value))
                    .toList();
            long size = s.isUninitialized() ? s.sizeOfRawData() : s.data().size();
            for (int i = 0; i < fns.size(); i++) {
                Symbol f = fns.get(i);
                if (i > 0 && fns.get(i - 1).value() == f.value()) {
                    continue;
                }
                long end = size;
                for (int j = i + 1; j < fns.size(); j++) {
                    if (fns.get(j).value() > f.value()) {
                        end = fns.get(j).value();
                        break;
                    }
                }
                out.add(new CodeFunction(f.name(), s, f.value(), Math.max(end, f.value())));
            }
        }
        return out;
    }

    /** The function whose extent holds {@code offset} of section {@code sectionNumber}. */
    static Optional<CodeFunction> containing(List<CodeFunction> fns, int sectionNumber, long offset) {
        return fns.stream()
                .filter(f -> f.section.number() == sectionNumber && offset >= f.start && offset < f.end)
                .findFirst();
    }
}
