package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.BfOp;
import dev.a64w.backend.a64.A64Inst.BitfieldMove;
import dev.a64w.backend.a64.Addressing;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.FpImm;
import dev.a64w.backend.a64.FpInst.*;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.regalloc.Step;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Type;
import java.util.List;
import java.util.Optional;

/**
 * Scalar float instructions: constants ({@code fmov #imm8} when {@link FpImm} encodes the value,
 * {@code fmov} from the zero register for +0.0, else the bits built in an integer register and
 * moved over), arithmetic, {@code fma} ({@code fmadd}), rounding ({@code frintp/m/z/n}),
 * {@code fmin}/{@code fmax} (AArch64 FMIN/FMAX propagate NaNs as Cranelift specifies),
 * {@code fcopysign} (bits through integer registers), {@code fcmp} ({@link FloatCond}),
 * {@code select} on floats ({@code fcsel}), bitcasts between the register files, and loads and
 * stores of f32/f64 with the integer addressing modes. Conversions are in {@link FloatConvLowering}.
 */
final class FloatLowering {
    private FloatLowering() {}

    static FpSize fs(Type t) {
        return switch (t) {
            case F32 -> FpSize.S;
            case F64 -> FpSize.D;
            default -> throw new IllegalArgumentException("not a float type: " + t);
        };
    }

    /** The integer size of the same width as float type {@code t}. */
    static Size isz(Type t) {
        return t.bits() == 64 ? Size.X : Size.W;
    }

    static void lower(LowerCtx c, Inst inst) {
        switch (inst) {
            case Inst.Fconst x -> fconst(c, c.v(x.result()), x.type(), x.bits());
            case Inst.FUnary x -> unary(c, x);
            case Inst.FBinary x -> binary(c, x);
            case Inst.Fma x -> fma(c, x);
            case Inst.Fcmp x -> fcmp(c, x);
            case Inst.FConv x -> FloatConvLowering.lower(c, x);
            default -> throw c.unsupported("float instruction " + inst.getClass().getSimpleName());
        }
    }

