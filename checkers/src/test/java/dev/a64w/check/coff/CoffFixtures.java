package dev.a64w.check.coff;

import static dev.a64w.check.coff.TestCoffBuilder.words;

/** Hand-built objects shared by the COFF tests. Instruction words are from the A64 encoding tables. */
final class CoffFixtures {
    static final long TEXT = 0x6000_0020L | 0x0030_0000L;   // CODE|EXECUTE|READ, ALIGN_4BYTES
    static final long DATA8 = 0xC000_0040L | 0x0040_0000L;  // INITIALIZED|READ|WRITE, ALIGN_8BYTES
    static final long RDATA8 = 0x4000_0040L | 0x0040_0000L; // INITIALIZED|READ, ALIGN_8BYTES

    static final int BL = 0x9400_0000;
    static final int ADRP_X8 = 0x9000_0008;
    static final int ADRP_X9 = 0x9000_0009;
    static final int ADRP_X10 = 0x9000_000A;
    static final int LDR_X8_X8 = 0xF940_0108;
    static final int LDR_X0_X9 = 0xF940_0120;
    static final int LDR_Q0_X9 = 0x3DC0_0120;
    static final int ADD_X10_X10_1 = 0x9100_054A;
    static final int BLR_X8 = 0xD63F_0100;
    static final int RET = 0xD65F_03C0;

    private CoffFixtures() {
    }

    /** A well-formed object with every common relocation kind; {@code mutate} may alter the text words. */
    static TestCoffBuilder good(int[] text) {
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, words(text));
        int d = b.section(".data", DATA8, new byte[32]);
        int r = b.section(".rdata$with_a_long_name", RDATA8, new byte[8]);
        int func = b.symbol("func", 0, t, 0x20, 2);
        int callee = b.symbol("callee", 0, 0, 0x20, 2);
        int imp = b.symbol("__imp_host", 0, 0, 0, 2);
        int dataQ = b.symbol("data_q", 8, d, 0, 3);
        int byteSym = b.symbol("byte_sym", 1, d, 0, 3);
        int dataSec = b.symbol(".data", 0, d, 0, 3, new byte[18]);
        b.symbol("a_really_long_symbol_name", 16, d, 0, 3);
        b.reloc(t, 0x0, callee, Arm64RelocType.BRANCH26);
        b.reloc(t, 0x4, imp, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 0x8, imp, Arm64RelocType.PAGEOFFSET_12L);
        b.reloc(t, 0x10, dataQ, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 0x14, dataQ, Arm64RelocType.PAGEOFFSET_12L);
        b.reloc(t, 0x18, dataSec, Arm64RelocType.PAGEBASE_REL21);
        b.reloc(t, 0x1c, byteSym, Arm64RelocType.PAGEOFFSET_12A);
        b.reloc(r, 0x0, func, Arm64RelocType.ADDR64);
        return b;
    }

    static int[] goodText() {
        return new int[] {BL, ADRP_X8, LDR_X8_X8, BLR_X8, ADRP_X9, LDR_X0_X9, ADRP_X10, ADD_X10_X10_1, RET};
    }
}
