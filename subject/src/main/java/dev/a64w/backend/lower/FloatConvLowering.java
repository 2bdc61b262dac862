package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.CondSelect;
import dev.a64w.backend.a64.A64Inst.CselOp;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.FOperand;
import dev.a64w.backend.a64.FpInst.*;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * Conversions: float to integer with Cranelift's traps ({@code fcmp x, x; b.vc; brk bad_toint},
 * then the range checks of {@link #bounds}, each {@code b.ok; brk int_ovf}, then
 * {@code fcvtzs}/{@code fcvtzu}) or saturating (FCVTZS/FCVTZU saturate and map NaN to 0 at 32 and
 * 64 bits; i8/i16 results are clamped after a 32-bit conversion); integer to float
 * ({@code scvtf}/{@code ucvtf}, narrow integers extended first); {@code fpromote}/{@code fdemote}
 * ({@code fcvt}).
 */
final class FloatConvLowering {
    private FloatConvLowering() {}

    /**
     * The range check of a trapping conversion from float type {@code from} to an integer of
     * {@code bits} bits: trap with int_ovf when {@code x <= low} ({@code lowInclusive}) or
     * {@code x < low} (otherwise), or when {@code x >= high}. {@code low} and {@code high} are raw
     * bits of {@code from}; every bound is exactly representable. The truncated value fits iff
     * min - 1 &lt; x &lt; max + 1; max + 1 is a power of two, and min - 1 is representable for the
     * narrow cases, else min itself (a power of two with no float between min - 1 and min).
     */
    record Bounds(long low, boolean lowInclusive, long high) {}

    static Bounds bounds(Type from, int bits, boolean signed) {
        double high = signed ? Math.scalb(1.0, bits - 1) : Math.scalb(1.0, bits);
        if (!signed) return new Bounds(raw(from, -1.0), true, raw(from, high));
        BigDecimal min = BigDecimal.valueOf(-Math.scalb(1.0, bits - 1));
        BigDecimal below = min.subtract(BigDecimal.ONE);
        boolean exact = from == Type.F32
                ? new BigDecimal((float) below.doubleValue()).compareTo(below) == 0
                : new BigDecimal(below.doubleValue()).compareTo(below) == 0;
        return exact ? new Bounds(raw(from, below.doubleValue()), true, raw(from, high))
                : new Bounds(raw(from, min.doubleValue()), false, raw(from, high));
    }

    private static long raw(Type t, double v) {
        return t == Type.F32 ? Float.floatToRawIntBits((float) v) & 0xffff_ffffL : Double.doubleToRawLongBits(v);
    }

    static void lower(LowerCtx c, Inst.FConv x) {
        VReg d = c.v(x.result()), a = c.v(x.arg());
        Type to = x.type(), from = c.type(x.arg());
        switch (x.op()) {
            case FCVT_TO_SINT, FCVT_TO_UINT -> toIntTrapping(c, d, to, a, from, x.op() == dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_SINT);
            case FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> toIntSat(c, d, to, a, from, x.op() == dev.a64w.ir.Opcodes.FConvOp.FCVT_TO_SINT_SAT);
            case FCVT_FROM_SINT, FCVT_FROM_UINT -> fromInt(c, d, to, a, from, x.op() == dev.a64w.ir.Opcodes.FConvOp.FCVT_FROM_SINT);
            case FPROMOTE, FDEMOTE -> {
                FpSize fs = FloatLowering.fs(to), ff = FloatLowering.fs(from);
                if (fs == ff) {
                    throw c.unsupported(x.op().clif + "." + to + " of " + from);
                }
                c.op(List.of(d), List.of(a), b -> b.emit(new FpCvt(fs, ff, d, a)));
            }
        }
    }

    private static Size outSize(Type to) {
        return to == Type.I64 ? Size.X : Size.W;
    }

