package dev.a64w.check.coff;

import java.util.Optional;

/** IMAGE_REL_ARM64_* relocation types (PE format, "ARM64 Processors"; REL32 = 0x11 per LLVM COFF.h). */
public enum Arm64RelocType {
    ABSOLUTE(0x00),
    ADDR32(0x01),
    ADDR32NB(0x02),
    BRANCH26(0x03),
    PAGEBASE_REL21(0x04),
    REL21(0x05),
    PAGEOFFSET_12A(0x06),
    PAGEOFFSET_12L(0x07),
    SECREL(0x08),
    SECREL_LOW12A(0x09),
    SECREL_HIGH12A(0x0A),
    SECREL_LOW12L(0x0B),
    TOKEN(0x0C),
    SECTION(0x0D),
    ADDR64(0x0E),
    BRANCH19(0x0F),
    BRANCH14(0x10),
    REL32(0x11);

    private final int code;

    Arm64RelocType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Arm64RelocType> fromCode(int code) {
        for (Arm64RelocType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** True if the relocation patches an instruction word (as opposed to a data field). */
    public boolean patchesInstruction() {
        return switch (this) {
            case BRANCH26, BRANCH19, BRANCH14, PAGEBASE_REL21, REL21, PAGEOFFSET_12A, PAGEOFFSET_12L,
                 SECREL_LOW12A, SECREL_HIGH12A, SECREL_LOW12L -> true;
            case ABSOLUTE, ADDR32, ADDR32NB, SECREL, TOKEN, SECTION, ADDR64, REL32 -> false;
        };
    }

    /** Width in bytes of the patched field. */
    public int width() {
        return switch (this) {
            case ADDR64 -> 8;
            case SECTION -> 2;
            case ABSOLUTE -> 0;
            default -> 4;
        };
    }
}
