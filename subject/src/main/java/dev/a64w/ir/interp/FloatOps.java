package dev.a64w.ir.interp;

import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;

/**
 * Cranelift's float semantics as pure functions on raw IEEE bits (f32 in the low 32 bits of a
 * {@code long}), with the NaN results an AArch64 core gives with FPCR.DN = 0 (default-NaN mode
 * off, as on Windows).
 *
 * <p>NaN policy, from the Arm Architecture Reference Manual (DDI 0487) pseudo-code
 * {@code FPProcessNaNs}/{@code FPProcessNaNs3}/{@code FPProcessNaN}, {@code FPDefaultNaN},
 * {@code FPMulAdd}, {@code FPMin}/{@code FPMax}, {@code FPConvert}:
 * <ul>
 *   <li>An operand that is a signalling NaN wins: the first one in operand order is returned
 *       quieted (quiet bit set, sign and payload kept). Otherwise the first quiet NaN operand is
 *       returned unchanged.</li>
 *   <li>An invalid operation on numbers (0/0, inf-inf, 0*inf, sqrt of a negative number)
 *       returns the default NaN, {@code 0x7fc00000} / {@code 0x7ff8000000000000}.</li>
 *   <li>{@code fma a, b, c} is AArch64 {@code FMADD d, a, b, c}: {@code FPMulAdd(addend = c,
 *       op1 = a, op2 = b)}, so the NaN operand order is c, a, b; and a quiet-NaN c with
 *       {@code a*b} = 0*inf gives the default NaN.</li>
 *   <li>{@code fneg}, {@code fabs}, {@code fcopysign} are bit operations and never quiet a NaN.</li>
 *   <li>{@code fmin}/{@code fmax} are AArch64 {@code FMIN}/{@code FMAX}: NaN propagation as above
 *       (a NaN is never ignored, as Cranelift specifies), -0.0 &lt; +0.0.</li>
 *   <li>{@code fpromote}/{@code fdemote} quiet a NaN and keep its sign and the top bits of its
 *       payload ({@code FPConvertNaN}).</li>
 *   <li>Rounding ({@code ceil floor trunc nearest}) of a NaN is {@code FPProcessNaN} (quieted);
 *       {@code nearest} rounds half to even ({@code FRINTN}).</li>
 * </ul>
 * Java float arithmetic gives a NaN of its own choosing for an invalid operation (on x86 the
 * negative "indefinite" NaN), so NaN operands are handled on the bits before any Java
 * arithmetic, and a NaN that Java computes is replaced by the default NaN.
 *
 * <p>Conversions to integers follow Cranelift ({@code fcvt_to_sint}/{@code fcvt_to_uint} in
 * cranelift-codegen's instruction definitions): a NaN traps {@code bad_toint}, a value whose
 * truncation is outside the result type's range traps {@code int_ovf}; the {@code _sat} forms give
 * 0 for a NaN and saturate otherwise. Conversions from integers round to nearest-even.
 */
public final class FloatOps {
    private FloatOps() {}

    static long signBit(Type t) {
        return 1L << (t.bits() - 1);
    }

    private static int fracBits(Type t) {
        return t == Type.F32 ? 23 : 52;
    }

    private static long quietBit(Type t) {
        return 1L << (fracBits(t) - 1);
    }

    private static long expMask(Type t) {
        return t == Type.F32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L;
    }

    public static boolean isNaN(Type t, long bits) {
        long b = t.zext(bits);
        return (b & expMask(t)) == expMask(t) && (b & fracMask(t)) != 0;
    }

    private static long fracMask(Type t) {
        return (1L << fracBits(t)) - 1;
    }

    public static boolean isSignalling(Type t, long bits) {
        return isNaN(t, bits) && (bits & quietBit(t)) == 0;
    }

    /** The default NaN: positive, quiet, zero payload. */
    public static long defaultNaN(Type t) {
        return expMask(t) | quietBit(t);
    }

    private static long quiet(Type t, long bits) {
        return t.zext(bits) | quietBit(t);
    }

    /** Index of the operand whose NaN is the result ({@code FPProcessNaNs}), or -1 when none is a NaN. */
    static int nanOperand(Type t, long... ops) {
        for (int i = 0; i < ops.length; i++) if (isSignalling(t, ops[i])) return i;
        for (int i = 0; i < ops.length; i++) if (isNaN(t, ops[i])) return i;
        return -1;
    }

    /** The NaN result for operands {@code ops}, or null when none is a NaN. */
    private static Long processNaNs(Type t, long... ops) {
        int i = nanOperand(t, ops);
        return i < 0 ? null : quiet(t, ops[i]);
    }