    private static void toIntTrapping(LowerCtx c, VReg d, Type to, VReg a, Type from, boolean signed) {
        FpSize fs = FloatLowering.fs(from);
        Size is = FloatLowering.isz(from);
        Bounds bd = bounds(from, to.bits(), signed);
        int badToInt = TrapCodes.BAD_TOINT, intOvf = TrapCodes.INT_OVF;
        VReg ti = c.temp(), tf = c.temp(dev.a64w.backend.a64.RegClass.FLOAT);
        FpToGprOp op = signed ? FpToGprOp.FCVTZS : FpToGprOp.FCVTZU;
        c.op(List.of(d), List.of(a), List.of(ti, tf), b -> {
            FOperand x = a, f = tf;
            Reg t = ti;
            b.emit(new FpCmp(FpCmpOp.FCMP, fs, x, x));
            IntLowering.trapUnless(b, Cond.VC, badToInt);
            compareWith(b, x, f, t, bd.low(), fs, is);
            IntLowering.trapUnless(b, bd.lowInclusive() ? Cond.GT : Cond.GE, intOvf);
            compareWith(b, x, f, t, bd.high(), fs, is);
            IntLowering.trapUnless(b, Cond.LT, intOvf);
            b.emit(new FpToGpr(op, outSize(to), fs, d, x));
        });
    }

    /** {@code fcmp x, #bits} with the constant built in {@code f} (through {@code t}). */
    private static void compareWith(InstSink b, FOperand x, FOperand f, Reg t, long bits, FpSize fs, Size is) {
        Seq.movImm(b, t, bits, is);
        b.emit(new GprToFp(GprToFpOp.FMOV, is, fs, f, t));
        b.emit(new FpCmp(FpCmpOp.FCMP, fs, x, f));
    }

    private static void toIntSat(LowerCtx c, VReg d, Type to, VReg a, Type from, boolean signed) {
        FpSize fs = FloatLowering.fs(from);
        FpToGprOp op = signed ? FpToGprOp.FCVTZS : FpToGprOp.FCVTZU;
        if (to == Type.I32 || to == Type.I64) {
            c.op(List.of(d), List.of(a), b -> b.emit(new FpToGpr(op, outSize(to), fs, d, a)));
            return;
        }
        int bits = to.bits();
        VReg t = c.temp();
        c.op(List.of(d), List.of(a), List.of(t), b -> {
            Reg rd = d, rt = t;
            b.emit(new FpToGpr(op, Size.W, fs, rd, a));
            if (signed) {
                Seq.movImm(b, rt, (1L << (bits - 1)) - 1, Size.W);
                b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, rd, rt));
                b.emit(new CondSelect(CselOp.CSEL, Size.W, rd, rt, rd, Cond.GT));
                Seq.movImm(b, rt, -(1L << (bits - 1)) & 0xffff_ffffL, Size.W);
                b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, rd, rt));
                b.emit(new CondSelect(CselOp.CSEL, Size.W, rd, rt, rd, Cond.LT));
            } else {
                Seq.movImm(b, rt, (1L << bits) - 1, Size.W);
                b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, rd, rt));
                b.emit(new CondSelect(CselOp.CSEL, Size.W, rd, rt, rd, Cond.HI));
            }
        });
    }

    private static void fromInt(LowerCtx c, VReg d, Type to, VReg a, Type from, boolean signed) {
        FpSize fs = FloatLowering.fs(to);
        GprToFpOp op = signed ? GprToFpOp.SCVTF : GprToFpOp.UCVTF;
        if (from == Type.I32 || from == Type.I64) {
            Size s = outSize(from);
            c.op(List.of(d), List.of(a), b -> b.emit(new GprToFp(op, s, fs, d, a)));
            return;
        }
        VReg t = c.temp();
        c.op(List.of(d), List.of(a), List.of(t), b -> {
            Seq.ext(b, t, a, from, signed);
            b.emit(new GprToFp(op, Size.W, fs, d, t));
        });
    }
}
