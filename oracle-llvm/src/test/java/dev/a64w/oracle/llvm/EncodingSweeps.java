package dev.a64w.oracle.llvm;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.Rel;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import java.util.ArrayList;
import java.util.List;

/**
 * Sweeps the oracle test adds to {@link dev.a64w.backend.a64.A64Samples#all()}: every imm12 (both
 * shifts) for every add/sub op and size, every numbered register in every register field of the
 * common formats, every single bit of the move-wide immediate, and every displacement bit of the
 * PC-relative fields. Cheap for LLVM (well under a second), so they are exhaustive or per bit.
 */
final class EncodingSweeps {
    private EncodingSweeps() {}

    static List<A64Inst> all() {
        List<A64Inst> out = new ArrayList<>();
        Gpr x0 = Gpr.x(0), x1 = Gpr.x(1);
        for (Size s : Size.values()) {
            for (AddSubOp op : AddSubOp.values()) {
                for (int v = 0; v <= 0xfff; v++) {
                    out.add(new AluRRImm12(op, s, Gpr.x(v % 31), Gpr.x((v / 31) % 31), new Imm12(v, false)));
                    out.add(new AluRRImm12(op, s, Gpr.x((v / 31) % 31), Gpr.x(v % 31), new Imm12(v, true)));
                }
            }
            for (MovOp op : MovOp.values()) {
                for (int sh = 0; sh < s.bits(); sh += 16) {
                    for (int bit = 0; bit < 16; bit++) {
                        out.add(new MovWide(op, s, Gpr.x(bit), 1 << bit, sh));
                        out.add(new MovWide(op, s, Gpr.x(30 - bit), 0xffff & ~(1 << bit), sh));
                    }
                }
            }
        }
        for (int n = 0; n <= 30; n++) {
            Gpr a = Gpr.x(n), b = Gpr.x((n + 11) % 31), c = Gpr.x((n + 22) % 31);
            out.add(new AluRRR(AluOp.ADD, Size.X, a, b, c));
            out.add(new AluRRR(AluOp.SUB, Size.W, c, a, b));
            out.add(new AluRRExt(AddSubOp.ADD, Size.X, a, b, c, dev.a64w.backend.a64.Extend.SXTW, 2));
            out.add(new LogicRRImm(LogicOp.AND, Size.X, b, a, dev.a64w.backend.a64.ImmLogic.tryFrom(0xff0, 64).orElseThrow()));
            out.add(new BitfieldMove(BfOp.UBFM, Size.X, a, b, 3, 9));
            out.add(new Extr(Size.X, a, b, c, 7));
            out.add(new DataProc1(Dp1Op.CLZ, Size.X, b, a));
            out.add(new DataProc2(Dp2Op.UDIV, Size.X, c, b, a));
            out.add(new MulAdd(MulOp.MSUB, Size.X, a, b, c, Gpr.x((n + 5) % 31)));
            out.add(new CondSelect(CselOp.CSEL, Size.X, c, a, b, Cond.values()[n % 16]));
            out.add(new CondCompareReg(CcmpOp.CCMP, Size.X, a, b, n % 16, Cond.GT));
            out.add(new CondCompareImm(CcmpOp.CCMN, Size.W, a, n, n % 16, Cond.LS));
            out.add(new LdStUImm(LdStOp.LDRX, a, b, 8 * n));
            out.add(new LdStUImm(LdStOp.STRW, b, a, 4 * n));
            out.add(new LdStUnscaled(LdStOp.LDRSHX, a, b, -n));
            out.add(new LdStIdx(LdStOp.LDRX, IndexMode.POST, a, b, n));
            out.add(new LdStIdx(LdStOp.STRX, IndexMode.PRE, a, Sp.SP, -8 * n));
            out.add(new LdStRegOffset(LdStOp.LDRB, a, b, c));
            out.add(new LdStPair(PairOp.LDP, IndexMode.OFFSET, Size.X, a, b, c, 8 * n));
            out.add(new LdStPair(PairOp.STP, IndexMode.PRE, Size.W, c, a, b, -4 * n));
            out.add(new MovWide(MovOp.MOVK, Size.X, a, n, 32));
            out.add(new Adr(a, new Rel(n)));
            out.add(new Adrp(a, new Rel((long) n << 12)));
            out.add(new CompareBranch(CbOp.CBNZ, Size.X, a, new Rel(4L * n)));
            out.add(new TestBranch(TbOp.TBZ, a, n, new Rel(-4L * n)));
            out.add(new TestBranch(TbOp.TBNZ, a, 33 + n, new Rel(4L * n)));
            out.add(new BranchReg(BrOp.BLR, a));
            out.add(new BranchReg(BrOp.BR, a));
            out.add(new BranchReg(BrOp.RET, a));
        }
        // every displacement bit, both signs
        for (int k = 0; k < 20; k++) {
            out.add(new Adr(x0, new Rel(1L << k)));
            out.add(new Adr(x0, new Rel(-(1L << k))));
            out.add(new Adrp(x1, new Rel(1L << (12 + k))));
            out.add(new Adrp(x1, new Rel(-(1L << (12 + k)))));
        }
        for (int k = 2; k < 27; k++) { // the positive maximum of each field is 4 below 1 << (bits + 1)
            for (BranchOp op : BranchOp.values()) {
                out.add(new B26(op, new Rel(1L << k)));
                out.add(new B26(op, new Rel(-(1L << k))));
            }
            if (k < 20) {
                out.add(new CondBr(Cond.values()[k % 16], new Rel(1L << k)));
                out.add(new CondBr(Cond.values()[k % 16], new Rel(-(1L << k))));
                out.add(new CompareBranch(CbOp.CBZ, Size.W, x1, new Rel(1L << k)));
                out.add(new CompareBranch(CbOp.CBZ, Size.W, x1, new Rel(-(1L << k))));
            }
            if (k < 15) {
                out.add(new TestBranch(TbOp.TBNZ, x1, k, new Rel(1L << k)));
                out.add(new TestBranch(TbOp.TBZ, x1, 63 - k, new Rel(-(1L << k))));
            }
        }
        return out;
    }
}
