package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Extend;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.regalloc.OpBody;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;
import java.util.Optional;

/**
 * Integer instructions: constants, arithmetic, logic, compares, select, overflow arithmetic.
 * Shifts, rotates and bit counting are in {@link BitLowering}, division in {@link DivLowering}.
 */
final class IntLowering {
    private IntLowering() {}

    static void lower(LowerCtx c, Inst inst) {
        switch (inst) {
            case Inst.Iconst x -> iconst(c, c.v(x.result()), x.type(), x.imm());
            case Inst.Unary x -> BitLowering.unary(c, x);
            case Inst.Binary x -> binary(c, x.op(), c.v(x.result()), x.type(), x.a(), x.b());
            case Inst.BinaryImm x -> binaryImm(c, x);
            case Inst.Icmp x -> icmp(c, x);
            case Inst.IcmpImm x -> icmpImm(c, x);
            case Inst.Select x -> select(c, x);
            case Inst.Overflow x -> OverflowLowering.overflow(c, x);
            case Inst.OverflowTrap x -> OverflowLowering.overflowTrap(c, x);
            case Inst.OverflowCarry x -> OverflowLowering.carry(c, x);
            default -> throw c.unsupported("instruction " + inst.getClass().getSimpleName());
        }
    }

    static void iconst(LowerCtx c, VReg d, Type t, long imm) {
        long v = t.zext(imm);
        c.op(List.of(d), List.of(), b -> Seq.movImm(b, d, v, sz(t)));
    }

    static void cset(InstSink b, Reg d, Cond cond) {
        b.emit(new CondSelect(CselOp.CSINC, Size.W, d, Zr.ZR, Zr.ZR, cond.invert()));
    }

    static void binary(LowerCtx c, BinaryOp op, VReg d, Type t, Value av, Value bv) {
        binaryRegs(c, op, d, t, c.v(av), c.v(bv));
    }

    private static void rrr(LowerCtx c, AluOp op, Size s, VReg d, VReg a, VReg bb) {
        c.op(List.of(d), List.of(a, bb), b -> b.emit(new AluRRR(op, s, d, a, bb)));
    }

    private static void mulhi(LowerCtx c, boolean signed, VReg d, Type t, VReg a, VReg bb) {
        switch (t) {
            case I64 -> c.op(List.of(d), List.of(a, bb), b ->
                    b.emit(new MulAdd(signed ? MulOp.SMULH : MulOp.UMULH, Size.X, d, a, bb, Zr.ZR)));
            case I32 -> c.op(List.of(d), List.of(a, bb), b -> {
                b.emit(new MulAdd(signed ? MulOp.SMADDL : MulOp.UMADDL, Size.X, d, a, bb, Zr.ZR));
                b.emit(signed ? Seq.asr(Size.X, d, d, 32) : Seq.lsr(Size.X, d, d, 32));
            });
            case I8, I16 -> {
                VReg tmp = c.temp();
                c.op(List.of(d), List.of(a, bb), List.of(tmp), b -> {
                    Reg rd = d, rt = tmp;
                    Seq.ext(b, rt, bb, t, signed);
                    Seq.ext(b, rd, a, t, signed);
                    b.emit(new MulAdd(MulOp.MADD, Size.W, rd, rd, rt, Zr.ZR));
                    b.emit(signed ? Seq.asr(Size.W, rd, rd, t.bits()) : Seq.lsr(Size.W, rd, rd, t.bits()));
                });
            }
        }
    }

    private static void minMax(LowerCtx c, BinaryOp op, VReg d, Type t, VReg a, VReg bb) {
        boolean signed = op == BinaryOp.SMIN || op == BinaryOp.SMAX;
        Cond pick = switch (op) {
            case SMIN -> Cond.LT;
            case SMAX -> Cond.GT;
            case UMIN -> Cond.LO;
            default -> Cond.HI;
        };
        Size s = sz(t);
        if (t == Type.I32 || t == Type.I64) {
            c.op(List.of(d), List.of(a, bb), b -> {
                b.emit(new AluRRR(AluOp.SUBS, s, Zr.ZR, a, bb));
                b.emit(new CondSelect(CselOp.CSEL, s, d, a, bb, pick));
            });
            return;
        }
        VReg tmp = c.temp();
        c.op(List.of(d), List.of(a, bb), List.of(tmp), b -> {
            Reg rd = d, rt = tmp;
            Seq.ext(b, rt, bb, t, signed);
            Seq.ext(b, rd, a, t, signed);
            b.emit(new AluRRR(AluOp.SUBS, Size.W, Zr.ZR, rd, rt));
            b.emit(new CondSelect(CselOp.CSEL, Size.W, rd, rd, rt, pick));
        });
    }

