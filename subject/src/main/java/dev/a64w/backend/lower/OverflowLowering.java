package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Extend;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.regalloc.VReg;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Type;
import java.util.List;

/**
 * {@code uadd_overflow}-style instructions (result plus an i8 flag) and {@code
 * uadd_overflow_trap}. i32/i64 use the flags of adds/subs (C, V) or a high-half compare for
 * multiplication; i8/i16 compute in 32 bits on extended operands and check the range.
 */
final class OverflowLowering {
    private OverflowLowering() {}

    static void overflow(LowerCtx c, Inst.Overflow x) {
        VReg d = c.v(x.result()), of = c.v(x.overflow()), a = c.v(x.a()), bb = c.v(x.b());
        Type t = x.type();
        Size s = sz(t);
        OverflowOp op = x.op();
        boolean wide = t == Type.I32 || t == Type.I64;
        if (wide && op != OverflowOp.UMUL && op != OverflowOp.SMUL) {
            AluOp alu = op == OverflowOp.UADD || op == OverflowOp.SADD ? AluOp.ADDS : AluOp.SUBS;
            Cond cc = switch (op) {
                case UADD -> Cond.HS;
                case USUB -> Cond.LO;
                default -> Cond.VS;
            };
            c.op(List.of(d, of), List.of(a, bb), (o, b) -> {
                b.emit(new AluRRR(alu, s, o.reg(d), o.reg(a), o.reg(bb)));
                IntLowering.cset(b, o.reg(of), cc);
            });
            return;
        }
        if (t == Type.I64) {
            VReg hi = c.temp();
            boolean signed = op == OverflowOp.SMUL;
            c.op(List.of(d, of), List.of(a, bb), List.of(hi), (o, b) -> {
                Gpr rh = o.reg(hi), rd = o.reg(d);
                b.emit(new MulAdd(signed ? MulOp.SMULH : MulOp.UMULH, Size.X, rh, o.reg(a), o.reg(bb), Zr.ZR));
                b.emit(new MulAdd(MulOp.MADD, Size.X, rd, o.reg(a), o.reg(bb), Zr.ZR));
                if (signed) b.emit(new AluRRShift(AluOp.SUBS, Size.X, Zr.ZR, rh, rd, Shift.ASR, 63));
                else b.emit(new AluRRImm12(AddSubOp.SUBS, Size.X, Zr.ZR, rh, new dev.a64w.backend.a64.Imm12(0, false)));
                IntLowering.cset(b, o.reg(of), Cond.NE);
            });
            return;
        }
        if (t == Type.I32) {
            boolean signed = op == OverflowOp.SMUL;
            c.op(List.of(d, of), List.of(a, bb), (o, b) -> {
                Gpr rd = o.reg(d);
                b.emit(new MulAdd(signed ? MulOp.SMADDL : MulOp.UMADDL, Size.X, rd, o.reg(a), o.reg(bb), Zr.ZR));
                if (signed) b.emit(new AluRRExt(AddSubOp.SUBS, Size.X, Zr.ZR, rd, rd, Extend.SXTW, 0));
                else b.emit(new AluRRExt(AddSubOp.SUBS, Size.X, Zr.ZR, rd, rd, Extend.UXTW, 0));
                IntLowering.cset(b, o.reg(of), Cond.NE);
            });
            return;
        }
        // i8 / i16: extend, compute in 32 bits, check the result is representable
        boolean signed = op == OverflowOp.SADD || op == OverflowOp.SSUB || op == OverflowOp.SMUL;
        Extend back = t == Type.I8 ? (signed ? Extend.SXTB : Extend.UXTB) : (signed ? Extend.SXTH : Extend.UXTH);
        VReg tb = c.temp();
        c.op(List.of(d, of), List.of(a, bb), List.of(tb), (o, b) -> {
            Gpr rb = o.reg(tb), rd = o.reg(d);
            Seq.ext(b, rb, o.reg(bb), t, signed);
            Seq.ext(b, rd, o.reg(a), t, signed);
            switch (op) {
                case UADD, SADD -> b.emit(new AluRRR(AluOp.ADD, Size.W, rd, rd, rb));
                case USUB, SSUB -> b.emit(new AluRRR(AluOp.SUB, Size.W, rd, rd, rb));
                case UMUL, SMUL -> b.emit(new MulAdd(MulOp.MADD, Size.W, rd, rd, rb, Zr.ZR));
            }
            // overflow iff the 32-bit result differs from its own narrow extension
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.cset(b, o.reg(of), Cond.NE);
        });
    }

