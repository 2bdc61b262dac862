package dev.a64w.check.coff;

import java.util.OptionalLong;

/**
 * The addend an ARM64 COFF object stores in the place a relocation patches (reference
 * arm64-coff.md §2; how lld-link reads it): the imm26/imm19/imm14 branch fields times 4, the
 * ADRP/ADR immhi:immlo field in bytes, the ADD imm12, the LDR/STR imm12 scaled by the access size,
 * and the raw little-endian value for data relocations. Also gives the mask of the instruction bits
 * that hold it, so two words can be compared apart from their addends.
 */
public final class InlineAddend {
    private InlineAddend() {
    }

    /** The addend at {@code r}'s place in {@code s}, empty if the type is unknown or the place is out of bounds. */
    public static OptionalLong of(Section s, Relocation r) {
        if (r.arm64Type().isEmpty() || s.isUninitialized()) {
            return OptionalLong.empty();
        }
        Arm64RelocType type = r.arm64Type().get();
        if (r.offset() < 0 || r.offset() + Math.max(type.width(), 1) > s.data().size()) {
            return OptionalLong.empty();
        }
        int at = (int) r.offset();
        if (type.patchesInstruction()) {
            return OptionalLong.of(instructionAddend(type, (int) s.data().u32(at)));
        }
        return switch (type) {
            case ADDR64 -> OptionalLong.of(s.data().u64(at));
            case SECTION -> OptionalLong.of(s.data().u16(at));
            case ABSOLUTE -> OptionalLong.of(0);
            case ADDR32 -> OptionalLong.of(s.data().u32(at));
            default -> OptionalLong.of((int) s.data().u32(at)); // ADDR32NB, SECREL, REL32, TOKEN: signed 32
        };
    }

    /** The addend held in an instruction patched by {@code type} (0 for a non-instruction type). */
    public static long instructionAddend(Arm64RelocType type, int insn) {
        return switch (type) {
            case BRANCH26 -> (long) ((insn << 6) >> 6) * 4;
            case BRANCH19 -> (long) ((A64Forms.imm19(insn) << 13) >> 13) * 4;
            case BRANCH14 -> (long) ((A64Forms.imm14(insn) << 18) >> 18) * 4;
            case PAGEBASE_REL21, REL21 -> A64Forms.adrImm21(insn);
            case PAGEOFFSET_12A, SECREL_LOW12A, SECREL_HIGH12A -> A64Forms.imm12(insn);
            case PAGEOFFSET_12L, SECREL_LOW12L -> (long) A64Forms.imm12(insn) << A64Forms.ldStScale(insn);
            default -> 0;
        };
    }

    /** The instruction bits that hold the addend for {@code type} (0 for a non-instruction type). */
    public static int instructionMask(Arm64RelocType type) {
        return switch (type) {
            case BRANCH26 -> 0x03FF_FFFF;
            case BRANCH19 -> 0x00FF_FFE0;
            case BRANCH14 -> 0x0007_FFE0;
            case PAGEBASE_REL21, REL21 -> 0x60FF_FFE0;
            case PAGEOFFSET_12A, SECREL_LOW12A, SECREL_HIGH12A, PAGEOFFSET_12L, SECREL_LOW12L -> 0x003F_FC00;
            default -> 0;
        };
    }
}
