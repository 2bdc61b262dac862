package dev.a64w.check.coff;

import dev.a64w.util.Bytes;

import java.util.List;

/**
 * One section of an object (PE format, "Section Table").
 *
 * @param number          1-based section number
 * @param name            the name, long names ({@code /NNN}) resolved via the string table
 * @param characteristics the raw Characteristics field
 * @param alignment       decoded from the IMAGE_SCN_ALIGN_* field, in bytes; 0 if unset
 * @param data            raw data; empty for uninitialized data
 * @param relocations     the relocation records (the NRELOC_OVFL count record excluded)
 * @param sizeOfRawData   SizeOfRawData (for uninitialized data: the size to reserve)
 */
public record Section(int number, String name, long characteristics, int alignment, Bytes data,
                      List<Relocation> relocations, long sizeOfRawData) {
    public static final long CNT_CODE = 0x20;
    public static final long CNT_INITIALIZED_DATA = 0x40;
    public static final long CNT_UNINITIALIZED_DATA = 0x80;
    public static final long LNK_INFO = 0x200;
    public static final long LNK_REMOVE = 0x800;
    public static final long LNK_COMDAT = 0x1000;
    public static final long LNK_NRELOC_OVFL = 0x0100_0000L;
    public static final long MEM_DISCARDABLE = 0x0200_0000L;
    public static final long MEM_EXECUTE = 0x2000_0000L;
    public static final long MEM_READ = 0x4000_0000L;
    public static final long MEM_WRITE = 0x8000_0000L;
    public static final long ALIGN_MASK = 0x00F0_0000L;

    public Section {
        relocations = List.copyOf(relocations);
    }

    public boolean isCode() {
        return (characteristics & (CNT_CODE | MEM_EXECUTE)) != 0;
    }

    public boolean isUninitialized() {
        return (characteristics & CNT_UNINITIALIZED_DATA) != 0;
    }

    /** Data-like: neither code nor a linker-info section such as {@code .drectve}. */
    public boolean isDataLike() {
        return !isCode() && (characteristics & LNK_INFO) == 0;
    }
}
