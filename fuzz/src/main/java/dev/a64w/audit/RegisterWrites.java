package dev.a64w.audit;

/**
 * Which registers an A64 instruction may write, as a bit set: bit n for xN (n = 0..30), {@link #SP}
 * for the stack pointer, bit 32 + n for vN (any write to vN, its d, s, h or b view included). The
 * set over-approximates: an encoding this class does not know gives {@link #ALL}, and where a field
 * is a destination for some instructions of a class and not for others (CCMP's nzcv, an exclusive
 * store's Rt) it counts as written. Register number 31 is XZR (no write) except where the Arm ARM
 * makes it SP: ADD/SUB (immediate or extended register) without S, logical immediate other than
 * ANDS, ADDG/SUBG, and the base register written back by a load or store.
 *
 * <p>From the Arm ARM's A64 encoding index (C4.1): the top-level groups by op0 (bits 28:25), then
 * per group the classes named in the methods. Used where the audit must know what an instruction
 * changes without running it: a function without unwind data (a leaf) must write none of SP,
 * x19–x30 and d8–d15; a body instruction of a frame without frame pointer must not write SP; and
 * after a step, only the registers it may have written are read again.
 */
public final class RegisterWrites {
    public static final long SP = 1L << 31;
    public static final long ALL = -1L;
    /** x19–x30, SP and v8–v15: what an unwind must give back (d8–d15 are the low halves of v8–v15). */
    public static final long CALLEE_SAVED = 0xFFFL << 19 | SP | 0xFFL << 40;

    private RegisterWrites() {
    }

    public static long x(int n) {
        return n == 31 ? 0 : 1L << n;
    }

    public static long v(int n) {
        return 1L << (32 + n);
    }

    /** Register 31 as the stack pointer. */
    static long xOrSp(int n) {
        return n == 31 ? SP : 1L << n;
    }

    /** What {@code word} may write. */
    public static long of(int word) {
        long w = word & 0xFFFF_FFFFL;
        int op0 = (int) ((w >>> 25) & 0xF);
        int rd = (int) (w & 31);
        if ((op0 & 0b1110) == 0b1000) {
            return dataImmediate(w, rd);
        }
        if ((op0 & 0b0111) == 0b0101) {
            return dataRegister(w, rd);
        }
        if ((op0 & 0b0111) == 0b0111) {
            return simdAndFp(w, rd);
        }
        if ((op0 & 0b1110) == 0b1010) {
            return branchOrSystem(w, rd);
        }
        if ((op0 & 0b0101) == 0b0100) {
            return loadStore(w, rd);
        }
        return w >>> 16 == 0 ? 0 : ALL; // UDF #imm16 writes nothing; SVE, SME, unallocated: unknown
    }

    /** A set as text, for messages: {@code sp, x19, d8}; {@code every register} for {@link #ALL}. */
    public static String names(long set) {
        if (set == ALL) {
            return "every register";
        }
        StringBuilder sb = new StringBuilder();
        if ((set & SP) != 0) {
            sb.append("sp");
        }
        for (int n = 0; n <= 30; n++) {
            if ((set & x(n)) != 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append('x').append(n);
            }
        }
        for (int n = 0; n < 32; n++) {
            if ((set & v(n)) != 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(n >= 8 && n <= 15 ? "d" : "v").append(n);
            }
        }
        return sb.toString();
    }

    /** Data processing, immediate (op0 100x), by bits 25:23. */
    private static long dataImmediate(long w, int rd) {
        boolean s = ((w >>> 29) & 1) != 0;
        return switch ((int) ((w >>> 23) & 7)) {
            case 0b010 -> s ? x(rd) : xOrSp(rd); // ADD/SUB (immediate)
            case 0b011 -> xOrSp(rd); // ADDG/SUBG (SP-capable), min/max immediate
            case 0b100 -> ((w >>> 29) & 3) == 3 ? x(rd) : xOrSp(rd); // logical (immediate): ANDS writes XZR
            default -> x(rd); // PC-relative, move wide, bitfield, extract
        };
    }

    /** Data processing, register (op0 x101): only ADD/SUB (extended register) without S can write SP. */
    private static long dataRegister(long w, int rd) {
        boolean extended = (w & 0x1F20_0000L) == 0x0B20_0000L;
        boolean s = ((w >>> 29) & 1) != 0;
        return extended && !s ? xOrSp(rd) : x(rd);
    }

    /**
     * Data processing, SIMD and floating point (op0 x111): a V register except for the conversions
     * to a general register (FCVT* to integer, FMOV to general, FJCVTZS), UMOV/SMOV, and the
     * compares, which write only flags.
     */
    private static long simdAndFp(long w, int rd) {
        if ((w & 0x7F20_FC00L) == 0x1E20_0000L) { // conversion between floating point and integer
            int opcode = (int) ((w >>> 16) & 7);
            return opcode == 2 || opcode == 3 || opcode == 7 ? v(rd) : x(rd);
        }
        if ((w & 0x7F20_0000L) == 0x1E00_0000L) { // conversion between floating point and fixed point
            int opcode = (int) ((w >>> 16) & 7);
            return opcode <= 1 ? x(rd) : v(rd);
        }
        if ((w & 0x7F20_FC00L) == 0x1E20_2000L || (w & 0x7F20_0C00L) == 0x1E20_0400L) {
            return 0; // FCMP/FCMPE, FCCMP/FCCMPE: NZCV only
        }
        if ((w & 0xBFE0_FC00L) == 0x0E00_2C00L || (w & 0xBFE0_FC00L) == 0x0E00_3C00L) {
            return x(rd); // SMOV, UMOV
        }
        return v(rd);
    }

