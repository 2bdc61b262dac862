package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.IndexMode;
import dev.a64w.backend.a64.A64Inst.PairOp;
import dev.a64w.backend.a64.FpInst.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Representative {@link FpInst} instructions for the LLVM cross-check, part of {@link
 * A64Samples#all()}: every record, operation and precision; exhaustively every FMOV imm8 at S and
 * D, every condition for FCSEL/FCCMP/FCCMPE with every nzcv; the edge offsets of every load/store
 * mode; v0 and v31 in every register field, plus each register number in each field once.
 */
public final class FpSamples {
    private FpSamples() {}

    private static final Gpr X1 = Gpr.x(1), X2 = Gpr.x(2), X30 = Gpr.x(30);

    public static List<A64Inst> all() {
        List<A64Inst> out = new ArrayList<>();
        int[][] regs = {{0, 1, 2, 3}, {31, 0, 15, 7}, {8, 9, 31, 30}, {16, 31, 31, 31}};
        for (FpSize s : FpSize.values()) {
            for (int[] r : regs) {
                FReg d = FReg.v(r[0]), n = FReg.v(r[1]), m = FReg.v(r[2]), a = FReg.v(r[3]);
                for (FpBinOp op : FpBinOp.values()) out.add(new FpRRR(op, s, d, n, m));
                for (FpUnOp op : FpUnOp.values()) out.add(new FpRR(op, s, d, n));
                for (FpTernOp op : FpTernOp.values()) out.add(new FpRRRR(op, s, d, n, m, a));
                for (FpCmpOp op : FpCmpOp.values()) {
                    out.add(new FpCmp(op, s, n, m));
                    out.add(new FpCmpZero(op, s, n));
                }
                out.add(new FpCvt(s == FpSize.S ? FpSize.D : FpSize.S, s, d, n));
            }
            for (Cond c : Cond.values()) {
                out.add(new FpCondSelect(s, FReg.v(0), FReg.v(1), FReg.v(2), c));
                out.add(new FpCondSelect(s, FReg.v(31), FReg.v(c.ordinal()), FReg.v(31 - c.ordinal()), c));
                for (FpCcmpOp op : FpCcmpOp.values()) {
                    out.add(new FpCondCompare(op, s, FReg.v(1), FReg.v(2), c.ordinal(), c));
                    out.add(new FpCondCompare(op, s, FReg.v(31), FReg.v(0), 15 - c.ordinal(), c));
                }
            }
            for (int imm8 = 0; imm8 < 256; imm8++) out.add(new FpMovImm(s, FReg.v(imm8 % 32), new FpImm(imm8)));
            for (Size w : Size.values()) {
                for (FpToGprOp op : FpToGprOp.values()) {
                    if (op == FpToGprOp.FMOV && w.bits() != s.bits()) continue;
                    out.add(new FpToGpr(op, w, s, Gpr.x(0), FReg.v(1)));
                    out.add(new FpToGpr(op, w, s, X30, FReg.v(31)));
                    out.add(new FpToGpr(op, w, s, Zr.ZR, FReg.v(0)));
                }
                for (GprToFpOp op : GprToFpOp.values()) {
                    if (op == GprToFpOp.FMOV && w.bits() != s.bits()) continue;
                    out.add(new GprToFp(op, w, s, FReg.v(0), X1));
                    out.add(new GprToFp(op, w, s, FReg.v(31), X30));
                    out.add(new GprToFp(op, w, s, FReg.v(7), Zr.ZR));
                }
            }
            memory(out, s);
        }
        perRegister(out);
        return out;
    }

    private static void memory(List<A64Inst> out, FpSize s) {
        int unit = s.bits() / 8;
        for (FpMemOp op : FpMemOp.values()) {
            for (int off : new int[] {0, unit, 8 * unit, 0xfff * unit}) {
                out.add(new FpLdStUImm(op, s, FReg.v(0), X1, off));
                out.add(new FpLdStUImm(op, s, FReg.v(31), Sp.SP, off));
            }
            for (int off : new int[] {-256, -1, 0, 1, 255}) {
                out.add(new FpLdStUnscaled(op, s, FReg.v(0), X1, off));
                out.add(new FpLdStUnscaled(op, s, FReg.v(31), Sp.SP, off));
            }
            for (IndexMode m : new IndexMode[] {IndexMode.PRE, IndexMode.POST}) {
                for (int off : new int[] {-256, -16, 0, 8, 255}) out.add(new FpLdStIdx(op, m, s, FReg.v(8), Sp.SP, off));
                out.add(new FpLdStIdx(op, m, s, FReg.v(31), X1, unit));
            }
            for (boolean scaled : new boolean[] {false, true}) {
                out.add(new FpLdStRegOffset(op, s, FReg.v(0), X1, X2, scaled));
                out.add(new FpLdStRegOffset(op, s, FReg.v(31), Sp.SP, Zr.ZR, scaled));
                out.add(new FpLdStRegOffset(op, s, FReg.v(15), X30, Gpr.x(17), scaled));
            }
        }
        for (PairOp op : PairOp.values()) {
            for (IndexMode m : IndexMode.values()) {
                for (int off : new int[] {0, unit, -unit, 2 * unit, 63 * unit, -64 * unit}) {
                    out.add(new FpLdStPair(op, m, s, FReg.v(8), FReg.v(9), Sp.SP, off));
                    out.add(new FpLdStPair(op, m, s, FReg.v(31), FReg.v(0), X1, off));
                }
            }
            if (op == PairOp.STP) out.add(new FpLdStPair(op, IndexMode.OFFSET, s, FReg.v(3), FReg.v(3), X2, 0));
        }
    }

    /** Each register number once in each field of the main formats (rotated so the fields differ). */
    private static void perRegister(List<A64Inst> out) {
        for (int k = 0; k < 32; k++) {
            FReg a = FReg.v(k), b = FReg.v((k + 11) % 32), c = FReg.v((k + 22) % 32), e = FReg.v((k + 5) % 32);
            Gpr g = Gpr.x(k % 31);
            FpSize s = k % 2 == 0 ? FpSize.S : FpSize.D;
            out.add(new FpRRR(FpBinOp.FADD, s, a, b, c));
            out.add(new FpRR(FpUnOp.FNEG, s, b, a));
            out.add(new FpRRRR(FpTernOp.FMSUB, s, a, b, c, e));
            out.add(new FpCmp(FpCmpOp.FCMPE, s, c, a));
            out.add(new FpCondSelect(s, e, a, b, Cond.values()[k % 16]));
            out.add(new FpCondCompare(FpCcmpOp.FCCMP, s, a, c, k % 16, Cond.values()[(k + 3) % 16]));
            out.add(new FpToGpr(FpToGprOp.FCVTZS, Size.X, s, g, a));
            out.add(new GprToFp(GprToFpOp.UCVTF, Size.W, s, a, g));
            out.add(new FpLdStUImm(FpMemOp.LDR, s, a, g, 8 * k));
            out.add(new FpLdStPair(PairOp.STP, IndexMode.PRE, FpSize.D, a, b, g, -8 * k));
        }
    }
}
