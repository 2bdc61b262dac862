package dev.a64w.audit;

/**
 * What an A64 instruction word is, as far as stepping a prologue or epilogue is concerned (Arm ARM
 * C4.1, "A64 instruction set encoding": the top-level groups and, inside "Branches, Exception
 * Generating and System instructions" and "Loads and Stores", the classes named here).
 *
 * <p>Which classes may appear where is decided in {@link #allowedIn(Sequence)}: register-only data
 * processing, plain loads and stores (pair, single register with immediate, register or literal
 * addressing) and the hints compilers put into frames ({@code nop}, the {@code pac*}/{@code aut*}
 * LR-signing hints, {@code bti}, {@code xpaclri}) anywhere; {@code bl} anywhere (a helper of the
 * frame: stack probe, /GS cookie push or pop, run by {@link CallStepper}); returns and tail branches only as the last instruction of an
 * epilogue. Everything else (conditional and register branches, system instructions, exception
 * generation, exclusive/atomic/acquire-release/structure loads and stores, SVE/SME, unallocated
 * words) makes a function {@code unsupported}.
 */
public enum InsnClass {
    /** Data processing, immediate or register, integer or SIMD&FP: writes registers only. */
    DATA,
    /** LDP/STP/LDNP/STNP, LDR/STR (unsigned, unscaled, pre/post-indexed, register offset), LDR literal, PRFM. */
    LOAD_STORE,
    /** NOP, PACI[AB]SP/Z, AUTI[AB]SP/Z, XPACLRI, BTI: no effect the unwinder must know of (NOPs on ARMv8.0). */
    FRAME_HINT,
    /** {@code bl imm26}: in a prologue or epilogue, the call of a helper of the frame (stack probe, /GS cookie). */
    CALL,
    /** {@code ret}, {@code retaa}, {@code retab}. */
    RETURN,
    /** {@code b imm26}, {@code br}, {@code braa(z)}/{@code brab(z)}: a tail call. */
    TAIL_BRANCH,
    /** Any other branch: conditional, compare/test and branch, {@code blr}, {@code eret}... */
    OTHER_BRANCH,
    /** System instructions: other hints, barriers, MSR/MRS, SYS. */
    SYSTEM,
    /** SVC, HVC, SMC, BRK, HLT, DCPS. */
    EXCEPTION,
    /** Loads and stores outside {@link #LOAD_STORE}: exclusive, atomic, acquire/release, structures, tags... */
    OTHER_MEMORY,
    /** SVE, SME and unallocated encodings. */
    OTHER;

    /** Where an instruction is stepped. */
    public enum Sequence { PROLOGUE, EPILOGUE }

    /** True if the instruction may be executed inside the given sequence (not as its terminator). */
    public boolean allowedIn(Sequence where) {
        return switch (this) {
            case DATA, LOAD_STORE, FRAME_HINT -> true;
            case CALL -> true;
            case RETURN, TAIL_BRANCH, OTHER_BRANCH, SYSTEM, EXCEPTION, OTHER_MEMORY, OTHER -> false;
        };
    }

    /** True for the instructions that end an epilogue (the unwind code {@code end} stands for them). */
    public boolean terminates() {
        return this == RETURN || this == TAIL_BRANCH;
    }

    public static InsnClass of(int word) {
        long w = word & 0xFFFF_FFFFL;
        if ((w & 0x1C00_0000L) == 0x1000_0000L) { // op0 = 100x: data processing, immediate
            return DATA;
        }
        if ((w & 0x0E00_0000L) == 0x0A00_0000L) { // op0 = x101: data processing, register
            return DATA;
        }
        if ((w & 0x0E00_0000L) == 0x0E00_0000L) { // op0 = x111: SIMD&FP data processing
            return DATA;
        }
        if ((w & 0x1C00_0000L) == 0x1400_0000L) { // op0 = 101x: branches, exception generation, system
            return branchOrSystem(w);
        }
        if ((w & 0x0A00_0000L) == 0x0800_0000L) { // op0 = x1x0: loads and stores
            return loadStore(w);
        }
        return OTHER; // reserved, SME, SVE, unallocated
    }

    private static InsnClass branchOrSystem(long w) {
        if ((w & 0xFC00_0000L) == 0x1400_0000L) {
            return TAIL_BRANCH; // B
        }
        if ((w & 0xFC00_0000L) == 0x9400_0000L) {
            return CALL; // BL
        }
        if ((w & 0xFF00_0000L) == 0xD400_0000L) {
            return EXCEPTION;
        }
        if ((w & 0xFFFF_F01FL) == 0xD503_201FL) {
            return hint((int) ((w >>> 5) & 0x7F));
        }
        if ((w & 0xFFC0_0000L) == 0xD500_0000L) {
            return SYSTEM;
        }
        if ((w & 0xFFFF_FC1FL) == 0xD65F_0000L || w == 0xD65F_0BFFL || w == 0xD65F_0FFFL) {
            return RETURN; // RET Xn, RETAA, RETAB
        }
        if ((w & 0xFFFF_FC1FL) == 0xD61F_0000L || (w & 0xFFFF_F81FL) == 0xD61F_081FL || (w & 0xFFFF_F800L) == 0xD71F_0800L) {
            return TAIL_BRANCH; // BR Xn, BRAAZ/BRABZ Xn, BRAA/BRAB Xn, Xm
        }
        return OTHER_BRANCH;
    }

    /** HINT #imm (CRm:op2): the frame-related ones are allowed, any other hint counts as a system instruction. */
    private static InsnClass hint(int imm) {
        return switch (imm) {
            case 0, 7, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 36, 38 -> FRAME_HINT;
            default -> SYSTEM;
        };
    }

    private static InsnClass loadStore(long w) {
        if ((w & 0x3A00_0000L) == 0x2800_0000L) {
            return LOAD_STORE; // load/store pair (no-allocate, post, offset, pre), integer or SIMD&FP
        }
        if ((w & 0x3B00_0000L) == 0x3900_0000L) {
            return LOAD_STORE; // load/store register, unsigned immediate
        }
        if ((w & 0x3B00_0000L) == 0x1800_0000L) {
            return LOAD_STORE; // load register, literal
        }
        if ((w & 0x3B00_0000L) == 0x3800_0000L) {
            int op4 = (int) ((w >>> 10) & 3);
            boolean bit21 = ((w >>> 21) & 1) != 0;
            if (!bit21 && op4 != 2) {
                return LOAD_STORE; // unscaled immediate, post-indexed, pre-indexed (not unprivileged)
            }
            if (bit21 && op4 == 2) {
                return LOAD_STORE; // register offset
            }
        }
        return OTHER_MEMORY;
    }
}
