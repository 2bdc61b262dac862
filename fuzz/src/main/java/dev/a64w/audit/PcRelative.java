package dev.a64w.audit;

/**
 * The A64 words whose effect depends on where they are — ADR, ADRP, LDR (literal) in its general,
 * sign-extending and SIMD&amp;FP forms, PRFM (literal) — decoded into what executing one at pc does
 * (Arm ARM C6.2 ADR, ADRP, LDR (literal), LDRSW (literal), PRFM (literal); C7.2 LDR (literal,
 * SIMD&amp;FP)). {@link AuditCpu} does them itself rather than in place, where QEMU would translate
 * the code after them at every new address.
 */
sealed interface PcRelative {
    /** xN = value (N = 31 is XZR: nothing is written). */
    record SetX(int n, long value) implements PcRelative {
    }

    /**
     * {@code size} bytes at {@code address} into xN (zero-extended, or sign-extended from 32 bits if
     * {@code signed}) or, for {@code simd}, into the low bytes of vN (the rest zeroed).
     */
    record Load(int n, long address, int size, boolean signed, boolean simd) implements PcRelative {
    }

    /** PRFM (literal): a hint. */
    record Nothing() implements PcRelative {
    }

    /** LDR (literal, SIMD&amp;FP) with opc 11. */
    record Unallocated() implements PcRelative {
    }

    static boolean is(int word) {
        return (word & 0x1F00_0000) == 0x1000_0000 || (word & 0x3B00_0000) == 0x1800_0000;
    }

    /** {@code word}, which {@link #is} PC-relative, at {@code pc}. */
    static PcRelative of(int word, long pc) {
        long w = word & 0xFFFF_FFFFL;
        int rt = (int) (w & 31);
        if ((w & 0x1F00_0000L) == 0x1000_0000L) {
            long imm = ((w << 40) >> 45) << 2 | ((w >>> 29) & 3); // immhi:immlo, sign-extended
            return new SetX(rt, (w >>> 31) == 0 ? pc + imm : (pc & ~0xFFFL) + (imm << 12)); // ADR, ADRP
        }
        long address = pc + (((w << 40) >> 45) << 2); // imm19 * 4, sign-extended
        int opc = (int) (w >>> 30);
        boolean simd = ((w >>> 26) & 1) != 0;
        if (simd) {
            return opc == 3 ? new Unallocated() : new Load(rt, address, 4 << opc, false, true);
        }
        return switch (opc) {
            case 0 -> new Load(rt, address, 4, false, false);
            case 1 -> new Load(rt, address, 8, false, false);
            case 2 -> new Load(rt, address, 4, true, false); // LDRSW
            default -> new Nothing(); // PRFM
        };
    }
}