    private static void binaryImm(LowerCtx c, Inst.BinaryImm x) {
        VReg d = c.v(x.result()), a = c.v(x.a());
        Type t = x.type();
        Size s = sz(t);
        long imm = x.imm();
        switch (x.op()) {
            case IADD_IMM -> {
                long k = ConstFold.addConst(t, imm);
                Optional<Imm12> pos = Imm12.tryFrom(k);
                Optional<Imm12> neg = k == Long.MIN_VALUE ? Optional.empty() : Imm12.tryFrom(-k);
                if (pos.isPresent() || neg.isPresent()) {
                    AddSubOp op = pos.isPresent() ? AddSubOp.ADD : AddSubOp.SUB;
                    Imm12 i12 = pos.orElseGet(neg::get);
                    c.op(List.of(d), List.of(a), b -> b.emit(new AluRRImm12(op, s, d, a, i12)));
                    return;
                }
                if (ConstFold.splitAdd(t, k)) {
                    // |k| < 2^24: #hi, lsl #12 then #lo (both non-zero, else one imm12 would have done)
                    AddSubOp op = k > 0 ? AddSubOp.ADD : AddSubOp.SUB;
                    long m = Math.abs(k);
                    Imm12 hi = new Imm12((int) (m >>> 12), true), lo = new Imm12((int) (m & 0xfff), false);
                    c.op(List.of(d), List.of(a), b -> {
                        b.emit(new AluRRImm12(op, s, d, a, hi));
                        b.emit(new AluRRImm12(op, s, d, d, lo));
                    });
                    return;
                }
            }
            case BAND_IMM, BOR_IMM, BXOR_IMM -> {
                if (logicImm(c, x.op(), d, a, t, imm)) return;
            }
            case ISHL_IMM, USHR_IMM, SSHR_IMM, ROTL_IMM, ROTR_IMM -> {
                BitLowering.shiftImm(c, x.op().base, d, t, a, imm);
                return;
            }
            case IRSUB_IMM -> {
                if (t.zext(imm) == 0) {
                    c.op(List.of(d), List.of(a), b -> b.emit(new AluRRR(AluOp.SUB, s, d, Zr.ZR, a)));
                    return;
                }
                VReg k = c.temp();
                iconst(c, k, t, imm);
                c.op(List.of(d), List.of(a, k), b -> b.emit(new AluRRR(AluOp.SUB, s, d, k, a)));
                return;
            }
            default -> { }
        }
        // generic: materialize the constant, then the register form
        VReg k = c.temp();
        iconst(c, k, t, imm);
        binaryRegs(c, x.op().base, d, t, a, k);
    }

    /**
     * and/orr/eor with a constant: all-zeros and all-ones (at the type's width) become a move, a
     * constant or a {@code mvn}; otherwise a logical immediate if one agrees with the constant on
     * the type's bits. False when neither applies.
     */
    private static boolean logicImm(LowerCtx c, BinaryImmOp op, VReg d, VReg a, Type t, long imm) {
        Size s = sz(t);
        long z = t.zext(imm);
        boolean zero = z == 0, ones = z == t.zext(-1L);
        if (zero || ones) {
            switch (op) {
                case BAND_IMM -> {
                    if (zero) c.op(List.of(d), List.of(a), b -> Seq.movImm(b, d, 0, s));
                    else c.op(List.of(d), List.of(a), b -> Seq.movValue(b, d, a, s));
                }
                case BOR_IMM -> {
                    if (zero) c.op(List.of(d), List.of(a), b -> Seq.movValue(b, d, a, s));
                    else c.op(List.of(d), List.of(a), b -> Seq.movImm(b, d, s == Size.X ? -1L : 0xffff_ffffL, s));
                }
                default -> {
                    if (zero) c.op(List.of(d), List.of(a), b -> Seq.movValue(b, d, a, s));
                    else c.op(List.of(d), List.of(a), b -> b.emit(new AluRRR(AluOp.ORN, s, d, Zr.ZR, a)));
                }
            }
            return true;
        }
        Optional<ImmLogic> li = ConstFold.logicImm(t, imm);
        if (li.isEmpty()) return false;
        LogicOp lop = op == BinaryImmOp.BAND_IMM ? LogicOp.AND : op == BinaryImmOp.BOR_IMM ? LogicOp.ORR : LogicOp.EOR;
        c.op(List.of(d), List.of(a), b -> b.emit(new LogicRRImm(lop, s, d, a, li.get())));
        return true;
    }

    /** The register form with vreg operands (for the _imm fallbacks). */
    static void binaryRegs(LowerCtx c, BinaryOp op, VReg d, Type t, VReg a, VReg bb) {
        Size s = sz(t);
        switch (op) {
            case IADD -> rrr(c, AluOp.ADD, s, d, a, bb);
            case ISUB -> rrr(c, AluOp.SUB, s, d, a, bb);
            case BAND -> rrr(c, AluOp.AND, s, d, a, bb);
            case BOR -> rrr(c, AluOp.ORR, s, d, a, bb);
            case BXOR -> rrr(c, AluOp.EOR, s, d, a, bb);
            case BAND_NOT -> rrr(c, AluOp.BIC, s, d, a, bb);
            case BOR_NOT -> rrr(c, AluOp.ORN, s, d, a, bb);
            case BXOR_NOT -> rrr(c, AluOp.EON, s, d, a, bb);
            case IMUL -> c.op(List.of(d), List.of(a, bb), b -> b.emit(new MulAdd(MulOp.MADD, s, d, a, bb, Zr.ZR)));
            case UMULHI, SMULHI -> mulhi(c, op == BinaryOp.SMULHI, d, t, a, bb);
            case UDIV, SDIV, UREM, SREM -> DivLowering.divide(c, op, d, t, a, bb);
            case ISHL, USHR, SSHR, ROTL, ROTR -> BitLowering.shift(c, op, d, t, a, bb);
            case SMIN, SMAX, UMIN, UMAX -> minMax(c, op, d, t, a, bb);
        }
    }

