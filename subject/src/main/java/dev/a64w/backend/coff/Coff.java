package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;

/**
 * COFF constants with the spec's names (Microsoft PE format: file header, section flags, symbol
 * table; reference/arm64-coff.md §1) and the sizes of the fixed records.
 */
public final class Coff {
    private Coff() {}

    public static final int IMAGE_FILE_MACHINE_ARM64 = 0xAA64;

    public static final int FILE_HEADER_SIZE = 20;
    public static final int SECTION_HEADER_SIZE = 40;
    public static final int RELOCATION_SIZE = 10;
    public static final int SYMBOL_SIZE = 18;

    public static final int IMAGE_SCN_CNT_CODE = 0x20;
    public static final int IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
    public static final int IMAGE_SCN_CNT_UNINITIALIZED_DATA = 0x80;
    public static final int IMAGE_SCN_LNK_INFO = 0x200;
    public static final int IMAGE_SCN_LNK_REMOVE = 0x800;
    public static final int IMAGE_SCN_LNK_COMDAT = 0x1000;
    /** The 4-bit ALIGN_* field (bits 23:20): value n means 2^(n-1) bytes. */
    public static final int IMAGE_SCN_ALIGN_MASK = 0x00F00000;
    public static final int IMAGE_SCN_LNK_NRELOC_OVFL = 0x01000000;
    public static final int IMAGE_SCN_MEM_DISCARDABLE = 0x02000000;
    public static final int IMAGE_SCN_MEM_EXECUTE = 0x20000000;
    public static final int IMAGE_SCN_MEM_READ = 0x40000000;
    public static final int IMAGE_SCN_MEM_WRITE = 0x80000000;

    /** Relocation counts at or above this set NRELOC_OVFL (LLVM's threshold: 0xFFFF itself is the marker). */
    public static final int RELOC_OVERFLOW_THRESHOLD = 0xFFFF;

    public static final int IMAGE_SYM_UNDEFINED = 0;
    public static final int IMAGE_SYM_TYPE_NULL = 0;
    /** Complex type "function" in the symbol Type field. */
    public static final int IMAGE_SYM_DTYPE_FUNCTION = 0x20;
    public static final int IMAGE_SYM_CLASS_EXTERNAL = 2;
    public static final int IMAGE_SYM_CLASS_STATIC = 3;
    public static final int IMAGE_SYM_CLASS_LABEL = 6;

    /** Typical section flags (reference §1, LLVM's choices). */
    public static final int TEXT = IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ;
    public static final int DATA = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE;
    public static final int RDATA = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ;

    /** The ALIGN_* field value for a power-of-two alignment 1..8192. */
    public static int alignFlag(int alignment) {
        if (alignment < 1 || alignment > 8192 || Integer.bitCount(alignment) != 1) {
            throw new CompileException("section alignment " + alignment + " is not a power of two in 1..8192");
        }
        return (Integer.numberOfTrailingZeros(alignment) + 1) << 20;
    }

    /** The alignment an ALIGN_* field encodes, or 0 when the field is 0 (no alignment given). */
    public static int alignmentOf(int characteristics) {
        int n = (characteristics & IMAGE_SCN_ALIGN_MASK) >>> 20;
        return n == 0 ? 0 : 1 << (n - 1);
    }
}
