package dev.a64w.check.coff;

import java.util.List;
import java.util.Optional;

/**
 * A COFF object as read by {@link CoffReader}: header fields, sections in table order, primary
 * symbols in table order (aux records folded into their owner).
 */
public record CoffObject(int machine, long timestamp, List<Section> sections, List<Symbol> symbols) {
    public static final int MACHINE_ARM64 = 0xAA64;

    public CoffObject {
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
    }

    /** The first section with this exact name. */
    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** All sections with this exact name (one per function in COMDAT mode). */
    public List<Section> sectionsNamed(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Section by 1-based number. */
    public Optional<Section> sectionNumber(int number) {
        return number >= 1 && number <= sections.size() ? Optional.of(sections.get(number - 1)) : Optional.empty();
    }

    /** The first symbol with this exact name. */
    public Optional<Symbol> symbol(String name) {
        return symbols.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The primary symbol record at a table index (as used by relocations). */
    public Optional<Symbol> symbolAt(int index) {
        return symbols.stream().filter(s -> s.index() == index).findFirst();
    }

    /** Symbols whose SectionNumber is this section, in table order. */
    public List<Symbol> symbolsIn(Section section) {
        return symbols.stream().filter(s -> s.sectionNumber() == section.number()).toList();
    }
}
