package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Representative instructions for cross-checking the encoder and printer against LLVM's
 * disassembler: every record and operation, every operand class (numbered, sp, zr, x30), every
 * condition, shift kind and amount, extend, both sizes, every logical immediate at both widths,
 * and move-wide immediates around the mov-alias boundaries; the scalar FP forms come from {@link
 * FpSamples}. {@link #all()} uses resolved
 * displacements ({@link Rel}) so each word disassembles on its own; {@link #symbolic()} holds the
 * relocation forms ({@code bl sym}, {@code adrp}, {@code :lo12:}) for assembler round trips.
 */
public final class A64Samples {
    private A64Samples() {}

    private static final Gpr X0 = Gpr.x(0), X1 = Gpr.x(1), X2 = Gpr.x(2), X3 = Gpr.x(3), X30 = Gpr.x(30), X17 = Gpr.x(17);
    private static final Sp SP = Sp.SP;
    private static final Zr ZR = Zr.ZR;

    public static List<A64Inst> all() {
        List<A64Inst> out = new ArrayList<>();
        for (Size s : Size.values()) {
            int w = s.bits();
            for (AluOp op : AluOp.values()) {
                out.add(new AluRRR(op, s, X0, X1, X2));
                out.add(new AluRRR(op, s, ZR, X1, X2));
                out.add(new AluRRR(op, s, X0, ZR, X2));
                out.add(new AluRRR(op, s, X30, X17, X3));
                for (Shift sh : Shift.values()) {
                    if (sh == Shift.ROR && op.isArith()) continue;
                    for (int amt = 0; amt < w; amt++) {
                        out.add(new AluRRShift(op, s, X0, X1, X2, sh, amt));
                    }
                    out.add(new AluRRShift(op, s, X0, ZR, X2, sh, 3));
                    out.add(new AluRRShift(op, s, ZR, X1, X2, sh, 3));
                }
            }
            for (CarryOp op : CarryOp.values()) {
                out.add(new AddCarry(op, s, X0, X1, X2));
                out.add(new AddCarry(op, s, X30, X17, X3));
            }
            for (AddSubOp op : AddSubOp.values()) {
                Reg rdSpecial = op.setsFlags() ? ZR : SP;
                for (Extend e : Extend.values()) {
                    if (s == Size.W && e.xSource()) continue;
                    for (int amt = 0; amt <= 4; amt++) {
                        out.add(new AluRRExt(op, s, X0, X1, X2, e, amt));
                    }
                    out.add(new AluRRExt(op, s, rdSpecial, SP, X15(), e, 4));
                    out.add(new AluRRExt(op, s, X0, SP, X2, e, 0));
                    out.add(new AluRRExt(op, s, rdSpecial, X1, X2, e, 2));
                }
                for (long v : new long[] {0, 1, 16, 0xfff, 0x1000, 0x7000, 0xfff000}) {
                    Imm12 imm = Imm12.tryFrom(v).orElseThrow();
                    out.add(new AluRRImm12(op, s, X0, X1, imm));
                    out.add(new AluRRImm12(op, s, rdSpecial, X1, imm));
                    out.add(new AluRRImm12(op, s, X0, SP, imm));
                    out.add(new AluRRImm12(op, s, rdSpecial, SP, imm));
                }
            }
            for (LogicOp op : LogicOp.values()) {
                for (ImmLogic imm : ImmLogic.all(w)) out.add(new LogicRRImm(op, s, X0, X1, imm));
                ImmLogic ff = ImmLogic.tryFrom(0xff, w).orElseThrow();
                out.add(new LogicRRImm(op, s, op == LogicOp.ANDS ? ZR : SP, X1, ff));
                out.add(new LogicRRImm(op, s, X0, ZR, ff));
            }
            for (ImmLogic imm : ImmLogic.all(w)) out.add(new LogicRRImm(LogicOp.ORR, s, X3, ZR, imm));
            for (MovOp op : MovOp.values()) {
                for (int sh = 0; sh < w; sh += 16) {
                    for (int imm : new int[] {0, 1, 0x1234, 0x8000, 0xfffe, 0xffff}) out.add(new MovWide(op, s, X0, imm, sh));
                }
            }
            for (BfOp op : BfOp.values()) {
                for (int immr = 0; immr < w; immr++) {
                    for (int imms : new int[] {0, 7, 15, 31, immr, (immr + w - 1) % w, w - 1}) {
                        if (imms >= w) continue;
                        out.add(new BitfieldMove(op, s, X0, X1, immr, imms));
                    }
                }
            }
            for (int lsb = 0; lsb < w; lsb++) {
                out.add(new Extr(s, X0, X1, X2, lsb));
                out.add(new Extr(s, X0, X1, X1, lsb));
            }
            for (Dp1Op op : Dp1Op.values()) {
                if (op == Dp1Op.REV32 && s == Size.W) continue;
                out.add(new DataProc1(op, s, X0, X1));
                out.add(new DataProc1(op, s, X30, ZR));
            }
            for (Dp2Op op : Dp2Op.values()) {
                out.add(new DataProc2(op, s, X0, X1, X2));
                out.add(new DataProc2(op, s, X3, ZR, X30));
            }
            for (MulOp op : new MulOp[] {MulOp.MADD, MulOp.MSUB}) {
                out.add(new MulAdd(op, s, X0, X1, X2, X3));
                out.add(new MulAdd(op, s, X0, X1, X2, ZR));
            }
            for (CselOp op : CselOp.values()) {
                for (Cond c : Cond.values()) {
                    out.add(new CondSelect(op, s, X0, X1, X2, c));
                    out.add(new CondSelect(op, s, X0, X1, X1, c));
                    out.add(new CondSelect(op, s, X0, ZR, ZR, c));
                }
            }
            for (CcmpOp op : CcmpOp.values()) {
                for (Cond c : Cond.values()) {
                    out.add(new CondCompareImm(op, s, X1, c.ordinal() * 2 + 1, c.ordinal(), c));
                    out.add(new CondCompareReg(op, s, X1, X2, 15 - c.ordinal(), c));
                }
            }
            for (CbOp op : CbOp.values()) {
                out.add(new CompareBranch(op, s, X0, new Rel(8)));
                out.add(new CompareBranch(op, s, ZR, new Rel(-(1L << 20))));
                out.add(new CompareBranch(op, s, X30, new Rel((1L << 20) - 4)));
            }
            for (PairOp op : PairOp.values()) {
                for (IndexMode m : IndexMode.values()) {
                    int unit = s == Size.X ? 8 : 4;
                    for (int off : new int[] {0, unit, -unit, 63 * unit, -64 * unit}) {
                        if (m != IndexMode.OFFSET && off == 0) continue;
                        out.add(new LdStPair(op, m, s, Gpr.x(29), X30, SP, off));
                        out.add(new LdStPair(op, m, s, X0, X1, X2, off));
                    }
                    out.add(new LdStPair(op, m, s, ZR, X3, X2, 2 * unit));
                }
            }
        }
        for (MulOp op : new MulOp[] {MulOp.SMADDL, MulOp.UMADDL}) {
            out.add(new MulAdd(op, Size.X, X0, X1, X2, X3));
            out.add(new MulAdd(op, Size.X, X0, X1, X2, ZR));
        }
        out.add(new MulAdd(MulOp.SMULH, Size.X, X0, X1, X2, ZR));
        out.add(new MulAdd(MulOp.UMULH, Size.X, X0, X1, X2, ZR));
        for (LdStOp op : LdStOp.values()) {
            int n = op.bytes();
            for (int off : new int[] {0, n, 0xfff * n, 8 * n}) {
                out.add(new LdStUImm(op, X0, X1, off));
                out.add(new LdStUImm(op, X0, SP, off));
            }
            out.add(new LdStUImm(op, ZR, X1, n));
            for (int off : new int[] {-256, -1, 0, 1, 255}) {
                out.add(new LdStUnscaled(op, X0, X1, off));
                out.add(new LdStUnscaled(op, X2, SP, off));
            }
            for (IndexMode m : new IndexMode[] {IndexMode.PRE, IndexMode.POST}) {
                for (int off : new int[] {-256, -16, 0, 8, 255}) out.add(new LdStIdx(op, m, X0, SP, off));
                out.add(new LdStIdx(op, m, X0, X1, 16));
            }
            out.add(new LdStRegOffset(op, X0, X1, X2));
            out.add(new LdStRegOffset(op, X0, SP, X17));
        }
        for (long d : new long[] {0, 4, -4, 1, -1, (1L << 20) - 1, -(1L << 20)}) out.add(new Adr(X0, new Rel(d)));
        for (long p : new long[] {0, 1, -1, 0x7ffff, -0x80000}) out.add(new Adrp(Gpr.x(16), new Rel(p << 12)));
        for (BranchOp op : BranchOp.values()) {
            for (long d : new long[] {0, 4, -4, (1L << 27) - 4, -(1L << 27)}) out.add(new B26(op, new Rel(d)));
        }
        for (Cond c : Cond.values()) {
            out.add(new CondBr(c, new Rel(8)));
            out.add(new CondBr(c, new Rel(-(1L << 20))));
        }
        for (TbOp op : TbOp.values()) {
            for (int bit : new int[] {0, 1, 31, 32, 63}) {
                out.add(new TestBranch(op, X0, bit, new Rel(12)));
                out.add(new TestBranch(op, ZR, bit, new Rel(-(1L << 15))));
            }
        }
        for (BrOp op : BrOp.values()) {
            out.add(new BranchReg(op, Gpr.x(16)));
            out.add(new BranchReg(op, X30));
            out.add(new BranchReg(op, X0));
        }
        for (int imm : new int[] {0, 1, 0xf000, 0xf004, 0xc001, 0xc1ff, 0xffff}) out.add(new Brk(imm));
        out.add(new Nop());
        out.addAll(FpSamples.all());
        out.addAll(AtomicSamples.all());
        return out;
    }

    private static Gpr X15() {
        return Gpr.x(15);
    }

    /** Relocation forms: bl/b to a symbol, adrp and :lo12: against symbols with and without addends. */
    public static List<A64Inst> symbolic() {
        List<A64Inst> out = new ArrayList<>();
        out.add(new B26(BranchOp.BL, Sym.of("callee")));
        out.add(new B26(BranchOp.B, Sym.of("callee")));
        out.add(new Adrp(Gpr.x(16), Sym.of("__imp_host_f")));
        out.add(new LdStLo12(LdStOp.LDRX, Gpr.x(16), Gpr.x(16), Sym.of("__imp_host_f")));
        out.add(new Adrp(X0, new Sym("data", 8)));
        out.add(new AddLo12(X0, X0, new Sym("data", 8)));
        out.add(new Adrp(X0, new Sym("data", -16)));
        out.add(new AddLo12(X0, X0, new Sym("data", -16)));
        for (LdStOp op : LdStOp.values()) out.add(new LdStLo12(op, X1, X0, new Sym("data", 8L * op.bytes())));
        return out;
    }
}
