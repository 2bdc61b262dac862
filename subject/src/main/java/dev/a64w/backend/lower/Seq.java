package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Zr;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Type;
import java.util.Optional;

/**
 * Small instruction sequences shared by the lowerings. Register convention for narrow types: an
 * i8/i16/i32 value lives in the low bits of a register and the bits above its width are
 * unspecified; a sequence whose result depends on them extends first.
 */
final class Seq {
    private Seq() {}

    static Size sz(Type t) {
        return t == Type.I64 ? Size.X : Size.W;
    }

    static void movImm(InstSink b, Reg rd, long v, Size s) {
        for (A64Inst i : A64Imm.materialize(rd, v, s)) b.emit(i);
    }

    /** rd = rn: always for W (the write clears bits 63:32), left out for X when they are the same register. */
    static void mov(InstSink b, Reg rd, Reg rn, Size s) {
        A64Inst move = new AluRRR(AluOp.ORR, s, rd, Zr.ZR, rn);
        if (s == Size.W) b.emit(move); else b.copy(move);
    }

    /**
     * rd = rn as a value of the size's type whose upper bits are unspecified: nothing when the
     * registers are the same (unlike {@link #mov}, which always clears bits 63:32 for W).
     */
    static void movValue(InstSink b, Reg rd, Reg rn, Size s) {
        b.copy(new AluRRR(AluOp.ORR, s, rd, Zr.ZR, rn));
    }

    /**
     * rd = rn extended from {@code t}'s width: to 32 bits (and, being a W write, to 64 with zeros)
     * for i8/i16 unsigned and i32; signed i8/i16 to 32 bits; a move for i64.
     */
    static void ext(InstSink b, Reg rd, Reg rn, Type t, boolean signed) {
        switch (t) {
            case I8 -> b.emit(new BitfieldMove(signed ? BfOp.SBFM : BfOp.UBFM, Size.W, rd, rn, 0, 7));
            case I16 -> b.emit(new BitfieldMove(signed ? BfOp.SBFM : BfOp.UBFM, Size.W, rd, rn, 0, 15));
            case I32 -> mov(b, rd, rn, Size.W); // always: a W move clears bits 63:32 (zero-extension to i64)
            case I64 -> mov(b, rd, rn, Size.X);
        }
    }

    /** Sets Z from "{@code r} is zero at width {@code t}" (NE = non-zero). */
    static void testNonZero(InstSink b, Reg r, Type t) {
        switch (t) {
            case I8 -> b.emit(new LogicRRImm(LogicOp.ANDS, Size.W, Zr.ZR, r, logic(0xff, 32)));
            case I16 -> b.emit(new LogicRRImm(LogicOp.ANDS, Size.W, Zr.ZR, r, logic(0xffff, 32)));
            case I32 -> b.emit(new AluRRImm12(AddSubOp.SUBS, Size.W, Zr.ZR, r, new Imm12(0, false)));
            case I64 -> b.emit(new AluRRImm12(AddSubOp.SUBS, Size.X, Zr.ZR, r, new Imm12(0, false)));
        }
    }

    static ImmLogic logic(long v, int width) {
        return ImmLogic.tryFrom(v, width).orElseThrow(() -> new IllegalStateException("not a logical immediate: 0x" + Long.toHexString(v)));
    }

    static Cond cond(IntCC cc) {
        return switch (cc) {
            case EQ -> Cond.EQ;
            case NE -> Cond.NE;
            case SLT -> Cond.LT;
            case SGE -> Cond.GE;
            case SGT -> Cond.GT;
            case SLE -> Cond.LE;
            case ULT -> Cond.LO;
            case UGE -> Cond.HS;
            case UGT -> Cond.HI;
            case ULE -> Cond.LS;
        };
    }

    static boolean signed(IntCC cc) {
        return cc == IntCC.SLT || cc == IntCC.SGE || cc == IntCC.SGT || cc == IntCC.SLE;
    }

    /** cmp rn, #c as SUBS or (for c &lt; 0, c != 0) ADDS of -c; empty when neither encodes. */
    static Optional<A64Inst> cmpImm(Reg rn, long c, Size s) {
        Optional<Imm12> p = Imm12.tryFrom(c);
        if (p.isPresent()) return Optional.of(new AluRRImm12(AddSubOp.SUBS, s, Zr.ZR, rn, p.get()));
        if (c < 0 && c != Long.MIN_VALUE) {
            Optional<Imm12> n = Imm12.tryFrom(-c);
            if (n.isPresent()) return Optional.of(new AluRRImm12(AddSubOp.ADDS, s, Zr.ZR, rn, n.get()));
        }
        return Optional.empty();
    }

    static boolean cmpImmEncodable(long c) {
        return Imm12.tryFrom(c).isPresent() || (c < 0 && c != Long.MIN_VALUE && Imm12.tryFrom(-c).isPresent());
    }

    /** The constant as the comparison sees it at width {@code t}: sign- or zero-extended. */
    static long cmpConst(long imm, Type t, boolean signed) {
        if (t == Type.I64) return imm;
        long v = signed ? t.sext(imm) : t.zext(imm);
        // 32-bit compares see the low 32 bits; keep the value in the range an imm12 check can use
        return t == Type.I32 && !signed ? (int) v : v;
    }

    /** UBFM alias lsr rd, rn, #sh. */
    static A64Inst lsr(Size s, Reg rd, Reg rn, int sh) {
        return new BitfieldMove(BfOp.UBFM, s, rd, rn, sh, s.bits() - 1);
    }

    /** SBFM alias asr rd, rn, #sh. */
    static A64Inst asr(Size s, Reg rd, Reg rn, int sh) {
        return new BitfieldMove(BfOp.SBFM, s, rd, rn, sh, s.bits() - 1);
    }

    /** UBFM alias lsl rd, rn, #sh (sh 1..width-1). */
    static A64Inst lsl(Size s, Reg rd, Reg rn, int sh) {
        int w = s.bits();
        return new BitfieldMove(BfOp.UBFM, s, rd, rn, (w - sh) % w, w - 1 - sh);
    }

    static A64Inst rrr(AluOp op, Size s, Reg rd, Reg rn, Reg rm) {
        return new AluRRR(op, s, rd, rn, rm);
    }
}
