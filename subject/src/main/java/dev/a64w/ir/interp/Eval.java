package dev.a64w.ir.interp;

import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;

/**
 * Cranelift's integer semantics as pure functions (floats: {@link FloatOps}). Inputs may carry any bits above the type's
 * width (they are ignored); results are sign-extended from the width ("canonical" form).
 */
public final class Eval {
    private Eval() {}

    public static long unary(UnaryOp op, Type t, Type argType, long a) {
        int w = t.bits();
        return switch (op) {
            case INEG -> t.sext(-a);
            case IABS -> t.sext(Math.abs(t.sext(a)));
            case BNOT -> t.sext(~a);
            case CLZ -> Long.numberOfLeadingZeros(t.zext(a)) - (64 - w);
            case CTZ -> t.zext(a) == 0 ? w : Long.numberOfTrailingZeros(a);
            case CLS -> {
                long s = t.sext(a);
                yield Long.numberOfLeadingZeros(s ^ (s >> 63)) - (64 - w) - 1;
            }
            case POPCNT -> Long.bitCount(t.zext(a));
            case BSWAP -> switch (t) {
                case I8 -> t.sext(a);
                case I16 -> Short.reverseBytes((short) a);
                case I32 -> Integer.reverseBytes((int) a);
                case I64 -> Long.reverseBytes(a);
                case F32, F64 -> throw new IllegalArgumentException("bswap of " + t);
            };
            case BITREV -> t.sext(Long.reverse(t.zext(a)) >>> (64 - w));
            case UEXTEND -> t.sext(argType.zext(a));
            case SEXTEND -> t.sext(argType.sext(a));
            case IREDUCE -> t.sext(a);
            case BMASK -> argType.zext(a) != 0 ? -1L : 0L;
            case BITCAST -> t.sext(a);
        };
    }

    /** A binary operation; division by zero and signed INT_MIN / -1 throw {@link TrapSignal}. */
    public static long binary(BinaryOp op, Type t, long a, long b) {
        int w = t.bits();
        long sa = t.sext(a), sb = t.sext(b), za = t.zext(a), zb = t.zext(b);
        int amt = (int) (b & (w - 1));
        return switch (op) {
            case IADD -> t.sext(a + b);
            case ISUB -> t.sext(a - b);
            case IMUL -> t.sext(a * b);
            case UMULHI -> w == 64 ? Math.unsignedMultiplyHigh(a, b) : t.sext((za * zb) >>> w);
            case SMULHI -> w == 64 ? Math.multiplyHigh(a, b) : t.sext((sa * sb) >> w);
            case UDIV -> {
                if (zb == 0) throw new TrapSignal(TrapCode.INT_DIVZ);
                yield t.sext(Long.divideUnsigned(za, zb));
            }
            case UREM -> {
                if (zb == 0) throw new TrapSignal(TrapCode.INT_DIVZ);
                yield t.sext(Long.remainderUnsigned(za, zb));
            }
            case SDIV -> {
                if (sb == 0) throw new TrapSignal(TrapCode.INT_DIVZ);
                if (sb == -1 && sa == t.sext(1L << (w - 1))) throw new TrapSignal(TrapCode.INT_OVF);
                yield t.sext(sa / sb);
            }
            case SREM -> {
                if (sb == 0) throw new TrapSignal(TrapCode.INT_DIVZ);
                yield sb == -1 ? 0 : t.sext(sa % sb);
            }
            case BAND -> t.sext(a & b);
            case BOR -> t.sext(a | b);
            case BXOR -> t.sext(a ^ b);
            case BAND_NOT -> t.sext(a & ~b);
            case BOR_NOT -> t.sext(a | ~b);
            case BXOR_NOT -> t.sext(a ^ ~b);
            case ISHL -> t.sext(a << amt);
            case USHR -> t.sext(za >>> amt);
            case SSHR -> t.sext(sa >> amt);
            case ROTL -> w == 64 ? Long.rotateLeft(a, amt) : t.sext((za << amt) | (za >>> (w - amt)));
            case ROTR -> w == 64 ? Long.rotateRight(a, amt) : t.sext((za >>> amt) | (za << (w - amt)));
            case SMIN -> Math.min(sa, sb);
            case SMAX -> Math.max(sa, sb);
            case UMIN -> t.sext(Long.compareUnsigned(za, zb) <= 0 ? za : zb);
            case UMAX -> t.sext(Long.compareUnsigned(za, zb) >= 0 ? za : zb);
        };
    }