    /** Branches, exception generation and system instructions (op0 101x). */
    private static long branchOrSystem(long w, int rt) {
        if ((w & 0x7C00_0000L) == 0x1400_0000L) {
            return (w >>> 31) != 0 ? x(30) : 0; // BL, B
        }
        if ((w & 0xFE00_0000L) == 0x5400_0000L || (w & 0x7E00_0000L) == 0x3400_0000L
                || (w & 0x7E00_0000L) == 0x3600_0000L || (w & 0xFF00_0000L) == 0xD400_0000L) {
            return 0; // B.cond, CBZ/CBNZ, TBZ/TBNZ, exception generation
        }
        if ((w & 0xFFC0_0000L) == 0xD500_0000L) { // system
            boolean read = ((w >>> 21) & 1) != 0;
            int op0 = (int) ((w >>> 19) & 3);
            if (read) {
                return op0 != 0 ? x(rt) : ALL; // SYSL, MRS; op0 = 0 (TSTART, TTEST...) unknown
            }
            if ((w & 0xFFFF_F01FL) == 0xD503_201FL) {
                return hint((int) ((w >>> 5) & 0x7F));
            }
            return 0; // barriers, MSR, SYS, CLREX, WFET
        }
        if ((w & 0xFE00_0000L) == 0xD600_0000L) { // unconditional branch (register), by opc
            int opc = (int) ((w >>> 21) & 0xF);
            if ((opc & 0b0111) == 0b0001) {
                return x(30); // BLR, BLRAA(Z), BLRAB(Z)
            }
            return opc == 0b0000 || opc == 0b0010 || opc == 0b1000 ? 0 : ALL; // BR, RET, BRAA/BRAB; ERET, DRPS unknown
        }
        return ALL;
    }

    /** HINT #imm: the pointer-authentication hints change LR or x17; every other hint changes no register. */
    private static long hint(int imm) {
        return switch (imm) {
            case 7, 24, 25, 26, 27, 28, 29, 30, 31 -> x(30); // XPACLRI, PACIAZ..AUTIBSP
            case 8, 10, 12, 14 -> x(17); // PACIA1716, PACIB1716, AUTIA1716, AUTIB1716
            default -> 0;
        };
    }

    /** Loads and stores (op0 x1x0): the loaded registers and a written-back base. */
    private static long loadStore(long w, int rt) {
        boolean simd = ((w >>> 26) & 1) != 0;
        int rn = (int) ((w >>> 5) & 31);
        int rt2 = (int) ((w >>> 10) & 31);
        if ((w & 0x3800_0000L) == 0x2800_0000L) { // load/store pair: no-allocate, post, offset, pre
            boolean load = ((w >>> 22) & 1) != 0;
            int mode = (int) ((w >>> 23) & 3);
            return (load ? reg(simd, rt) | reg(simd, rt2) : 0) | (mode == 1 || mode == 3 ? xOrSp(rn) : 0);
        }
        if ((w & 0x3B00_0000L) == 0x1800_0000L) { // load register (literal); PRFM (literal)
            return simd ? v(rt) : (w >>> 30) == 3 ? 0 : x(rt);
        }
        if ((w & 0x3800_0000L) == 0x3800_0000L) {
            return loadStoreRegister(w, simd, rt, rn);
        }
        if ((w & 0x3F00_0000L) == 0x0800_0000L) { // exclusive, ordered, compare and swap: any of Rt, Rt2, Rs
            int rs = (int) ((w >>> 16) & 31);
            return x(rt) | x(rt2) | x(rs) | (rs == 31 ? 0 : x((rs + 1) & 31)); // Rs+1: CASP's pair
        }
        if ((w & 0x3F20_0C00L) == 0x1900_0000L) { // LDAPUR/STLUR (RCpc, unscaled)
            return x(rt);
        }
        if ((w & 0xBF00_0000L) == 0x0C00_0000L || (w & 0xBF00_0000L) == 0x0D00_0000L) {
            // Advanced SIMD structures (multiple or single): up to four consecutive V registers
            boolean load = ((w >>> 22) & 1) != 0;
            boolean post = ((w >>> 23) & 1) != 0;
            long vs = 0;
            for (int i = 0; i < 4 && load; i++) {
                vs |= v((rt + i) & 31);
            }
            return vs | (post ? xOrSp(rn) : 0);
        }
        return ALL; // memory tagging, other classes
    }

    /** Load/store register: unsigned offset, unscaled, post/pre-indexed, unprivileged, register offset, atomics, LDRAA/LDRAB. */
    private static long loadStoreRegister(long w, boolean simd, int rt, int rn) {
        int size = (int) (w >>> 30);
        int opc = (int) ((w >>> 22) & 3);
        boolean load = simd ? (opc & 1) != 0 : opc != 0 && !(size == 3 && opc == 2); // size 3, opc 2: PRFM
        if (((w >>> 24) & 1) != 0) {
            return load ? reg(simd, rt) : 0; // unsigned offset
        }
        int op4 = (int) ((w >>> 10) & 3);
        if (((w >>> 21) & 1) == 0) {
            boolean writeback = op4 == 1 || op4 == 3; // post-indexed, pre-indexed
            return (load ? reg(simd, rt) : 0) | (writeback ? xOrSp(rn) : 0);
        }
        return switch (op4) {
            case 2 -> load ? reg(simd, rt) : 0; // register offset
            case 0 -> simd ? ALL : x(rt); // atomic memory operations: Rt gets the old value
            default -> x(rt) | (((w >>> 11) & 1) != 0 ? xOrSp(rn) : 0); // LDRAA/LDRAB, W = bit 11
        };
    }

    private static long reg(boolean simd, int n) {
        return simd ? v(n) : x(n);
    }
}
