package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.AddSubOp;
import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRExt;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.Brk;
import dev.a64w.backend.a64.A64Inst.CondBr;
import dev.a64w.backend.a64.A64Inst.CondSelect;
import dev.a64w.backend.a64.A64Inst.CselOp;
import dev.a64w.backend.a64.A64Inst.LogicOp;
import dev.a64w.backend.a64.A64Inst.LogicRRImm;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Extend;
import dev.a64w.backend.a64.FpInst.FpCondSelect;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.regalloc.CondTest;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code icmp}/{@code icmp_imm}/{@code fcmp} whose only use is a {@code brif}, {@code select} or {@code
 * trapz}/{@code trapnz} of its block is not lowered on its own: the consumer sets the flags itself
 * ({@code cmp}/{@code cmn}/{@code tst}) and uses them ({@code b.cond}, {@code csel}, {@code b.cond}
 * over {@code brk}). Narrow (i8/i16) operands are extended first, the right-hand register by the
 * compare's extended-register form.
 */
final class CmpFusion {
    private CmpFusion() {}

    /**
     * A planned flag-setting compare: an optional extension of {@code extSrc} into {@code ext}
     * (emitted by {@link #emitPre}), then {@code test} over {@code uses}, which gives the condition.
     */
    record Flags(VReg extSrc, VReg ext, Type type, boolean signed, List<VReg> uses, CondTest test) {}

    /** The compare (Icmp or IcmpImm) as flags, or null when it is not fusable. */
    static Flags plan(LowerCtx c, Inst cmp) {
        switch (cmp) {
            case Inst.Icmp x -> {
                Type t = c.type(x.a());
                Cond cc = Seq.cond(x.cc());
                VReg a = c.v(x.a()), bb = c.v(x.b());
                if (t == Type.I32 || t == Type.I64) {
                    Size s = sz(t);
                    return new Flags(null, null, t, false, List.of(a, bb), CondTest.of(buf -> {
                        buf.emit(new AluRRR(AluOp.SUBS, s, Zr.ZR, a, bb));
                        return cc;
                    }));
                }
                boolean signed = Seq.signed(x.cc());
                Extend ext = t == Type.I8 ? (signed ? Extend.SXTB : Extend.UXTB) : (signed ? Extend.SXTH : Extend.UXTH);
                VReg e = c.temp();
                return new Flags(a, e, t, signed, List.of(e, bb), CondTest.of(buf -> {
                    buf.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, e, bb, ext, 0));
                    return cc;
                }));
            }
            case Inst.IcmpImm x -> {
                Type t = c.type(x.a());
                IntCC icc = x.cc();
                Cond cc = Seq.cond(icc);
                boolean signed = Seq.signed(icc);
                long k = Seq.cmpConst(x.imm(), t, signed);
                VReg a = c.v(x.a());
                boolean narrow = t == Type.I8 || t == Type.I16;
                if (narrow && k == 0 && (icc == IntCC.EQ || icc == IntCC.NE)) {
                    long mask = t.zext(-1L);
                    return new Flags(null, null, t, false, List.of(a), CondTest.of(buf -> {
                        buf.emit(new LogicRRImm(LogicOp.ANDS, Size.W, Zr.ZR, a, Seq.logic(mask, 32)));
                        return cc;
                    }));
                }
                if (!Seq.cmpImmEncodable(k)) return null;
                Size s = sz(t);
                if (!narrow) {
                    return new Flags(null, null, t, false, List.of(a), CondTest.of(buf -> {
                        buf.emit(Seq.cmpImm(a, k, s).orElseThrow());
                        return cc;
                    }));
                }
                VReg e = c.temp();
                return new Flags(a, e, t, signed, List.of(e), CondTest.of(buf -> {
                    buf.emit(Seq.cmpImm(e, k, Size.W).orElseThrow());
                    return cc;
                }));
            }
            case Inst.Fcmp x -> {
                FpSize fs = FloatLowering.fs(c.type(x.a()));
                VReg a = c.v(x.a()), bb = c.v(x.b());
                return new Flags(null, null, c.type(x.a()), false, List.of(a, bb),
                        CondTest.of(buf -> FloatCond.compare(buf, x.cc(), fs, a, bb)));
            }
            default -> {
                return null;
            }
        }
    }

    /** Emits the planned extension, if any, as its own instruction. */
    static void emitPre(LowerCtx c, Flags f) {
        if (f.ext() == null) return;
        VReg src = f.extSrc(), e = f.ext();
        Type t = f.type();
        boolean signed = f.signed();
        c.op(List.of(e), List.of(src), b -> Seq.ext(b, e, src, t, signed));
    }

    /** {@code select}/{@code select_spectre_guard} on fused flags; false (nothing emitted) if not possible. */
    static boolean select(LowerCtx c, Inst.Select x, Inst cmp) {
        if (x.op() == SelectOp.BITSELECT) return false;
        Flags f = plan(c, cmp);
        if (f == null) return false;
        VReg d = c.v(x.result()), a = c.v(x.ifTrue()), bb = c.v(x.ifFalse());
        List<VReg> uses = new ArrayList<>(f.uses());
        uses.add(a);
        uses.add(bb);
        if (VInst.Op.distinct(uses) > 3) return false;
        emitPre(c, f);
        if (x.type().isFloat()) {
            FpSize fs = FloatLowering.fs(x.type());
            c.op(List.of(d), uses, b -> {
                Cond cc = b.append(f.test());
                b.emit(new FpCondSelect(fs, d, a, bb, cc));
            });
            return true;
        }
        Size s = sz(x.type());
        c.op(List.of(d), uses, b -> {
            Cond cc = b.append(f.test());
            b.emit(new CondSelect(CselOp.CSEL, s, d, a, bb, cc));
        });
        return true;
    }

    /** {@code trapz}/{@code trapnz} on fused flags: {@code b.<no trap> skip; brk; skip:}. */
    static boolean condTrap(LowerCtx c, Inst.CondTrap t, Inst cmp) {
        Flags f = plan(c, cmp);
        if (f == null) return false;
        emitPre(c, f);
        int imm = TrapCodes.immediate(t.code());
        boolean ifNonZero = t.ifNonZero();
        c.op(List.of(), f.uses(), b -> {
            Cond cc = b.append(f.test());
            LocalLabel skip = b.newLabel();
            b.emit(new CondBr(ifNonZero ? cc.invert() : cc, skip));
            b.emit(new Brk(imm));
            b.bind(skip);
        });
        return true;
    }

    /**
     * The position in {@code block} of the compare a consumer fuses (a select, trap or the block's
     * {@code brif}, whose condition is {@code cond}), or -1: {@code cond} is the result of an icmp
     * of this block and used nowhere else.
     */
    static int compareFor(LowerCtx c, Value cond, List<Inst> block) {
        if (c.slots.useCount(cond) != 1) return -1;
        for (int k = 0; k < block.size(); k++) {
            Inst i = block.get(k);
            if ((i instanceof Inst.Icmp x && x.result().equals(cond)) || (i instanceof Inst.IcmpImm y && y.result().equals(cond))
                    || (i instanceof Inst.Fcmp z && z.result().equals(cond))) return k;
        }
        return -1;
    }
}
