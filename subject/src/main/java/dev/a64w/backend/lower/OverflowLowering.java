package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Extend;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
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
            c.op(List.of(d, of), List.of(a, bb), b -> {
                b.emit(new AluRRR(alu, s, d, a, bb));
                IntLowering.cset(b, of, cc);
            });
            return;
        }
        if (t == Type.I64) {
            VReg hi = c.temp();
            boolean signed = op == OverflowOp.SMUL;
            c.op(List.of(d, of), List.of(a, bb), List.of(hi), b -> {
                Reg rh = hi, rd = d;
                b.emit(new MulAdd(signed ? MulOp.SMULH : MulOp.UMULH, Size.X, rh, a, bb, Zr.ZR));
                b.emit(new MulAdd(MulOp.MADD, Size.X, rd, a, bb, Zr.ZR));
                if (signed) b.emit(new AluRRShift(AluOp.SUBS, Size.X, Zr.ZR, rh, rd, Shift.ASR, 63));
                else b.emit(new AluRRImm12(AddSubOp.SUBS, Size.X, Zr.ZR, rh, new dev.a64w.backend.a64.Imm12(0, false)));
                IntLowering.cset(b, of, Cond.NE);
            });
            return;
        }
        if (t == Type.I32) {
            boolean signed = op == OverflowOp.SMUL;
            c.op(List.of(d, of), List.of(a, bb), b -> {
                Reg rd = d;
                b.emit(new MulAdd(signed ? MulOp.SMADDL : MulOp.UMADDL, Size.X, rd, a, bb, Zr.ZR));
                if (signed) b.emit(new AluRRExt(AddSubOp.SUBS, Size.X, Zr.ZR, rd, rd, Extend.SXTW, 0));
                else b.emit(new AluRRExt(AddSubOp.SUBS, Size.X, Zr.ZR, rd, rd, Extend.UXTW, 0));
                IntLowering.cset(b, of, Cond.NE);
            });
            return;
        }
        // i8 / i16: extend, compute in 32 bits, check the result is representable
        boolean signed = op == OverflowOp.SADD || op == OverflowOp.SSUB || op == OverflowOp.SMUL;
        Extend back = t == Type.I8 ? (signed ? Extend.SXTB : Extend.UXTB) : (signed ? Extend.SXTH : Extend.UXTH);
        VReg tb = c.temp();
        c.op(List.of(d, of), List.of(a, bb), List.of(tb), b -> {
            Reg rb = tb, rd = d;
            Seq.ext(b, rb, bb, t, signed);
            Seq.ext(b, rd, a, t, signed);
            switch (op) {
                case UADD, SADD -> b.emit(new AluRRR(AluOp.ADD, Size.W, rd, rd, rb));
                case USUB, SSUB -> b.emit(new AluRRR(AluOp.SUB, Size.W, rd, rd, rb));
                case UMUL, SMUL -> b.emit(new MulAdd(MulOp.MADD, Size.W, rd, rd, rb, Zr.ZR));
            }
            // overflow iff the 32-bit result differs from its own narrow extension
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.cset(b, of, Cond.NE);
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
        c.op(List.of(d, of), List.of(a, bb, cin), List.of(k), b -> {
            Reg rk = k, rd = d;
            Seq.ext(b, rk, cin, Type.I8, false);
            if (op.sub) b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, Zr.ZR, rk));
            else b.emit(new AluRRImm12(AddSubOp.SUBS, Size.W, Zr.ZR, rk, new dev.a64w.backend.a64.Imm12(1, false)));
            if (wide) {
                b.emit(new AddCarry(op.sub ? CarryOp.SBCS : CarryOp.ADCS, sz(t), rd, a, bb));
                Cond cc = op.signed ? Cond.VS : op.sub ? Cond.LO : Cond.HS;
                IntLowering.cset(b, of, cc);
                return;
            }
            Seq.ext(b, rk, bb, t, op.signed);
            Seq.ext(b, rd, a, t, op.signed);
            b.emit(new AddCarry(op.sub ? CarryOp.SBC : CarryOp.ADC, Size.W, rd, rd, rk));
            Extend back = t == Type.I8 ? (op.signed ? Extend.SXTB : Extend.UXTB) : (op.signed ? Extend.SXTH : Extend.UXTH);
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.cset(b, of, Cond.NE);
        });
    }

    static void overflowTrap(LowerCtx c, Inst.OverflowTrap x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        Type t = x.type();
        Size s = sz(t);
        int imm = TrapCodes.immediate(x.code());
        if (t == Type.I32 || t == Type.I64) {
            c.op(List.of(d), List.of(a, bb), b -> {
                b.emit(new AluRRR(AluOp.ADDS, s, d, a, bb));
                IntLowering.trapUnless(b, Cond.LO, imm);
            });
            return;
        }
        VReg tb = c.temp();
        Extend back = t == Type.I8 ? Extend.UXTB : Extend.UXTH;
        c.op(List.of(d), List.of(a, bb), List.of(tb), b -> {
            Reg rb = tb, rd = d;
            Seq.ext(b, rb, bb, t, false);
            Seq.ext(b, rd, a, t, false);
            b.emit(new AluRRR(AluOp.ADD, Size.W, rd, rd, rb));
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, rd, rd, back, 0));
            IntLowering.trapUnless(b, Cond.EQ, imm);
        });
    }
}
