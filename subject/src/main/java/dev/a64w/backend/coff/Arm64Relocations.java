package dev.a64w.backend.coff;

import dev.a64w.backend.RelocKind;

/**
 * IMAGE_REL_ARM64_* (Microsoft PE format; LLVM COFF.h; reference §2) and the one mapping from the
 * backend's neutral {@link RelocKind} to them, as LLVM's AArch64WinCOFFObjectWriter maps fixups.
 * Addends are not handled here: the code generator writes them into the instruction immediates.
 */
public final class Arm64Relocations {
    private Arm64Relocations() {}

    public static final int IMAGE_REL_ARM64_ABSOLUTE = 0x00;
    public static final int IMAGE_REL_ARM64_ADDR32 = 0x01;
    public static final int IMAGE_REL_ARM64_ADDR32NB = 0x02;
    public static final int IMAGE_REL_ARM64_BRANCH26 = 0x03;
    public static final int IMAGE_REL_ARM64_PAGEBASE_REL21 = 0x04;
    public static final int IMAGE_REL_ARM64_REL21 = 0x05;
    public static final int IMAGE_REL_ARM64_PAGEOFFSET_12A = 0x06;
    public static final int IMAGE_REL_ARM64_PAGEOFFSET_12L = 0x07;
    public static final int IMAGE_REL_ARM64_SECREL = 0x08;
    public static final int IMAGE_REL_ARM64_SECREL_LOW12A = 0x09;
    public static final int IMAGE_REL_ARM64_SECREL_HIGH12A = 0x0A;
    public static final int IMAGE_REL_ARM64_SECREL_LOW12L = 0x0B;
    public static final int IMAGE_REL_ARM64_TOKEN = 0x0C;
    public static final int IMAGE_REL_ARM64_SECTION = 0x0D;
    public static final int IMAGE_REL_ARM64_ADDR64 = 0x0E;
    public static final int IMAGE_REL_ARM64_BRANCH19 = 0x0F;
    public static final int IMAGE_REL_ARM64_BRANCH14 = 0x10;
    public static final int IMAGE_REL_ARM64_REL32 = 0x11;

    private static final String[] NAMES = {
        "ABSOLUTE", "ADDR32", "ADDR32NB", "BRANCH26", "PAGEBASE_REL21", "REL21", "PAGEOFFSET_12A", "PAGEOFFSET_12L",
        "SECREL", "SECREL_LOW12A", "SECREL_HIGH12A", "SECREL_LOW12L", "TOKEN", "SECTION", "ADDR64", "BRANCH19",
        "BRANCH14", "REL32"};

    /** The COFF relocation type for a neutral kind. */
    public static int type(RelocKind kind) {
        return switch (kind) {
            case CALL26 -> IMAGE_REL_ARM64_BRANCH26;
            case ADRP_PAGE21 -> IMAGE_REL_ARM64_PAGEBASE_REL21;
            case ADD_LO12 -> IMAGE_REL_ARM64_PAGEOFFSET_12A;
            case LDST8_LO12, LDST16_LO12, LDST32_LO12, LDST64_LO12, LDST128_LO12 -> IMAGE_REL_ARM64_PAGEOFFSET_12L;
            case ABS64 -> IMAGE_REL_ARM64_ADDR64;
            case ADDR32NB -> IMAGE_REL_ARM64_ADDR32NB;
        };
    }

    /** {@code IMAGE_REL_ARM64_BRANCH26}, or {@code IMAGE_REL_ARM64_0x1f} for an unknown type. */
    public static String name(int type) {
        return "IMAGE_REL_ARM64_" + (type >= 0 && type < NAMES.length ? NAMES[type] : "0x" + Integer.toHexString(type));
    }

    /** Bytes of the field a relocation of {@code type} patches. */
    public static int fieldSize(int type) {
        return switch (type) {
            case IMAGE_REL_ARM64_ADDR64 -> 8;
            case IMAGE_REL_ARM64_SECTION -> 2;
            case IMAGE_REL_ARM64_ABSOLUTE -> 0;
            default -> 4;
        };
    }
}
