package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.Seq.sz;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import java.util.List;

/**
 * Unary instructions (negation, not, bit counting and reversal, extension, bmask) and shifts and
 * rotates. Shift amounts are taken modulo the type's width (Cranelift semantics): the hardware
 * does this for 32 and 64 bits, i8/i16 mask the amount first and extend the value for right shifts.
 */
final class BitLowering {
    private BitLowering() {}

    static void unary(LowerCtx c, Inst.Unary x) {
        VReg d = c.v(x.result()), a = c.v(x.arg());
        Type t = x.type();
        Type at = c.type(x.arg());
        Size s = sz(t);
        switch (x.op()) {
            case INEG -> c.op(List.of(d), List.of(a), b -> b.emit(new AluRRR(AluOp.SUB, s, d, Zr.ZR, a)));
            case BNOT -> c.op(List.of(d), List.of(a), b -> b.emit(new AluRRR(AluOp.ORN, s, d, Zr.ZR, a)));
            case IABS -> c.op(List.of(d), List.of(a), b -> {
                Reg rd = d;
                Reg src = a;
                if (t == Type.I8 || t == Type.I16) {
                    Seq.ext(b, rd, src, t, true);
                    src = rd;
                }
                b.emit(new AluRRImm12(AddSubOp.SUBS, s, Zr.ZR, src, new Imm12(0, false)));
                b.emit(new CondSelect(CselOp.CSNEG, s, rd, src, src, Cond.PL));
            });
            case CLZ -> c.op(List.of(d), List.of(a), b -> {
                Reg rd = d;
                switch (t) {
                    case I8, I16 -> {
                        int w = t.bits();
                        b.emit(Seq.lsl(Size.W, rd, a, 32 - w));
                        b.emit(new LogicRRImm(LogicOp.ORR, Size.W, rd, rd, Seq.logic(1L << (31 - w), 32)));
                        b.emit(new DataProc1(Dp1Op.CLZ, Size.W, rd, rd));
                    }
                    default -> b.emit(new DataProc1(Dp1Op.CLZ, s, rd, a));
                }
            });
            case CLS -> c.op(List.of(d), List.of(a), b -> {
                Reg rd = d;
                switch (t) {
                    case I8, I16 -> {
                        Seq.ext(b, rd, a, t, true);
                        b.emit(new DataProc1(Dp1Op.CLS, Size.W, rd, rd));
                        b.emit(new AluRRImm12(AddSubOp.SUB, Size.W, rd, rd, new Imm12(32 - t.bits(), false)));
                    }
                    default -> b.emit(new DataProc1(Dp1Op.CLS, s, rd, a));
                }
            });
            case CTZ -> c.op(List.of(d), List.of(a), b -> {
                Reg rd = d;
                Reg src = a;
                if (t == Type.I8 || t == Type.I16) {
                    b.emit(new LogicRRImm(LogicOp.ORR, Size.W, rd, src, Seq.logic(1L << t.bits(), 32)));
                    src = rd;
                }
                b.emit(new DataProc1(Dp1Op.RBIT, s, rd, src));
                b.emit(new DataProc1(Dp1Op.CLZ, s, rd, rd));
            });
            case BITREV -> c.op(List.of(d), List.of(a), b -> {
                b.emit(new DataProc1(Dp1Op.RBIT, s, d, a));
                if (t == Type.I8 || t == Type.I16) b.emit(Seq.lsr(Size.W, d, d, 32 - t.bits()));
            });
            case BSWAP -> c.op(List.of(d), List.of(a), b -> {
                switch (t) {
                    case I8 -> Seq.mov(b, d, a, Size.W);
                    case I16 -> b.emit(new DataProc1(Dp1Op.REV16, Size.W, d, a));
                    case I32 -> b.emit(new DataProc1(Dp1Op.REV, Size.W, d, a));
                    case I64 -> b.emit(new DataProc1(Dp1Op.REV, Size.X, d, a));
                }
            });
            case POPCNT -> {
                VReg tmp = c.temp();
                c.op(List.of(d), List.of(a), List.of(tmp), b -> popcnt(b, d, a, tmp, t));
            }
            case UEXTEND -> c.op(List.of(d), List.of(a), b -> {
                if (at == Type.I64 || at.bits() >= t.bits()) Seq.mov(b, d, a, sz(t));
                else Seq.ext(b, d, a, at, false); // W result: upper 32 bits zero for i64 too
            });
            case SEXTEND -> c.op(List.of(d), List.of(a), b -> {
                if (at.bits() >= t.bits()) {
                    Seq.mov(b, d, a, sz(t));
                } else if (t == Type.I64) {
                    int imms = at.bits() - 1;
                    b.emit(new BitfieldMove(BfOp.SBFM, Size.X, d, a, 0, imms));
                } else {
                    Seq.ext(b, d, a, at, true);
                }
            });
            case IREDUCE, BITCAST -> c.op(List.of(d), List.of(a), b -> Seq.movValue(b, d, a, sz(t)));
            case BMASK -> c.op(List.of(d), List.of(a), b -> {
                Seq.testNonZero(b, a, at);
                b.emit(new CondSelect(CselOp.CSINV, s, d, Zr.ZR, Zr.ZR, Cond.EQ));
            });
        }
    }

