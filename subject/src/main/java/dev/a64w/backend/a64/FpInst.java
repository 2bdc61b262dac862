package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.IndexMode;
import dev.a64w.backend.a64.A64Inst.PairOp;

/**
 * The scalar floating-point forms of {@link A64Inst} (Arm ARM C4.1 encoding index, "Data Processing --
 * Scalar Floating-Point and Advanced SIMD" and the SIMD&amp;FP load/store classes): one record per
 * encoding format, the operation as an enum inside, precision {@link FpSize} S or D. FP register
 * fields take {@link FReg}; general-purpose fields take {@link Reg} with the same field-31 checks as
 * the integer records ({@code Gpr|Zr} for conversion operands, {@code Gpr|Sp} for address bases), so
 * an FReg never lands in a GPR field and vice versa.
 */
public sealed interface FpInst extends A64Inst {

    // ---- data processing ----

    /** FP data-processing (2 source): {@code fadd d0, d1, d2}. */
    record FpRRR(FpBinOp op, FpSize size, FOperand rd, FOperand rn, FOperand rm) implements FpInst {
        public FpRRR {
            Check.f(rd, rn, rm);
        }
    }

    /** 2-source operations in opcode order (the ordinal is the 4-bit opcode field). */
    enum FpBinOp { FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL }

    /** FP data-processing (1 source), same precision in and out: {@code fsqrt s0, s1}. */
    record FpRR(FpUnOp op, FpSize size, FOperand rd, FOperand rn) implements FpInst {
        public FpRR {
            Check.f(rd, rn);
        }
    }

    /** 1-source operations with their 6-bit opcode (FCVT is {@link FpCvt}). */
    enum FpUnOp {
        FMOV(0), FABS(1), FNEG(2), FSQRT(3), FRINTN(8), FRINTP(9), FRINTM(10), FRINTZ(11), FRINTA(12), FRINTX(14), FRINTI(15);

        public final int opcode;

        FpUnOp(int opcode) {
            this.opcode = opcode;
        }
    }

    /** FCVT between precisions (1-source, opcode 0001:opc with opc the target type): {@code fcvt d0, s1}. */
    record FpCvt(FpSize to, FpSize from, FOperand rd, FOperand rn) implements FpInst {
        public FpCvt {
            Check.f(rd, rn);
            if (to == from) throw new IllegalArgumentException("fcvt from " + from + " to itself");
        }
    }

    /** FP data-processing (3 source): {@code fmadd d0, d1, d2, d3} = d3 + d1*d2, one rounding. */
    record FpRRRR(FpTernOp op, FpSize size, FOperand rd, FOperand rn, FOperand rm, FOperand ra) implements FpInst {
        public FpRRRR {
            Check.f(rd, rn, rm, ra);
        }
    }

    /** 3-source operations in o1:o0 order. */
    enum FpTernOp { FMADD, FMSUB, FNMADD, FNMSUB }

    /** FP compare (register): {@code fcmp s0, s1}; FCMPE signals on quiet NaNs too. */
    record FpCmp(FpCmpOp op, FpSize size, FOperand rn, FOperand rm) implements FpInst {
        public FpCmp {
            Check.f(rn, rm);
        }
    }

    /** FP compare with zero: {@code fcmp d0, #0.0}. */
    record FpCmpZero(FpCmpOp op, FpSize size, FOperand rn) implements FpInst {
        public FpCmpZero {
            Check.f(rn);
        }
    }

    enum FpCmpOp { FCMP, FCMPE }

    /** FP conditional select: {@code fcsel d0, d1, d2, eq} (every condition, AL/NV included). */
    record FpCondSelect(FpSize size, FOperand rd, FOperand rn, FOperand rm, Cond cond) implements FpInst {
        public FpCondSelect {
            Check.f(rd, rn, rm);
        }
    }

    /** FP conditional compare: {@code fccmp s0, s1, #0, ne}; nzcv 0..15. */
    record FpCondCompare(FpCcmpOp op, FpSize size, FOperand rn, FOperand rm, int nzcv, Cond cond) implements FpInst {
        public FpCondCompare {
            Check.f(rn, rm);
            Check.range("nzcv", nzcv, 0, 15);
        }
    }

    enum FpCcmpOp { FCCMP, FCCMPE }

    /** FMOV (scalar, immediate): {@code fmov d0, #1.50000000}; only the 256 {@link FpImm} values exist. */
    record FpMovImm(FpSize size, FOperand rd, FpImm imm) implements FpInst {
        public FpMovImm {
            Check.f(rd);
        }
    }

