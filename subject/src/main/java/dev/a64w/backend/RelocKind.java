package dev.a64w.backend;

/**
 * What an instruction or data word needs from the linker, independent of the object format
 * (LLVM's split: neutral fixup kinds here, one exhaustive mapping to IMAGE_REL_ARM64_* in the
 * COFF package).
 */
public enum RelocKind {
    /** BL/B imm26: branch to a symbol. */
    CALL26,
    /** ADRP: page of symbol+addend. */
    ADRP_PAGE21,
    /** ADD (immediate): low 12 bits of symbol+addend. */
    ADD_LO12,
    /** LDR/STR (unsigned offset), 1-byte access: low 12 bits, unscaled. */
    LDST8_LO12,
    /** LDR/STR (unsigned offset), 2-byte access: low 12 bits scaled by 2. */
    LDST16_LO12,
    /** LDR/STR (unsigned offset), 4-byte access: low 12 bits scaled by 4. */
    LDST32_LO12,
    /** LDR/STR (unsigned offset), 8-byte access: low 12 bits scaled by 8. */
    LDST64_LO12,
    /** LDR/STR Q (unsigned offset), 16-byte access: low 12 bits scaled by 16. */
    LDST128_LO12,
    /** 64-bit absolute address in data. */
    ABS64,
    /** 32-bit image-relative address (RVA) in data (.pdata, .xdata). */
    ADDR32NB;

    /** Access size in bytes for the LDST kinds, 0 for the others. */
    public int accessBytes() {
        return switch (this) {
            case LDST8_LO12 -> 1;
            case LDST16_LO12 -> 2;
            case LDST32_LO12 -> 4;
            case LDST64_LO12 -> 8;
            case LDST128_LO12 -> 16;
            case CALL26, ADRP_PAGE21, ADD_LO12, ABS64, ADDR32NB -> 0;
        };
    }
}