    /** {@code [result, overflowFlag]} with the flag 0 or 1. */
    public static long[] overflow(OverflowOp op, Type t, long a, long b) {
        int w = t.bits();
        long sa = t.sext(a), sb = t.sext(b), za = t.zext(a), zb = t.zext(b);
        boolean of;
        long r;
        switch (op) {
            case UADD -> {
                r = za + zb;
                of = w == 64 ? Long.compareUnsigned(r, za) < 0 : (r >>> w) != 0;
            }
            case SADD -> {
                r = sa + sb;
                of = w == 64 ? ((sa ^ r) & (sb ^ r)) < 0 : r != t.sext(r);
            }
            case USUB -> {
                r = za - zb;
                of = Long.compareUnsigned(za, zb) < 0;
            }
            case SSUB -> {
                r = sa - sb;
                of = w == 64 ? ((sa ^ sb) & (sa ^ r)) < 0 : r != t.sext(r);
            }
            case UMUL -> {
                r = za * zb;
                of = w == 64 ? Math.unsignedMultiplyHigh(za, zb) != 0 : (r >>> w) != 0;
            }
            case SMUL -> {
                r = sa * sb;
                of = w == 64 ? Math.multiplyHigh(sa, sb) != (r >> 63) : r != t.sext(r);
            }
            default -> throw new IllegalStateException(op.toString());
        }
        return new long[] {t.sext(r), of ? 1 : 0};
    }

    /**
     * {@code sadd_overflow_cin} and friends: a ± b ± (carry != 0) computed exactly (carry is an i8,
     * any nonzero value counts as 1); {result, overflow} where overflow is 1 when the exact value is
     * outside the type's signed (or unsigned) range.
     */
    public static long[] carry(CarryOp op, Type t, long a, long b, long carry) {
        java.math.BigInteger x = op.signed ? java.math.BigInteger.valueOf(t.sext(a)) : unsigned(t.zext(a));
        java.math.BigInteger y = op.signed ? java.math.BigInteger.valueOf(t.sext(b)) : unsigned(t.zext(b));
        java.math.BigInteger c = Type.I8.zext(carry) != 0 ? java.math.BigInteger.ONE : java.math.BigInteger.ZERO;
        java.math.BigInteger r = op.sub ? x.subtract(y).subtract(c) : x.add(y).add(c);
        int w = t.bits();
        java.math.BigInteger lo = op.signed ? java.math.BigInteger.ONE.shiftLeft(w - 1).negate() : java.math.BigInteger.ZERO;
        java.math.BigInteger hi = (op.signed ? java.math.BigInteger.ONE.shiftLeft(w - 1) : java.math.BigInteger.ONE.shiftLeft(w))
                .subtract(java.math.BigInteger.ONE);
        boolean of = r.compareTo(lo) < 0 || r.compareTo(hi) > 0;
        return new long[] {t.sext(r.longValue()), of ? 1 : 0};
    }

    private static java.math.BigInteger unsigned(long v) {
        return new java.math.BigInteger(Long.toUnsignedString(v));
    }

    /** {@code bitselect}: bits of a where c is 1, of b where it is 0. */
    public static long bitselect(Type t, long c, long a, long b) {
        return t.sext((c & a) | (~c & b));
    }

    /** {@code uadd_overflow_trap}: the sum, or {@link TrapSignal} with {@code code} on unsigned overflow. */
    public static long uaddTrap(Type t, long a, long b, TrapCode code) {
        long[] r = overflow(OverflowOp.UADD, t, a, b);
        if (r[1] != 0) throw new TrapSignal(code);
        return r[0];
    }

    /** The value {@code atomic_rmw op} stores, from the old value and the operand (both canonical T). */
    public static long atomicRmw(AtomicRmwOp op, Type t, long old, long x) {
        return t.canonical(switch (op) {
            case ADD -> old + x;
            case SUB -> old - x;
            case AND -> old & x;
            case NAND -> ~(old & x);
            case OR -> old | x;
            case XOR -> old ^ x;
            case XCHG -> x;
            case UMIN -> Long.compareUnsigned(t.zext(old), t.zext(x)) <= 0 ? old : x;
            case UMAX -> Long.compareUnsigned(t.zext(old), t.zext(x)) >= 0 ? old : x;
            case SMIN -> Math.min(t.sext(old), t.sext(x));
            case SMAX -> Math.max(t.sext(old), t.sext(x));
        });
    }
}