    private static double toDouble(Type t, long bits) {
        return t == Type.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long bits(float v) {
        return Float.isNaN(v) ? defaultNaN(Type.F32) : Integer.toUnsignedLong(Float.floatToRawIntBits(v));
    }

    private static long bits(double v) {
        return Double.isNaN(v) ? defaultNaN(Type.F64) : Double.doubleToRawLongBits(v);
    }

    /** A value of type {@code t} from a double holding it exactly (or, for f32, to be rounded once). */
    private static long fromDouble(Type t, double v) {
        return t == Type.F32 ? bits((float) v) : bits(v);
    }

    public static long unary(FUnaryOp op, Type t, long a) {
        a = t.zext(a);
        switch (op) {
            case FNEG -> {
                return a ^ signBit(t);
            }
            case FABS -> {
                return a & ~signBit(t);
            }
            default -> { }
        }
        Long nan = processNaNs(t, a);
        if (nan != null) return nan;
        double x = toDouble(t, a);
        return switch (op) {
            // the square root of a double rounded to float is correctly rounded (53 >= 2*24 + 2)
            case SQRT -> fromDouble(t, Math.sqrt(x));
            case CEIL -> fromDouble(t, Math.ceil(x));
            case FLOOR -> fromDouble(t, Math.floor(x));
            case TRUNC -> fromDouble(t, x < 0 ? Math.ceil(x) : Math.floor(x));
            case NEAREST -> fromDouble(t, Math.rint(x));
            case FNEG, FABS -> throw new IllegalStateException();
        };
    }

    public static long binary(FBinaryOp op, Type t, long a, long b) {
        a = t.zext(a);
        b = t.zext(b);
        if (op == FBinaryOp.FCOPYSIGN) return (a & ~signBit(t)) | (b & signBit(t));
        Long nan = processNaNs(t, a, b);
        if (nan != null) return nan;
        if (op == FBinaryOp.FMIN || op == FBinaryOp.FMAX) return minMax(op == FBinaryOp.FMIN, t, a, b);
        if (t == Type.F32) {
            float x = f(a), y = f(b);
            return bits(switch (op) {
                case FADD -> x + y;
                case FSUB -> x - y;
                case FMUL -> x * y;
                case FDIV -> x / y;
                default -> throw new IllegalStateException(op.toString());
            });
        }
        double x = d(a), y = d(b);
        return bits(switch (op) {
            case FADD -> x + y;
            case FSUB -> x - y;
            case FMUL -> x * y;
            case FDIV -> x / y;
            default -> throw new IllegalStateException(op.toString());
        });
    }

    /** FMIN/FMAX of two numbers: -0.0 is below +0.0. */
    private static long minMax(boolean min, Type t, long a, long b) {
        double x = toDouble(t, a), y = toDouble(t, b);
        if (x == 0 && y == 0) return min ? (a | b) : (a & b);
        return (x < y) == min ? a : b;
    }

    /** {@code a * b + c} with one rounding. */
    public static long fma(Type t, long a, long b, long c) {
        a = t.zext(a);
        b = t.zext(b);
        c = t.zext(c);
        double x = toDouble(t, a), y = toDouble(t, b);
        boolean invalidProduct = (Double.isInfinite(x) && y == 0) || (x == 0 && Double.isInfinite(y));
        if (isNaN(t, c) && !isSignalling(t, c) && invalidProduct) return defaultNaN(t);
        Long nan = processNaNs(t, c, a, b);
        if (nan != null) return nan;
        if (t == Type.F32) return bits(Math.fma(f(a), f(b), f(c)));
        return bits(Math.fma(d(a), d(b), d(c)));
    }

    public static boolean compare(FloatCC cc, Type t, long a, long b) {
        if (isNaN(t, a) || isNaN(t, b)) return cc.holds(true, 0);
        double x = toDouble(t, t.zext(a)), y = toDouble(t, t.zext(b));
        return cc.holds(false, x < y ? -1 : x > y ? 1 : 0);
    }

    /**
     * A conversion to {@code to} of {@code a}, of type {@code from}; conversions to integers may
     * throw {@link TrapSignal}. Integer results are sign-extended from their width.
     */
    public static long convert(FConvOp op, Type to, Type from, long a) {
        return switch (op) {
            case FCVT_TO_SINT, FCVT_TO_UINT, FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> toInt(op, to, from, from.zext(a));
            case FCVT_FROM_SINT -> {
                long v = from.sext(a);
                yield to == Type.F32 ? bits((float) v) : bits((double) v);
            }
            case FCVT_FROM_UINT -> {
                long v = from.zext(a);
                if (v >= 0) yield to == Type.F32 ? bits((float) v) : bits((double) v);
                // halve with a sticky bit so that the one rounding to the target is correct
                long half = (v >>> 1) | (v & 1);
                yield to == Type.F32 ? bits((float) half * 2f) : bits((double) half * 2d);
            }
            case FPROMOTE -> {
                long x = from.zext(a);
                if (isNaN(Type.F32, x)) {
                    long sign = (x >>> 31) << 63;
                    yield sign | expMask(Type.F64) | quietBit(Type.F64) | ((x & fracMask(Type.F32)) << 29);
                }
                yield bits((double) f(x));
            }
            case FDEMOTE -> {
                if (isNaN(Type.F64, a)) {
                    long sign = (a >>> 63) << 31;
                    yield sign | expMask(Type.F32) | quietBit(Type.F32) | ((a & fracMask(Type.F64)) >>> 29);
                }
                yield bits((float) d(a));
            }
        };
    }

    private static long toInt(FConvOp op, Type to, Type from, long a) {
        boolean sat = op == FConvOp.FCVT_TO_SINT_SAT || op == FConvOp.FCVT_TO_UINT_SAT;
        boolean signed = op == FConvOp.FCVT_TO_SINT || op == FConvOp.FCVT_TO_SINT_SAT;
        if (isNaN(from, a)) {
            if (sat) return 0;
            throw new TrapSignal(TrapCode.BAD_TOINT);
        }
        double x = toDouble(from, a);
        double tr = x < 0 ? Math.ceil(x) : Math.floor(x);
        int w = to.bits();
        // the range bounds are powers of two, exact in a double
        double lo = signed ? -Math.scalb(1.0, w - 1) : 0.0;
        double hiExclusive = Math.scalb(1.0, signed ? w - 1 : w);
        if (tr < lo || tr >= hiExclusive) {
            if (!sat) throw new TrapSignal(TrapCode.INT_OVF);
            if (tr < lo) return signed ? to.sext(1L << (w - 1)) : 0;
            return signed ? to.sext((1L << (w - 1)) - 1) : to.sext(to.mask());
        }
        if (!signed && w == 64 && tr >= 0x1p63) return (long) (tr - 0x1p63) + Long.MIN_VALUE;
        return to.sext((long) tr);
    }
}