    private static void icmp(LowerCtx c, Inst.Icmp x) {
        VReg d = c.v(x.result()), a = c.v(x.a()), bb = c.v(x.b());
        Type t = c.type(x.a());
        Cond cc = Seq.cond(x.cc());
        if (t == Type.I32 || t == Type.I64) {
            Size s = sz(t);
            c.op(List.of(d), List.of(a, bb), b -> {
                b.emit(new AluRRR(AluOp.SUBS, s, Zr.ZR, a, bb));
                cset(b, d, cc);
            });
            return;
        }
        boolean signed = Seq.signed(x.cc());
        Extend ext = t == Type.I8 ? (signed ? Extend.SXTB : Extend.UXTB) : (signed ? Extend.SXTH : Extend.UXTH);
        VReg tmp = c.temp();
        c.op(List.of(d), List.of(a, bb), List.of(tmp), b -> {
            Seq.ext(b, tmp, a, t, signed);
            b.emit(new AluRRExt(AddSubOp.SUBS, Size.W, Zr.ZR, tmp, bb, ext, 0));
            cset(b, d, cc);
        });
    }

    private static void icmpImm(LowerCtx c, Inst.IcmpImm x) {
        VReg d = c.v(x.result()), a = c.v(x.a());
        Type t = c.type(x.a());
        IntCC icc = x.cc();
        Cond cc = Seq.cond(icc);
        boolean signed = Seq.signed(icc);
        long k = Seq.cmpConst(x.imm(), t, signed);
        Size s = sz(t);
        boolean narrow = t == Type.I8 || t == Type.I16;
        if (Seq.cmpImmEncodable(k)) {
            if (!narrow) {
                c.op(List.of(d), List.of(a), b -> {
                    b.emit(Seq.cmpImm(a, k, s).orElseThrow());
                    cset(b, d, cc);
                });
            } else {
                c.op(List.of(d), List.of(a), b -> {
                    Seq.ext(b, d, a, t, signed);
                    b.emit(Seq.cmpImm(d, k, Size.W).orElseThrow());
                    cset(b, d, cc);
                });
            }
            return;
        }
        VReg kv = c.temp();
        c.op(List.of(kv), List.of(), b -> Seq.movImm(b, kv, k, s));
        VReg tmp = c.temp();
        c.op(List.of(d), List.of(a, kv), List.of(tmp), b -> {
            Seq.ext(b, tmp, a, t, signed);
            b.emit(new AluRRR(AluOp.SUBS, s, Zr.ZR, tmp, kv));
            cset(b, d, cc);
        });
    }

    /**
     * {@code select} and {@code select_spectre_guard} (a branchless csel, which is the guard) and
     * {@code bitselect} ({@code t = x & c; d = y & ~c; d |= t}).
     */
    private static void select(LowerCtx c, Inst.Select x) {
        VReg d = c.v(x.result()), cond = c.v(x.cond()), a = c.v(x.ifTrue()), bb = c.v(x.ifFalse());
        Type ct = c.type(x.cond());
        Size s = sz(x.type());
        if (x.op() == dev.a64w.ir.Opcodes.SelectOp.BITSELECT) {
            VReg t = c.temp();
            c.op(List.of(d), List.of(cond, a, bb), List.of(t), b -> {
                b.emit(new AluRRR(AluOp.AND, s, t, a, cond));
                b.emit(new AluRRR(AluOp.BIC, s, d, bb, cond));
                b.emit(new AluRRR(AluOp.ORR, s, d, d, t));
            });
            return;
        }
        c.op(List.of(d), List.of(cond, a, bb), b -> {
            Seq.testNonZero(b, cond, ct);
            b.emit(new CondSelect(CselOp.CSEL, s, d, a, bb, Cond.NE));
        });
    }

    /** Inline trap: {@code b.<ok> skip; brk #code; skip:}. */
    static void trapUnless(OpBody b, Cond ok, int imm) {
        LocalLabel skip = b.newLabel();
        b.emit(new CondBr(ok, skip));
        b.emit(new Brk(imm));
        b.bind(skip);
    }

    static int trap(String name) {
        return TrapCodes.immediate(new dev.a64w.ir.TrapCode(name));
    }

    static AluRRShift shifted(AluOp op, Size s, Gpr d, Gpr n, Gpr m, Shift sh, int amt) {
        return new AluRRShift(op, s, d, n, m, sh, amt);
    }
}