    // ---- conversions between FP and general-purpose registers ----

    /**
     * FP to integer (conversion between FP and integer): FCVTZS/FCVTZU (round toward zero,
     * saturating) and FMOV (bit copy; W from S or X from D only). rd Gpr|Zr.
     */
    record FpToGpr(FpToGprOp op, Size size, FpSize fsize, Reg rd, FOperand rn) implements FpInst {
        public FpToGpr {
            Check.f(rn);
            Check.gz(rd);
            if (op == FpToGprOp.FMOV) Check.sameWidth(size, fsize);
        }
    }

    enum FpToGprOp { FCVTZS, FCVTZU, FMOV }

    /** Integer to FP: SCVTF/UCVTF (rounding per FPCR) and FMOV (bit copy; S from W or D from X). rn Gpr|Zr. */
    record GprToFp(GprToFpOp op, Size size, FpSize fsize, FOperand rd, Reg rn) implements FpInst {
        public GprToFp {
            Check.f(rd);
            Check.gz(rn);
            if (op == GprToFpOp.FMOV) Check.sameWidth(size, fsize);
        }
    }

    enum GprToFpOp { SCVTF, UCVTF, FMOV }

    // ---- loads and stores of S/D registers (rn Gpr|Sp) ----

    /** LDR/STR (SIMD&amp;FP, unsigned offset): offset a multiple of 4 (S) or 8 (D), 0..4095 units. */
    record FpLdStUImm(FpMemOp op, FpSize size, FOperand rt, Reg rn, int offset) implements FpInst {
        public FpLdStUImm {
            Check.f(rt);
            Check.gs(rn);
            int unit = size.bits() / 8;
            if (offset < 0 || offset % unit != 0 || offset / unit > 0xfff) {
                throw new IllegalArgumentException(op + " " + size + " offset " + offset + " is not a multiple of " + unit + " in 0.." + 0xfff * unit);
            }
        }
    }

    /** LDUR/STUR (SIMD&amp;FP): offset -256..255. */
    record FpLdStUnscaled(FpMemOp op, FpSize size, FOperand rt, Reg rn, int offset) implements FpInst {
        public FpLdStUnscaled {
            Check.f(rt);
            Check.gs(rn);
            Check.range("unscaled offset", offset, -256, 255);
        }
    }

    /**
     * LDR/STR (SIMD&amp;FP) pre- or post-indexed: offset -256..255, writes back rn. The transfer
     * register is in the FP file, so it can never equal the base (no unpredictable form).
     */
    record FpLdStIdx(FpMemOp op, IndexMode mode, FpSize size, FOperand rt, Reg rn, int offset) implements FpInst {
        public FpLdStIdx {
            Check.f(rt);
            Check.gs(rn);
            Check.range("index offset", offset, -256, 255);
            if (mode == IndexMode.OFFSET) throw new IllegalArgumentException("FpLdStIdx needs PRE or POST");
        }
    }

    /** LDR/STR (SIMD&amp;FP, register offset): {@code [xn, xm]} or, scaled, {@code [xn, xm, lsl #2|3]}. rm Gpr|Zr. */
    record FpLdStRegOffset(FpMemOp op, FpSize size, FOperand rt, Reg rn, Reg rm, boolean scaled) implements FpInst {
        public FpLdStRegOffset {
            Check.f(rt);
            Check.gs(rn);
            Check.gz(rm);
        }
    }

    enum FpMemOp { STR, LDR }

    /**
     * LDP/STP (SIMD&amp;FP) of S or D registers: offset a multiple of the register size, imm7 signed.
     * LDP with rt1 == rt2 is CONSTRAINED UNPREDICTABLE (Arm ARM C7.2 LDP (SIMD&amp;FP)) and rejected.
     */
    record FpLdStPair(PairOp op, IndexMode mode, FpSize size, FOperand rt1, FOperand rt2, Reg rn, int offset) implements FpInst {
        public FpLdStPair {
            Check.f(rt1, rt2);
            Check.gs(rn);
            if (op == PairOp.LDP && rt1.equals(rt2)) throw new IllegalArgumentException("ldp: both destinations are " + rt1 + " (unpredictable)");
            int unit = size.bits() / 8;
            if (offset % unit != 0 || offset / unit < -64 || offset / unit > 63) {
                throw new IllegalArgumentException("pair offset " + offset + " is not a multiple of " + unit + " in imm7 range");
            }
        }
    }
}
