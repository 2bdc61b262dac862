package dev.a64w.check.coff;

/**
 * The few AArch64 instruction-form tests the relocation checker needs (Arm ARM, "A64 instruction
 * set encoding"), written from the encoding tables. Only {@link #form} is public (signatures name a
 * differing instruction by it).
 */
public final class A64Forms {
    private A64Forms() {
    }

    /** B (imm26): 000101 imm26. */
    /** The form of {@code insn} among those relocations patch, for messages: {@code ADRP}, {@code B.cond}..., or {@code other}. */
    public static String form(int insn) {
        if (isB(insn)) return "B";
        if (isBl(insn)) return "BL";
        if (isBCond(insn)) return "B.cond";
        if (isCbzCbnz(insn)) return "CBZ/CBNZ";
        if (isTbzTbnz(insn)) return "TBZ/TBNZ";
        if (isAdrp(insn)) return "ADRP";
        if (isAdr(insn)) return "ADR";
        if (isAddImm(insn)) return "ADD/ADDS (immediate)";
        if (isLdStUImm(insn)) return "LDR/STR (unsigned offset)";
        return "other";
    }

    static boolean isB(int insn) {
        return (insn & 0xFC00_0000) == 0x1400_0000;
    }

    /** BL (imm26): 100101 imm26. */
    static boolean isBl(int insn) {
        return (insn & 0xFC00_0000) == 0x9400_0000;
    }

    /** B.cond: 0101010 0 imm19 0 cond. */
    static boolean isBCond(int insn) {
        return (insn & 0xFF00_0010) == 0x5400_0000;
    }

    /** CBZ/CBNZ: sf 011010 op imm19 Rt. */
    static boolean isCbzCbnz(int insn) {
        return (insn & 0x7E00_0000) == 0x3400_0000;
    }

    /** TBZ/TBNZ: b5 011011 op b40 imm14 Rt. */
    static boolean isTbzTbnz(int insn) {
        return (insn & 0x7E00_0000) == 0x3600_0000;
    }

    /** ADRP: 1 immlo 10000 immhi Rd. */
    static boolean isAdrp(int insn) {
        return (insn & 0x9F00_0000) == 0x9000_0000;
    }

    /** ADR: 0 immlo 10000 immhi Rd. */
    static boolean isAdr(int insn) {
        return (insn & 0x9F00_0000) == 0x1000_0000;
    }

    /** ADD/ADDS (immediate), 32 or 64 bit, either shift: sf 0 S 100010 sh imm12 Rn Rd. */
    static boolean isAddImm(int insn) {
        return (insn & 0x5F80_0000) == 0x1100_0000;
    }

    /** The sh bit of ADD (immediate): 1 means imm12 is shifted left by 12. */
    static boolean addImmShifted(int insn) {
        return (insn & 0x0040_0000) != 0;
    }

    /** Load/store register (unsigned immediate), GPR or SIMD&FP, including PRFM: size 111 V 01 opc imm12 Rn Rt. */
    static boolean isLdStUImm(int insn) {
        return (insn & 0x3B00_0000) == 0x3900_0000;
    }

    /** log2 of the access size of a load/store (unsigned immediate); 4 for 128-bit Q accesses. */
    static int ldStScale(int insn) {
        int scale = insn >>> 30;
        if ((insn & 0x0480_0000) == 0x0480_0000) {
            scale += 4;
        }
        return scale;
    }

    static int imm12(int insn) {
        return (insn >>> 10) & 0xFFF;
    }

    /** The signed 21-bit immhi:immlo field of ADR/ADRP. */
    static int adrImm21(int insn) {
        int immlo = (insn >>> 29) & 3;
        int immhi = (insn >>> 5) & 0x7FFFF;
        int v = (immhi << 2) | immlo;
        return (v << 11) >> 11;
    }

    static int imm26(int insn) {
        return insn & 0x03FF_FFFF;
    }

    static int imm19(int insn) {
        return (insn >>> 5) & 0x7FFFF;
    }

    static int imm14(int insn) {
        return (insn >>> 5) & 0x3FFF;
    }
}
