package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the parts of a {@link CoffObject} inside {@link CoffObject#build}. Indices it returns
 * are 0-based positions in the final object. Unusable after the lambda returns.
 */
public final class CoffBuilder {
    private final int machine;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> characteristics = new ArrayList<>();
    private final List<Integer> alignments = new ArrayList<>();
    private final List<Bytes> contents = new ArrayList<>();
    private final List<List<CoffRelocation>> relocations = new ArrayList<>();
    private final List<CoffSymbol> symbols = new ArrayList<>();
    private boolean finished;

    CoffBuilder(int machine) {
        this.machine = machine;
    }

    /** Adds a section; returns its index. */
    public int section(String name, int characteristics, int alignment, Bytes data) {
        open();
        names.add(name);
        this.characteristics.add(characteristics);
        alignments.add(alignment);
        contents.add(data);
        relocations.add(new ArrayList<>());
        return names.size() - 1;
    }

    /** Adds a symbol defined in {@code section} at {@code value}; returns its index. */
    public int defined(String name, int section, int value, int type, int storageClass) {
        open();
        symbols.add(new CoffSymbol.Defined(name, section, value, type, storageClass));
        return symbols.size() - 1;
    }

    /** Adds an undefined EXTERNAL symbol; returns its index. */
    public int undefined(String name, int type) {
        open();
        symbols.add(new CoffSymbol.Undefined(name, type));
        return symbols.size() - 1;
    }

    /** Appends a relocation to {@code section}'s table. */
    public void relocation(int section, int offset, CoffRelocation.Target target, int type) {
        open();
        if (section < 0 || section >= relocations.size()) {
            throw new CompileException("relocation in section index " + section + " of " + relocations.size());
        }
        relocations.get(section).add(new CoffRelocation(offset, target, type));
    }

    public void relocationToSymbol(int section, int offset, int symbol, int type) {
        relocation(section, offset, new CoffRelocation.NamedSymbol(symbol), type);
    }

    public void relocationToSection(int section, int offset, int targetSection, int type) {
        relocation(section, offset, new CoffRelocation.SectionSymbol(targetSection), type);
    }

    private void open() {
        if (finished) throw new IllegalStateException("CoffBuilder used after its object was built");
    }

    CoffObject finish() {
        open();
        finished = true;
        List<CoffSection> sections = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            sections.add(new CoffSection(names.get(i), characteristics.get(i), alignments.get(i), contents.get(i), relocations.get(i)));
        }
        return new CoffObject(machine, sections, symbols);
    }
}
