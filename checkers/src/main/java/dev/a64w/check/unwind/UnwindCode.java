package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

/**
 * One ARM64 unwind code ("ARM64 exception handling", section "Unwind codes"; reference
 * arm64-coff.md §6.1). Each record holds the raw fields as encoded (Z, X, x), knows its byte length
 * and re-encodes itself (most significant byte first), so size and encoding cannot drift apart.
 * Field meanings: Z offset field, X register field, x size field.
 */
public sealed interface UnwindCode {
    /** Number of bytes of this code. */
    int length();

    /** The code's bytes, most significant first, as stored in {@code .xdata}. */
    Bytes encode();

    private static Bytes b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return Bytes.of(out);
    }

    /** {@code 000xxxxx}: sp += 16·x. */
    record AllocS(int x) implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(x & 0x1F); }
        public long bytes() { return 16L * x; }
    }

    /** {@code 001zzzzz}: stp x19,x20,[sp,#-8Z]!. */
    record SaveR19R20X(int z) implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0x20 | (z & 0x1F)); }
    }

    /** {@code 01zzzzzz}: stp x29,lr,[sp,#8Z]. */
    record SaveFpLr(int z) implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0x40 | (z & 0x3F)); }
    }

    /** {@code 10zzzzzz}: stp x29,lr,[sp,#-8(Z+1)]!. */
    record SaveFpLrX(int z) implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0x80 | (z & 0x3F)); }
    }

    /** {@code 11000xxx xxxxxxxx}: sp += 16·x (11 bits). */
    record AllocM(int x) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xC0 | ((x >> 8) & 7), x & 0xFF); }
        public long bytes() { return 16L * x; }
    }

    /** {@code 110010XX XXzzzzzz}: stp x(19+X),x(20+X),[sp,#8Z]. */
    record SaveRegP(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xC8 | ((x >> 2) & 3), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 110011XX XXzzzzzz}: stp x(19+X),x(20+X),[sp,#-8(Z+1)]!. */
    record SaveRegPX(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xCC | ((x >> 2) & 3), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 110100XX XXzzzzzz}: str x(19+X),[sp,#8Z]. */
    record SaveReg(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xD0 | ((x >> 2) & 3), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 1101010X XXXzzzzz}: str x(19+X),[sp,#-8(Z+1)]!. */
    record SaveRegX(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xD4 | ((x >> 3) & 1), ((x & 7) << 5) | (z & 0x1F)); }
    }

    /** {@code 1101011X XXzzzzzz}: stp x(19+2X),lr,[sp,#8Z]. */
    record SaveLrPair(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xD6 | ((x >> 2) & 1), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 1101100X XXzzzzzz}: stp d(8+X),d(9+X),[sp,#8Z]. */
    record SaveFRegP(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xD8 | ((x >> 2) & 1), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 1101101X XXzzzzzz}: stp d(8+X),d(9+X),[sp,#-8(Z+1)]!. */
    record SaveFRegPX(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xDA | ((x >> 2) & 1), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 1101110X XXzzzzzz}: str d(8+X),[sp,#8Z]. */
    record SaveFReg(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xDC | ((x >> 2) & 1), ((x & 3) << 6) | (z & 0x3F)); }
    }

    /** {@code 11011110 XXXzzzzz}: str d(8+X),[sp,#-8(Z+1)]!. */
    record SaveFRegX(int x, int z) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xDE, ((x & 7) << 5) | (z & 0x1F)); }
    }

    /** {@code 11100000 xxxxxxxx xxxxxxxx xxxxxxxx}: sp += 16·x (24 bits). */
    record AllocL(int x) implements UnwindCode {
        public int length() { return 4; }
        public Bytes encode() { return b(0xE0, (x >> 16) & 0xFF, (x >> 8) & 0xFF, x & 0xFF); }
        public long bytes() { return 16L * x; }
    }

    /** {@code 11100001}: mov x29,sp. */
    record SetFp() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE1); }
    }

    /** {@code 11100010 xxxxxxxx}: add x29,sp,#8x. */
    record AddFp(int x) implements UnwindCode {
        public int length() { return 2; }
        public Bytes encode() { return b(0xE2, x & 0xFF); }
    }

    /** {@code 11100011}: an instruction with no unwind effect. */
    record Nop() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE3); }
    }

    /** {@code 11100100}: end of a sequence (in an epilogue: the {@code ret}). */
    record End() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE4); }
    }

    /** {@code 11100101}: end of this fragment's codes; a phantom parent prologue follows. */
    record EndC() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE5); }
    }

    /** {@code 11100110}: the next register pair, 16 bytes further. */
    record SaveNext() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE6); }
    }

    /**
     * {@code 11100111 0pwrrrrr ccoooooo}: any X/D/Q register or pair (p = pair, w = pre-indexed
     * writeback, c = class 0 X / 1 D / 2 Q, o = offset in 16-byte units for pairs, writeback and Q,
     * else 8; writeback stores count minus one). Bit 7 of the second byte and class 3 are reserved.
     */
    record SaveAnyReg(int second, int third) implements UnwindCode {
        public int length() { return 3; }
        public Bytes encode() { return b(0xE7, second & 0xFF, third & 0xFF); }
        public int register() { return second & 0x1F; }
        public boolean writeback() { return (second & 0x20) != 0; }
        public boolean pair() { return (second & 0x40) != 0; }
        public int regClass() { return (third >> 6) & 3; }
        public int offsetField() { return third & 0x3F; }
    }

    /** {@code 11101000}: MSFT_OP_TRAP_FRAME. */
    record TrapFrame() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE8); }
    }

    /** {@code 11101001}: MSFT_OP_MACHINE_FRAME. */
    record MachineFrame() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xE9); }
    }

    /** {@code 11101010}: MSFT_OP_CONTEXT. */
    record ContextFrame() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xEA); }
    }

    /** {@code 11101011}: MSFT_OP_EC_CONTEXT. */
    record EcContext() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xEB); }
    }

    /** {@code 11101100}: MSFT_OP_CLEAR_UNWOUND_TO_CALL. */
    record ClearUnwoundToCall() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xEC); }
    }

    /** {@code 11111100}: pacibsp; the unwinder authenticates lr. */
    record PacSignLr() implements UnwindCode {
        public int length() { return 1; }
        public Bytes encode() { return b(0xFC); }
    }

    /** Any reserved code; {@code bytes} holds all of its bytes (1 to 5, see the length table). */
    record Reserved(Bytes bytes) implements UnwindCode {
        public int length() { return bytes.size(); }
        public Bytes encode() { return bytes; }
        public int firstByte() { return bytes.u8(0); }
    }
}
