package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;
import dev.a64w.util.Bytes;
import java.util.List;

/**
 * A section in the model: name, characteristics without the ALIGN_* field and without
 * NRELOC_OVFL (the layout derives both), alignment (power of two, 1..8192), contents and
 * relocations in the order they are written.
 */
public record CoffSection(String name, int characteristics, int alignment, Bytes data, List<CoffRelocation> relocations) {
    public CoffSection {
        relocations = List.copyOf(relocations);
        if (name.isEmpty() || name.indexOf('\0') >= 0) throw new CompileException("bad section name '" + name + "'");
        if ((characteristics & (Coff.IMAGE_SCN_ALIGN_MASK | Coff.IMAGE_SCN_LNK_NRELOC_OVFL)) != 0) {
            throw new CompileException("section " + name + ": characteristics 0x" + Integer.toHexString(characteristics)
                    + " carry ALIGN_*/NRELOC_OVFL bits; give the alignment separately");
        }
        Coff.alignFlag(alignment);
    }

    /** The characteristics as written: with the ALIGN_* field and, when needed, NRELOC_OVFL. */
    public int writtenCharacteristics() {
        return characteristics | Coff.alignFlag(alignment)
                | (relocations.size() >= Coff.RELOC_OVERFLOW_THRESHOLD ? Coff.IMAGE_SCN_LNK_NRELOC_OVFL : 0);
    }
}
