package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;

/**
 * A relocation in a section's model: at byte {@code offset} of the section, a field of relocation
 * {@code type} (IMAGE_REL_ARM64_*) refers to {@code target}. The addend, if any, lives in the
 * section's bytes (COFF has no RELA).
 */
public record CoffRelocation(int offset, Target target, int type) {
    /** What a relocation refers to; the layout turns it into a symbol-table index. */
    public sealed interface Target {}

    /** The section symbol of section {@code section} (0-based), for targets that have no name of their own. */
    public record SectionSymbol(int section) implements Target {}

    /** The named symbol {@code symbol} (0-based index into {@link CoffObject#symbols()}). */
    public record NamedSymbol(int symbol) implements Target {}

    public CoffRelocation {
        if (offset < 0) throw new CompileException("relocation offset " + offset + " is negative");
        if (type < 0 || type > 0xffff) throw new CompileException("relocation type 0x" + Integer.toHexString(type) + " is not a u16");
    }
}