    /** SWAR population count (no NEON): pairs, nibbles, bytes, then a multiply sums the bytes. */
    private static void popcnt(InstSink b, Reg d, Reg a, Reg t, Type ty) {
        Size s = ty == Type.I64 ? Size.X : Size.W;
        int w = s.bits();
        long m1 = 0x5555_5555_5555_5555L, m2 = 0x3333_3333_3333_3333L, m4 = 0x0f0f_0f0f_0f0f_0f0fL, h01 = 0x0101_0101_0101_0101L;
        Reg src = a;
        if (ty == Type.I8 || ty == Type.I16) {
            Seq.ext(b, d, a, ty, false);
            src = d;
        }
        b.emit(Seq.lsr(s, t, src, 1));
        b.emit(new LogicRRImm(LogicOp.AND, s, t, t, Seq.logic(m1, w)));
        b.emit(new AluRRR(AluOp.SUB, s, d, src, t));
        b.emit(Seq.lsr(s, t, d, 2));
        b.emit(new LogicRRImm(LogicOp.AND, s, t, t, Seq.logic(m2, w)));
        b.emit(new LogicRRImm(LogicOp.AND, s, d, d, Seq.logic(m2, w)));
        b.emit(new AluRRR(AluOp.ADD, s, d, d, t));
        b.emit(new AluRRShift(AluOp.ADD, s, d, d, d, Shift.LSR, 4));
        b.emit(new LogicRRImm(LogicOp.AND, s, d, d, Seq.logic(m4, w)));
        Seq.movImm(b, t, h01, s);
        b.emit(new MulAdd(MulOp.MADD, s, d, d, t, Zr.ZR));
        b.emit(Seq.lsr(s, d, d, w - 8));
    }

    static void shift(LowerCtx c, BinaryOp op, VReg d, Type t, VReg a, VReg amt) {
        Size s = sz(t);
        if (t == Type.I32 || t == Type.I64) {
            switch (op) {
                case ISHL -> dp2(c, Dp2Op.LSLV, s, d, a, amt);
                case USHR -> dp2(c, Dp2Op.LSRV, s, d, a, amt);
                case SSHR -> dp2(c, Dp2Op.ASRV, s, d, a, amt);
                case ROTR -> dp2(c, Dp2Op.RORV, s, d, a, amt);
                default -> {
                    VReg tmp = c.temp();
                    c.op(List.of(d), List.of(a, amt), List.of(tmp), b -> {
                        b.emit(new AluRRR(AluOp.SUB, s, tmp, Zr.ZR, amt));
                        b.emit(new DataProc2(Dp2Op.RORV, s, d, a, tmp));
                    });
                }
            }
            return;
        }
        int w = t.bits();
        VReg n = c.temp();
        switch (op) {
            case ISHL, USHR, SSHR -> c.op(List.of(d), List.of(a, amt), List.of(n), b -> {
                Reg rn = n, rd = d;
                b.emit(new LogicRRImm(LogicOp.AND, Size.W, rn, amt, Seq.logic(w - 1, 32)));
                if (op == BinaryOp.ISHL) {
                    b.emit(new DataProc2(Dp2Op.LSLV, Size.W, rd, a, rn));
                } else {
                    Seq.ext(b, rd, a, t, op == BinaryOp.SSHR);
                    b.emit(new DataProc2(op == BinaryOp.SSHR ? Dp2Op.ASRV : Dp2Op.LSRV, Size.W, rd, rd, rn));
                }
            });
            default -> {
                VReg rep = c.temp();
                c.op(List.of(d), List.of(a, amt), List.of(n, rep), b -> {
                    Reg rn = n, rr = rep;
                    if (op == BinaryOp.ROTL) {
                        b.emit(new AluRRR(AluOp.SUB, Size.W, rn, Zr.ZR, amt));
                        b.emit(new LogicRRImm(LogicOp.AND, Size.W, rn, rn, Seq.logic(w - 1, 32)));
                    } else {
                        b.emit(new LogicRRImm(LogicOp.AND, Size.W, rn, amt, Seq.logic(w - 1, 32)));
                    }
                    Seq.ext(b, rr, a, t, false);
                    b.emit(new AluRRShift(AluOp.ORR, Size.W, rr, rr, rr, Shift.LSL, w));
                    b.emit(new DataProc2(Dp2Op.LSRV, Size.W, d, rr, rn));
                });
            }
        }
    }

    private static void dp2(LowerCtx c, Dp2Op op, Size s, VReg d, VReg a, VReg bb) {
        c.op(List.of(d), List.of(a, bb), b -> b.emit(new DataProc2(op, s, d, a, bb)));
    }

    static void shiftImm(LowerCtx c, BinaryOp op, VReg d, Type t, VReg a, long imm) {
        int w = t.bits();
        int k = (int) Math.floorMod(imm, (long) w);
        Size s = sz(t);
        int rw = s.bits();
        c.op(List.of(d), List.of(a), b -> {
            Reg rd = d, ra = a;
            if (k == 0) {
                Seq.movValue(b, rd, ra, s);
                return;
            }
            switch (op) {
                case ISHL -> b.emit(Seq.lsl(s, rd, ra, k));
                case USHR -> b.emit(w == rw ? Seq.lsr(s, rd, ra, k) : new BitfieldMove(BfOp.UBFM, Size.W, rd, ra, k, w - 1));
                case SSHR -> b.emit(w == rw ? Seq.asr(s, rd, ra, k) : new BitfieldMove(BfOp.SBFM, Size.W, rd, ra, k, w - 1));
                case ROTR, ROTL -> {
                    int r = op == BinaryOp.ROTR ? k : w - k;
                    if (w == rw) {
                        b.emit(new Extr(s, rd, ra, ra, r));
                    } else {
                        // (x >> r) | (x << (w - r)) on the zero-extended value; bits above w are don't-care
                        Seq.ext(b, rd, ra, t, false);
                        b.emit(new AluRRShift(AluOp.ORR, Size.W, rd, rd, rd, Shift.LSL, w));
                        b.emit(Seq.lsr(Size.W, rd, rd, r));
                    }
                }
                default -> throw new IllegalStateException(op.toString());
            }
        });
    }
}
