package dev.a64w.backend.unwind;

import dev.a64w.util.ByteSink;

/**
 * One Windows ARM64 unwind code (Microsoft, "ARM64 exception handling", unwind codes table;
 * reference/arm64-coff.md §6.1). Each record holds the semantic values (bytes, ISA register
 * numbers), rejects values its encoding cannot hold ({@link IllegalArgumentException} with the
 * allowed range in hex), and knows both its byte length and how to write itself (most significant
 * byte first), so size and encoding cannot drift apart.
 *
 * <p>Naming: {@code offset} is a non-negative SP-relative store offset; {@code size} is the
 * pre-decrement of a pre-indexed store or an allocation size.
 */
public sealed interface UnwindCode {
    /** Number of code bytes. */
    int length();

    /** Appends exactly {@link #length()} bytes. */
    void write(ByteSink sink);

    /** The code's name as in the Microsoft table, e.g. {@code save_fplr_x}. */
    String mnemonic();

    /** {@code 000xxxxx}: sp += 16*x, size 0..0x1f0. */
    record AllocS(int size) implements UnwindCode {
        public AllocS { check("alloc_s size", size, 0, 0x1f0, 16); }
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(size >> 4); }
        public String mnemonic() { return "alloc_s"; }
    }

    /** {@code 11000xxx xxxxxxxx}: sp += 16*x (11 bits), size 0..0x7ff0. */
    record AllocM(int size) implements UnwindCode {
        public AllocM { check("alloc_m size", size, 0, 0x7ff0, 16); }
        public int length() { return 2; }
        public void write(ByteSink s) { int x = size >> 4; s.u8(0xc0 | (x >> 8)).u8(x & 0xff); }
        public String mnemonic() { return "alloc_m"; }
    }

    /** {@code 11100000 x(24 bits)}: sp += 16*x, size 0..0xffffff0. */
    record AllocL(int size) implements UnwindCode {
        public AllocL { check("alloc_l size", size, 0, 0xffffff0, 16); }
        public int length() { return 4; }
        public void write(ByteSink s) { int x = size >> 4; s.u8(0xe0).u8(x >> 16).u8((x >> 8) & 0xff).u8(x & 0xff); }
        public String mnemonic() { return "alloc_l"; }
    }

    /** {@code 001zzzzz}: {@code stp x19, x20, [sp, #-8Z]!}, size 8..0xf8. */
    record SaveR19R20X(int size) implements UnwindCode {
        public SaveR19R20X { check("save_r19r20_x size", size, 8, 0xf8, 8); }
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0x20 | (size >> 3)); }
        public String mnemonic() { return "save_r19r20_x"; }
    }

    /** {@code 01zzzzzz}: {@code stp x29, lr, [sp, #8Z]}, offset 0..0x1f8. */
    record SaveFpLr(int offset) implements UnwindCode {
        public SaveFpLr { check("save_fplr offset", offset, 0, 0x1f8, 8); }
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0x40 | (offset >> 3)); }
        public String mnemonic() { return "save_fplr"; }
    }

    /** {@code 10zzzzzz}: {@code stp x29, lr, [sp, #-8(Z+1)]!}, size 8..0x200. */
    record SaveFpLrX(int size) implements UnwindCode {
        public SaveFpLrX { check("save_fplr_x size", size, 8, 0x200, 8); }
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0x80 | ((size >> 3) - 1)); }
        public String mnemonic() { return "save_fplr_x"; }
    }

    /** {@code 110010XX XXzzzzzz}: {@code stp x(19+X), x(20+X), [sp, #8Z]}, reg 19..29, offset 0..0x1f8. */
    record SaveRegP(int reg, int offset) implements UnwindCode {
        public SaveRegP { check("save_regp register", reg, 19, 29, 1); check("save_regp offset", offset, 0, 0x1f8, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xc8, reg - 19, offset >> 3); }
        public String mnemonic() { return "save_regp"; }
    }

    /** {@code 110011XX XXzzzzzz}: {@code stp x(19+X), x(20+X), [sp, #-8(Z+1)]!}, size 8..0x200. */
    record SaveRegPX(int reg, int size) implements UnwindCode {
        public SaveRegPX { check("save_regp_x register", reg, 19, 29, 1); check("save_regp_x size", size, 8, 0x200, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xcc, reg - 19, (size >> 3) - 1); }
        public String mnemonic() { return "save_regp_x"; }
    }

    /** {@code 110100XX XXzzzzzz}: {@code str x(19+X), [sp, #8Z]}, reg 19..30, offset 0..0x1f8. */
    record SaveReg(int reg, int offset) implements UnwindCode {
        public SaveReg { check("save_reg register", reg, 19, 30, 1); check("save_reg offset", offset, 0, 0x1f8, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xd0, reg - 19, offset >> 3); }
        public String mnemonic() { return "save_reg"; }
    }

    /** {@code 1101010X XXXzzzzz}: {@code str x(19+X), [sp, #-8(Z+1)]!}, reg 19..30, size 8..0x100. */
    record SaveRegX(int reg, int size) implements UnwindCode {
        public SaveRegX { check("save_reg_x register", reg, 19, 30, 1); check("save_reg_x size", size, 8, 0x100, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) {
            int x = reg - 19;
            s.u8(0xd4 | (x >> 3)).u8(((x & 7) << 5) | ((size >> 3) - 1));
        }
        public String mnemonic() { return "save_reg_x"; }
    }

    /** {@code 1101011X XXzzzzzz}: {@code stp x(19+2X), lr, [sp, #8Z]}, reg 19,21..29, offset 0..0x1f8. */
    record SaveLrPair(int reg, int offset) implements UnwindCode {
        public SaveLrPair {
            check("save_lrpair register", reg, 19, 29, 1);
            if ((reg - 19) % 2 != 0) throw new IllegalArgumentException("save_lrpair register: x" + reg + " is not x19+2X");
            check("save_lrpair offset", offset, 0, 0x1f8, 8);
        }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xd6, (reg - 19) / 2, offset >> 3); }
        public String mnemonic() { return "save_lrpair"; }
    }

    /** {@code 1101100X XXzzzzzz}: {@code stp d(8+X), d(9+X), [sp, #8Z]}, reg 8..14, offset 0..0x1f8. */
    record SaveFRegP(int reg, int offset) implements UnwindCode {
        public SaveFRegP { check("save_fregp register", reg, 8, 14, 1); check("save_fregp offset", offset, 0, 0x1f8, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xd8, reg - 8, offset >> 3); }
        public String mnemonic() { return "save_fregp"; }
    }

    /** {@code 1101101X XXzzzzzz}: {@code stp d(8+X), d(9+X), [sp, #-8(Z+1)]!}, reg 8..14, size 8..0x200. */
    record SaveFRegPX(int reg, int size) implements UnwindCode {
        public SaveFRegPX { check("save_fregp_x register", reg, 8, 14, 1); check("save_fregp_x size", size, 8, 0x200, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xda, reg - 8, (size >> 3) - 1); }
        public String mnemonic() { return "save_fregp_x"; }
    }

    /** {@code 1101110X XXzzzzzz}: {@code str d(8+X), [sp, #8Z]}, reg 8..15, offset 0..0x1f8. */
    record SaveFReg(int reg, int offset) implements UnwindCode {
        public SaveFReg { check("save_freg register", reg, 8, 15, 1); check("save_freg offset", offset, 0, 0x1f8, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { regOffset(s, 0xdc, reg - 8, offset >> 3); }
        public String mnemonic() { return "save_freg"; }
    }

    /** {@code 11011110 XXXzzzzz}: {@code str d(8+X), [sp, #-8(Z+1)]!}, reg 8..15, size 8..0x100. */
    record SaveFRegX(int reg, int size) implements UnwindCode {
        public SaveFRegX { check("save_freg_x register", reg, 8, 15, 1); check("save_freg_x size", size, 8, 0x100, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { s.u8(0xde).u8(((reg - 8) << 5) | ((size >> 3) - 1)); }
        public String mnemonic() { return "save_freg_x"; }
    }

    /** {@code 11100001}: {@code mov x29, sp}. */
    record SetFp() implements UnwindCode {
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0xe1); }
        public String mnemonic() { return "set_fp"; }
    }

    /** {@code 11100010 xxxxxxxx}: {@code add x29, sp, #8x}, offset 0..0x7f8. */
    record AddFp(int offset) implements UnwindCode {
        public AddFp { check("add_fp offset", offset, 0, 0x7f8, 8); }
        public int length() { return 2; }
        public void write(ByteSink s) { s.u8(0xe2).u8(offset >> 3); }
        public String mnemonic() { return "add_fp"; }
    }

    /** {@code 11100011}: an instruction with no unwind effect; also the padding byte. */
    record Nop() implements UnwindCode {
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0xe3); }
        public String mnemonic() { return "nop"; }
    }

    /** {@code 11100100}: end of a sequence (in an epilogue it stands for the {@code ret}). */
    record End() implements UnwindCode {
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0xe4); }
        public String mnemonic() { return "end"; }
    }

    /** {@code 11100101}: end of a fragment's sequence; a phantom parent prologue follows. */
    record EndC() implements UnwindCode {
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0xe5); }
        public String mnemonic() { return "end_c"; }
    }

    /** {@code 11100110}: the next register pair, 16 bytes further up. */
    record SaveNext() implements UnwindCode {
        public int length() { return 1; }
        public void write(ByteSink s) { s.u8(0xe6); }
        public String mnemonic() { return "save_next"; }
    }

    /** Two-byte form {@code prefix|X>>2, (X&3)<<6 | Z} shared by the register codes with a 6-bit Z. */
    private static void regOffset(ByteSink s, int prefix, int x, int z) {
        s.u8(prefix | (x >> 2)).u8(((x & 3) << 6) | z);
    }

    private static String hex(int v) {
        return v < 0 ? "-0x" + Integer.toHexString(-v) : "0x" + Integer.toHexString(v);
    }

    private static void check(String what, int value, int min, int max, int multiple) {
        if (value < min || value > max || value % multiple != 0) {
            String step = multiple > 1 ? ", multiple of " + multiple : "";
            throw new IllegalArgumentException(what + ": " + hex(value) + " not in 0x"
                    + Integer.toHexString(min) + "..0x" + Integer.toHexString(max) + step);
        }
    }
}
