package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An immutable COFF object: machine, sections (COFF section number = index + 1) and named symbols.
 * Build it with {@link #build}: the builder lives only inside the lambda, so no half-built object
 * escapes. The canonical constructor checks every cross reference, so an instance is always
 * writable.
 */
public record CoffObject(int machine, List<CoffSection> sections, List<CoffSymbol> symbols) {

    public CoffObject {
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
        if (sections.size() > 0x7fff) throw new CompileException(sections.size() + " sections: more than a regular COFF holds");
        Set<String> externals = new HashSet<>();
        for (CoffSymbol s : symbols) {
            switch (s) {
                case CoffSymbol.Defined d -> {
                    if (d.section() >= sections.size()) {
                        throw new CompileException("symbol " + d.name() + ": section index " + d.section() + " but only "
                                + sections.size() + " sections");
                    }
                    if (d.value() < 0 || d.value() > sections.get(d.section()).data().size()) {
                        throw new CompileException("symbol " + d.name() + ": value 0x" + Integer.toHexString(d.value())
                                + " outside section " + sections.get(d.section()).name() + " (size 0x"
                                + Integer.toHexString(sections.get(d.section()).data().size()) + ")");
                    }
                    if (d.storageClass() == Coff.IMAGE_SYM_CLASS_EXTERNAL && !externals.add(d.name())) {
                        throw new CompileException("symbol " + d.name() + " is defined twice");
                    }
                }
                case CoffSymbol.Undefined u -> {
                    if (!externals.add(u.name())) throw new CompileException("symbol " + u.name() + " is both defined and undefined, or listed twice");
                }
            }
        }
        for (CoffSection sec : sections) {
            for (CoffRelocation r : sec.relocations()) {
                int limit = r.target() instanceof CoffRelocation.SectionSymbol ? sections.size() : symbols.size();
                int t = switch (r.target()) {
                    case CoffRelocation.SectionSymbol(int section) -> section;
                    case CoffRelocation.NamedSymbol(int symbol) -> symbol;
                };
                if (t < 0 || t >= limit) {
                    throw new CompileException("section " + sec.name() + ": relocation at 0x" + Integer.toHexString(r.offset())
                            + " targets " + r.target() + " but there are only " + limit);
                }
                int width = machine == Coff.IMAGE_FILE_MACHINE_ARM64 ? Arm64Relocations.fieldSize(r.type()) : 1;
                if (r.offset() + width > sec.data().size()) {
                    throw new CompileException("section " + sec.name() + ": relocation " + Arm64Relocations.name(r.type()) + " at 0x"
                            + Integer.toHexString(r.offset()) + " (0x" + Integer.toHexString(width) + " bytes) outside the section (size 0x"
                            + Integer.toHexString(sec.data().size()) + ")");
                }
            }
        }
    }

    /** Builds an object for {@code machine}: {@code spec} adds sections, symbols and relocations. */
    public static CoffObject build(int machine, Consumer<CoffBuilder> spec) {
        CoffBuilder b = new CoffBuilder(machine);
        spec.accept(b);
        return b.finish();
    }

    public int sectionIndex(String name) {
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).name().equals(name)) return i;
        return -1;
    }

    public int symbolIndex(String name) {
        for (int i = 0; i < symbols.size(); i++) if (symbols.get(i).name().equals(name)) return i;
        return -1;
    }
}