    static void fconst(LowerCtx c, VReg d, Type t, long bits) {
        FpSize s = fs(t);
        long v = t == Type.F32 ? bits & 0xffff_ffffL : bits;
        Size is = isz(t);
        if (v == 0) {
            c.op(List.of(d), List.of(), b -> b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, Zr.ZR)));
            return;
        }
        Optional<FpImm> imm = FpImm.encode(v, s);
        if (imm.isPresent()) {
            c.op(List.of(d), List.of(), b -> b.emit(new FpMovImm(s, d, imm.get())));
            return;
        }
        VReg tmp = c.temp();
        c.op(List.of(d), List.of(), List.of(tmp), b -> {
            Seq.movImm(b, tmp, v, is);
            b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, tmp));
        });
    }

    private static void unary(LowerCtx c, Inst.FUnary x) {
        VReg d = c.v(x.result()), a = c.v(x.arg());
        FpSize s = fs(x.type());
        FpUnOp op = switch (x.op()) {
            case SQRT -> FpUnOp.FSQRT;
            case FNEG -> FpUnOp.FNEG;
            case FABS -> FpUnOp.FABS;
            case CEIL -> FpUnOp.FRINTP;
            case FLOOR -> FpUnOp.FRINTM;
            case TRUNC -> FpUnOp.FRINTZ;
            case NEAREST -> FpUnOp.FRINTN;
        };
        c.op(List.of(d), List.of(a), b -> b.emit(new FpRR(op, s, d, a)));
    }

    private static void binary(LowerCtx c, Inst.FBinary x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        FpSize s = fs(x.type());
        FpBinOp op = switch (x.op()) {
            case FADD -> FpBinOp.FADD;
            case FSUB -> FpBinOp.FSUB;
            case FMUL -> FpBinOp.FMUL;
            case FDIV -> FpBinOp.FDIV;
            case FMIN -> FpBinOp.FMIN;
            case FMAX -> FpBinOp.FMAX;
            case FCOPYSIGN -> null;
        };
        if (op != null) {
            c.op(List.of(d), List.of(a, bb), b -> b.emit(new FpRRR(op, s, d, a, bb)));
            return;
        }
        // fcopysign: the bits of b, then bfxil the magnitude bits of a over them
        Size is = isz(x.type());
        int w = x.type().bits();
        VReg ta = c.temp(), tb = c.temp();
        c.op(List.of(d), List.of(a, bb), List.of(ta, tb), b -> {
            Reg ra = ta, rb = tb;
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, ra, a));
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, rb, bb));
            b.emit(new BitfieldMove(BfOp.BFM, is, rb, ra, 0, w - 2));
            b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, rb));
        });
    }

    private static void fma(LowerCtx c, Inst.Fma x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b()), cc = c.v(x.c());
        FpSize s = fs(x.type());
        c.op(List.of(d), List.of(a, bb, cc), b ->
                b.emit(new FpRRRR(FpTernOp.FMADD, s, d, a, bb, cc)));
    }

    private static void fcmp(LowerCtx c, Inst.Fcmp x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        FpSize s = fs(c.type(x.a()));
        c.op(List.of(d), List.of(a, bb), b -> {
            Cond cc = FloatCond.compare(b, x.cc(), s, a, bb);
            IntLowering.cset(b, d, cc);
        });
    }

    /** {@code select}/{@code select_spectre_guard} of floats: test the integer condition, {@code fcsel}. */
    static void select(LowerCtx c, Inst.Select x) {
        if (x.op() == SelectOp.BITSELECT) {
            bitselect(c, x);
            return;
        }
        VReg d = c.v(x.result()), cond = c.v(x.cond()), a = c.v(x.ifTrue()), bb = c.v(x.ifFalse());
        Type ct = c.type(x.cond());
        FpSize s = fs(x.type());
        c.op(List.of(d), List.of(cond, a, bb), b -> {
            Seq.testNonZero(b, cond, ct);
            b.emit(new FpCondSelect(s, d, a, bb, Cond.NE));
        });
    }

    /** {@code bitselect} of floats: the bits of all three through integer registers ({@code and}, {@code bic}, {@code orr}). */
    private static void bitselect(LowerCtx c, Inst.Select x) {
        VReg d = c.v(x.result()), cond = c.v(x.cond()), a = c.v(x.ifTrue()), bb = c.v(x.ifFalse());
        Type ct = c.type(x.cond());
        if (ct.bits() != x.type().bits()) throw c.unsupported("bitselect." + x.type() + " with a " + ct + " mask");
        FpSize s = fs(x.type());
        Size is = isz(x.type());
        VReg tc = c.temp(), ta = c.temp(), tb = c.temp();
        c.op(List.of(d), List.of(cond, a, bb), List.of(tc, ta, tb), b -> {
            Reg rc = ct.isFloat() ? tc : cond, ra = ta, rb = tb;
            if (ct.isFloat()) b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, rc, cond));
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, ra, a));
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, rb, bb));
            b.emit(new AluRRR(AluOp.AND, is, ra, ra, rc));
            b.emit(new AluRRR(AluOp.BIC, is, rb, rb, rc));
            b.emit(new AluRRR(AluOp.ORR, is, rb, rb, ra));
            b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, rb));
        });
    }

    /** {@code band}/{@code bor}/{@code bxor} (and their {@code _not} forms) of floats: on the bits, through integer registers. */
    static void bitwise(LowerCtx c, Inst.Binary x) {
        AluOp op = switch (x.op()) {
            case BAND -> AluOp.AND;
            case BOR -> AluOp.ORR;
            case BXOR -> AluOp.EOR;
            case BAND_NOT -> AluOp.BIC;
            case BOR_NOT -> AluOp.ORN;
            case BXOR_NOT -> AluOp.EON;
            default -> throw c.unsupported(x.op().clif + "." + x.type());
        };
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        FpSize s = fs(x.type());
        Size is = isz(x.type());
        VReg ta = c.temp(), tb = c.temp();
        c.op(List.of(d), List.of(a, bb), List.of(ta, tb), b -> {
            Reg ra = ta, rb = tb;
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, ra, a));
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, rb, bb));
            b.emit(new AluRRR(op, is, ra, ra, rb));
            b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, ra));
        });
    }

    /** {@code bnot} of a float: the bits inverted through an integer register ({@code mvn}). */
    static void bnot(LowerCtx c, Inst.Unary x) {
        VReg d = c.v(x.result()), a = c.v(x.arg());
        FpSize s = fs(x.type());
        Size is = isz(x.type());
        VReg ta = c.temp();
        c.op(List.of(d), List.of(a), List.of(ta), b -> {
            Reg ra = ta;
            b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, ra, a));
            b.emit(new AluRRR(AluOp.ORN, is, ra, Zr.ZR, ra));
            b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, ra));
        });
    }

    /** {@code bitcast} with a float on at least one side (same width): {@code fmov} across files, or a move. */
    static void bitcast(LowerCtx c, VReg d, Type t, VReg a, Type at) {
        if (t.bits() != at.bits()) throw c.unsupported("bitcast." + t + " of " + at + " (widths differ)");
        Size is = isz(t);
        if (t.isFloat() && at.isFloat()) {
            c.op(List.of(d), List.of(a), b -> {
                if (!d.equals(a)) b.emit(new FpRR(FpUnOp.FMOV, FpSize.D, d, a));
            });
        } else if (t.isFloat()) {
            c.op(List.of(d), List.of(a), b -> b.emit(new GprToFp(GprToFpOp.FMOV, is, fs(t), d, a)));
        } else {
            c.op(List.of(d), List.of(a), b -> b.emit(new FpToGpr(FpToGprOp.FMOV, is, fs(at), d, a)));
        }
    }

    // ---- memory ----

    /** Whether [base, #off] encodes directly for an FP access of {@code size}. */
    static boolean direct(FpSize size, long off) {
        int n = size.bits() / 8;
        return (off >= 0 && off % n == 0 && off / n <= 0xfff) || (off >= -256 && off <= 255);
    }


    static void load(LowerCtx c, Inst.Load x) {
        if (c.type(x.addr()) != Type.I64) throw c.unsupported("memory address of type " + c.type(x.addr()) + " (addresses are i64)");
        if (x.op() != dev.a64w.ir.Opcodes.LoadOp.LOAD) throw c.unsupported(x.op().clif + "." + x.type());
        VReg d = c.v(x.result()), a = c.v(x.addr());
        FpSize s = fs(x.type());
        long off = x.offset();
        if (x.flags().big()) {
            // big-endian: load the bits into a GPR, reverse them there, move them across
            int n = x.type().bytes();
            Size is = isz(x.type());
            VReg r = c.temp(), t = c.temp();
            c.op(List.of(d), List.of(a), List.of(r, t), b -> {
                Addressing.access(b, MemLowering.loadOp(n, false, x.type()), r, a, off, t);
                MemLowering.reverse(b, r, r, n);
                b.emit(new GprToFp(GprToFpOp.FMOV, is, s, d, r));
            });
            return;
        }
        if (direct(s, off)) {
            c.op(List.of(d), List.of(a), b -> Addressing.fpAccess(b, FpMemOp.LDR, s, d, a, off, null));
        } else {
            VReg t = c.temp();
            c.op(List.of(d), List.of(a), List.of(t), b -> Addressing.fpAccess(b, FpMemOp.LDR, s, d, a, off, t));
        }
    }

    static void store(LowerCtx c, Inst.Store x) {
        if (c.type(x.addr()) != Type.I64) throw c.unsupported("memory address of type " + c.type(x.addr()) + " (addresses are i64)");
        if (x.op() != dev.a64w.ir.Opcodes.StoreOp.STORE) throw c.unsupported(x.op() + " of a float");
        VReg v = c.v(x.value()), a = c.v(x.addr());
        FpSize s = fs(c.type(x.value()));
        long off = x.offset();
        if (x.flags().big()) {
            // big-endian: move the bits to a GPR, reverse them there, store that
            Type vt = c.type(x.value());
            int n = vt.bytes();
            Size is = isz(vt);
            VReg r = c.temp(), t = c.temp();
            c.op(List.of(), List.of(v, a), List.of(r, t), b -> {
                b.emit(new FpToGpr(FpToGprOp.FMOV, is, s, r, v));
                MemLowering.reverse(b, r, r, n);
                Addressing.access(b, MemLowering.storeOp(n), r, a, off, t);
            });
            return;
        }
        if (direct(s, off)) {
            c.op(List.of(), List.of(v, a), b -> Addressing.fpAccess(b, FpMemOp.STR, s, v, a, off, null));
        } else {
            VReg t = c.temp();
            c.op(List.of(), List.of(v, a), List.of(t), b -> Addressing.fpAccess(b, FpMemOp.STR, s, v, a, off, t));
        }
    }

    static void stackLoad(LowerCtx c, Inst.StackLoad x) {
        VReg d = c.v(x.result()), t = c.temp();
        FpSize s = fs(x.type());
        c.op(List.of(d), List.of(), List.of(t), b -> b.add(new Step.FpSlotAccess(FpMemOp.LDR, s, d, x.slot(), x.offset(), t)));
    }

    static void stackStore(LowerCtx c, Inst.StackStore x) {
        VReg v = c.v(x.value()), t = c.temp();
        FpSize s = fs(c.type(x.value()));
        c.op(List.of(), List.of(v), List.of(t), b -> b.add(new Step.FpSlotAccess(FpMemOp.STR, s, v, x.slot(), x.offset(), t)));
    }
}
