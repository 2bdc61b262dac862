package dev.a64w.diff;

import dev.a64w.check.coff.Arm64RelocType;

/**
 * The relocation class of a reference, what the Policy check compares between compilers (the
 * table is in docs/policy.md). Classes are coarse on purpose: LLVM at O0 and O2 and our backend
 * legitimately differ in whether a page offset is folded into the access ({@code PAGEOFFSET_12L})
 * or added first ({@code PAGEOFFSET_12A}), but never in whether a call is a {@code BL} or a load of
 * the target's address: that difference is the wasmtime #8247 bug class.
 */
public enum RelocClass {
    /** {@code BL}/{@code B}/{@code B.cond}/{@code CBZ}/{@code TBZ} to the target: BRANCH26/19/14. */
    BRANCH,
    /** ADRP-relative addressing: PAGEBASE_REL21 with PAGEOFFSET_12A/12L, or ADR (REL21). */
    PAGE,
    /** The target's absolute address stored in data: ADDR64 or ADDR32. */
    ABSOLUTE,
    /** An image-relative address: ADDR32NB (unwind and exception tables, RVA fields). */
    IMAGE_RELATIVE,
    /** Section-relative forms: SECREL, SECTION, TOKEN, REL32, ABSOLUTE (debug information). */
    OTHER;

    public static RelocClass of(Arm64RelocType type) {
        return switch (type) {
            case BRANCH26, BRANCH19, BRANCH14 -> BRANCH;
            case PAGEBASE_REL21, PAGEOFFSET_12A, PAGEOFFSET_12L, REL21 -> PAGE;
            case ADDR64, ADDR32 -> ABSOLUTE;
            case ADDR32NB -> IMAGE_RELATIVE;
            case SECREL, SECREL_LOW12A, SECREL_HIGH12A, SECREL_LOW12L, SECTION, TOKEN, REL32, ABSOLUTE -> OTHER;
        };
    }
}