    /**
     * {@code sadd_overflow_cin}/{@code uadd_overflow_cin}/{@code ssub_overflow_bin}/{@code
     * usub_overflow_bin}: C is set from the i8 carry (add: C = carry != 0; subtract: C = carry == 0,
     * as SBC subtracts NOT C), then adcs/sbcs for i32/i64 (overflow from C or V), or adc/sbc in 32
     * bits on extended operands for i8/i16 (overflow when the result is not its own extension).
     */
    static void carry(LowerCtx c, Inst.OverflowCarry x) {
        VReg d = c.v(x.result()), of = c.v(x.overflow()), a = c.v(x.a()), bb = c.v(x.b()), cin = c.v(x.carry());
        Type t = x.type();
        var op = x.op();
        VReg k = c.temp();
        boolean wide = t == Type.I32 || t == Type.I64;
        c.op(List.of(d, of), List.of(a, bb, cin), List.of(k), (o, b) -> {
            Gpr rk = o.reg(k), rd = o.reg(d);
            Seq.ext(b, rk, o.reg(cin), Type.I8, false);
            if (op.sub) b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, Zr.ZR, rk));
            else b.emit(new AluRRImm12(AddSubOp.SUBS, Size.W, Zr.ZR, rk, new dev.a64w.backend.a64.Imm12(1, false)));
            if (wide) {
                b.emit(new AddCarry(op.sub ? CarryOp.SBCS : CarryOp.ADCS, sz(t), rd, o.reg(a), o.reg(bb)));
                Cond cc = op.signed ? Cond.VS : op.sub ? Cond.LO : Cond.HS;
                IntLowering.cset(b, o.reg(of), cc);
                return;
            }
            Seq.ext(b, rk, o.reg(bb), t, op.signed);
            Seq.ext(b, rd, o.reg(a), t, op.signed);
            b.emit(new AddCarry(op.sub ? CarryOp.SBC : CarryOp.ADC, Size.W, rd, rd, rk));
            Extend back = t == Type.I8 ? (op.signed ? Extend.SXTB : Extend.UXTB) : (op.signed ? Extend.SXTH : Extend.UXTH);
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.cset(b, o.reg(of), Cond.NE);
        });
    }

    static void overflowTrap(LowerCtx c, Inst.OverflowTrap x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        Type t = x.type();
        Size s = sz(t);
        int imm = TrapCodes.immediate(x.code());
        if (t == Type.I32 || t == Type.I64) {
            c.op(List.of(d), List.of(a, bb), (o, b) -> {
                b.emit(new AluRRR(AluOp.ADDS, s, o.reg(d), o.reg(a), o.reg(bb)));
                IntLowering.trapUnless(b, Cond.LO, imm);
            });
            return;
        }
        VReg tb = c.temp();
        Extend back = t == Type.I8 ? Extend.UXTB : Extend.UXTH;
        c.op(List.of(d), List.of(a, bb), List.of(tb), (o, b) -> {
            Gpr rb = o.reg(tb), rd = o.reg(d);
            Seq.ext(b, rb, o.reg(bb), t, false);
            Seq.ext(b, rd, o.reg(a), t, false);
            b.emit(new AluRRR(AluOp.ADD, Size.W, rd, rd, rb));
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.trapUnless(b, Cond.EQ, imm);
        });
    }
}
