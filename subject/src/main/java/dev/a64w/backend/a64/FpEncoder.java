package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.IndexMode;
import dev.a64w.backend.a64.A64Inst.PairOp;
import dev.a64w.backend.a64.FpInst.*;

/**
 * {@link FpInst} to its instruction word (Arm ARM C4.1 encoding index: scalar FP data processing and the
 * SIMD&amp;FP loads and stores). The {@link A64Encoder} delegates here. Pure.
 */
final class FpEncoder {
    private FpEncoder() {}

    static int encode(FpInst inst) {
        return switch (inst) {
            case FpRRR i -> 0x1E20_0800 | ft(i.size()) | f(i.rm()) << 16 | i.op().ordinal() << 12 | f(i.rn()) << 5 | f(i.rd());
            case FpRR i -> 0x1E20_4000 | ft(i.size()) | i.op().opcode << 15 | f(i.rn()) << 5 | f(i.rd());
            case FpCvt i -> 0x1E20_4000 | ft(i.from()) | (4 | i.to().ftype()) << 15 | f(i.rn()) << 5 | f(i.rd());
            case FpRRRR i -> 0x1F00_0000 | ft(i.size()) | (i.op().ordinal() >> 1) << 21 | f(i.rm()) << 16
                    | (i.op().ordinal() & 1) << 15 | f(i.ra()) << 10 | f(i.rn()) << 5 | f(i.rd());
            case FpCmp i -> 0x1E20_2000 | ft(i.size()) | f(i.rm()) << 16 | f(i.rn()) << 5 | i.op().ordinal() << 4;
            case FpCmpZero i -> 0x1E20_2008 | ft(i.size()) | f(i.rn()) << 5 | i.op().ordinal() << 4;
            case FpCondSelect i -> 0x1E20_0C00 | ft(i.size()) | f(i.rm()) << 16 | i.cond().bits() << 12 | f(i.rn()) << 5 | f(i.rd());
            case FpCondCompare i -> 0x1E20_0400 | ft(i.size()) | f(i.rm()) << 16 | i.cond().bits() << 12 | f(i.rn()) << 5
                    | i.op().ordinal() << 4 | i.nzcv();
            case FpMovImm i -> 0x1E20_1000 | ft(i.size()) | i.imm().imm8() << 13 | f(i.rd());
            case FpToGpr i -> conv(i.size(), i.fsize(), switch (i.op()) {
                case FCVTZS -> 0b11_000;
                case FCVTZU -> 0b11_001;
                case FMOV -> 0b00_110;
            }) | f(i.rn()) << 5 | i.rd().encoding();
            case GprToFp i -> conv(i.size(), i.fsize(), switch (i.op()) {
                case SCVTF -> 0b00_010;
                case UCVTF -> 0b00_011;
                case FMOV -> 0b00_111;
            }) | i.rn().encoding() << 5 | f(i.rd());
            case FpLdStUImm i -> ldst(i.op(), i.size()) | 0x0100_0000 | (i.offset() / unit(i.size())) << 10 | i.rn().encoding() << 5 | f(i.rt());
            case FpLdStUnscaled i -> ldst(i.op(), i.size()) | (i.offset() & 0x1ff) << 12 | i.rn().encoding() << 5 | f(i.rt());
            case FpLdStIdx i -> ldst(i.op(), i.size()) | (i.offset() & 0x1ff) << 12 | (i.mode() == IndexMode.PRE ? 3 : 1) << 10
                    | i.rn().encoding() << 5 | f(i.rt());
            case FpLdStRegOffset i -> ldst(i.op(), i.size()) | 0x0020_0800 | i.rm().encoding() << 16 | 3 << 13
                    | (i.scaled() ? 1 << 12 : 0) | i.rn().encoding() << 5 | f(i.rt());
            case FpLdStPair i -> i.size().ftype() << 30 | 0x2C00_0000 | pairMode(i.mode()) << 23 | (i.op() == PairOp.LDP ? 1 << 22 : 0)
                    | ((i.offset() / unit(i.size())) & 0x7f) << 15 | f(i.rt2()) << 10 | i.rn().encoding() << 5 | f(i.rt1());
        };
    }

    private static int f(FOperand r) {
        return r.encoding();
    }

    private static int ft(FpSize s) {
        return s.ftype() << 22;
    }

    private static int unit(FpSize s) {
        return s.bits() / 8;
    }

    /** sf | 0 0 11110 | ftype | 1 | rmode:opcode (5 bits) | 000000, registers added by the caller. */
    private static int conv(Size size, FpSize fsize, int rmodeOpcode) {
        return size.sf() << 31 | 0x1E20_0000 | ft(fsize) | rmodeOpcode << 16;
    }

    /** size (10 for S, 11 for D) | 111 V=1 00 | opc (00 store, 01 load); bits 24/21/11:10 added by the caller. */
    private static int ldst(FpMemOp op, FpSize size) {
        return (2 | size.ftype()) << 30 | 0x3C00_0000 | (op == FpMemOp.LDR ? 1 << 22 : 0);
    }

    private static int pairMode(IndexMode m) {
        return switch (m) {
            case POST -> 1;
            case OFFSET -> 2;
            case PRE -> 3;
        };
    }
}
