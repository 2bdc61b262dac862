package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.regalloc.OpBody;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import java.util.List;

/**
 * udiv/sdiv/urem/srem with Cranelift's traps: a zero divisor traps int_divz ({@code brk #0xf004});
 * sdiv of INT_MIN by -1 traps int_ovf; srem of INT_MIN by -1 is 0 (msub wraps). i8/i16 operands are
 * extended to 32 bits first, so their INT_MIN check is explicit.
 */
final class DivLowering {
    private DivLowering() {}

    static void divide(LowerCtx c, BinaryOp op, VReg d, Type t, VReg a, VReg bb) {
        boolean signed = op == BinaryOp.SDIV || op == BinaryOp.SREM;
        boolean rem = op == BinaryOp.UREM || op == BinaryOp.SREM;
        Size s = sz(t);
        Dp2Op div = signed ? Dp2Op.SDIV : Dp2Op.UDIV;
        if (t == Type.I32 || t == Type.I64) {
            if (!rem) {
                c.op(List.of(d), List.of(a, bb), b -> {
                    zeroCheck(b, bb, s);
                    if (signed) overflowCheckWide(b, a, bb, s);
                    b.emit(new DataProc2(div, s, d, a, bb));
                });
            } else {
                VReg q = c.temp();
                c.op(List.of(d), List.of(a, bb), List.of(q), b -> {
                    zeroCheck(b, bb, s);
                    b.emit(new DataProc2(div, s, q, a, bb));
                    b.emit(new MulAdd(MulOp.MSUB, s, d, q, bb, a));
                });
            }
            return;
        }
        VReg tb = c.temp(), ta = c.temp();
        c.op(List.of(d), List.of(a, bb), List.of(tb, ta), b -> {
            Reg rb = tb, ra = ta, rd = d;
            Seq.ext(b, rb, bb, t, signed);
            zeroCheck(b, rb, Size.W);
            Seq.ext(b, ra, a, t, signed);
            if (signed && !rem) {
                LocalLabel ok = b.newLabel();
                b.emit(new AluRRImm12(AddSubOp.ADDS, Size.W, Zr.ZR, rb, new Imm12(1, false)));
                b.emit(new CondBr(Cond.NE, ok));
                b.emit(new AluRRImm12(AddSubOp.ADDS, Size.W, Zr.ZR, ra, Imm12.tryFrom(1L << (t.bits() - 1)).orElseThrow()));
                b.emit(new CondBr(Cond.NE, ok));
                b.emit(new Brk(TrapCodes.INT_OVF));
                b.bind(ok);
            }
            b.emit(new DataProc2(div, Size.W, rd, ra, rb));
            if (rem) b.emit(new MulAdd(MulOp.MSUB, Size.W, rd, rd, rb, ra));
        });
    }

    /** {@code cbnz rb, ok; brk #int_divz; ok:}. */
    private static void zeroCheck(OpBody b, Reg rb, Size s) {
        LocalLabel ok = b.newLabel();
        b.emit(new CompareBranch(CbOp.CBNZ, s, rb, ok));
        b.emit(new Brk(TrapCodes.INT_DIVZ));
        b.bind(ok);
    }

    /** Traps int_ovf when rb == -1 and ra == INT_MIN: {@code cmn rb,#1; ccmp ra,#1,#0,eq; b.vc ok; brk}. */
    private static void overflowCheckWide(OpBody b, Reg ra, Reg rb, Size s) {
        b.emit(new AluRRImm12(AddSubOp.ADDS, s, Zr.ZR, rb, new Imm12(1, false)));
        b.emit(new CondCompareImm(CcmpOp.CCMP, s, ra, 1, 0, Cond.EQ));
        IntLowering.trapUnless(b, Cond.VC, TrapCodes.INT_OVF);
    }
}
