package dev.a64w.gen;

import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;

/**
 * The {@link OpFamily#FLOAT} family: one float instruction (plus operand set-up) per call of
 * {@link #emit}. Operands lean to {@link FloatValues}' edge classes. Rules that keep the Run check
 * free of noise (see the README's "Run check: floats"):
 * <ul>
 *   <li>a float goes to integer code ({@code bitcast}) only through {@link ValueGen#canonical} (NaN
 *       payloads are the implementation's once LLVM folds constants), and so does the sign source
 *       of {@code fcopysign};</li>
 *   <li>{@code fcvt_to_sint}/{@code fcvt_to_uint} get an operand checked to be in range (NaN and
 *       out-of-range values replaced by 0 with {@code fcmp}/{@code select}) in functions whose
 *       divisions are guarded; in the others they may trap, as their divisions may;</li>
 *   <li>conversions to integers produce i8, i16, i32 or i64 (the narrow ones check, trap or
 *       saturate at the narrow type's range).</li>
 * </ul>
 * A burst ({@link #burst}) defines several floats at once; with the checksum summing every unused
 * value at the function's exits, they stay live across the calls between (d8-d15 in use).
 */
final class FloatGen {
    private static final List<Type> FLOATS = List.of(Type.F32, Type.F64);
    /** Result types of the conversions to integers: i32 and i64 twice as often as i8 and i16. */
    private static final List<Type> CONV_INTS = List.of(Type.I8, Type.I16, Type.I32, Type.I64, Type.I32, Type.I64);

    private final ByteSource src;
    private final FunctionBuilder b;
    private final ValueGen vals;
    private final boolean guardConversions;

    FloatGen(ByteSource src, FunctionBuilder b, ValueGen vals, boolean guardConversions) {
        this.src = src;
        this.b = b;
        this.vals = vals;
        this.guardConversions = guardConversions;
    }

    void emit() {
        Type t = src.pick(FLOATS);
        switch (src.weighted(3, 5, 7, 2, 5, 2, 3, 2, 2, 2, 1)) {
            case 0 -> vals.fconst(t, FloatValues.value(src, t));
            case 1 -> {
                FUnaryOp op = src.pick(List.of(FUnaryOp.values()));
                Value x = leaning(t);
                define(t, r -> new Inst.FUnary(op, r, t, x));
            }
            case 2 -> binary(t);
            case 3 -> {
                Value x = leaning(t), y = leaning(t), z = leaning(t);
                define(t, r -> new Inst.Fma(r, t, x, y, z));
            }
            case 4 -> compare(t);
            case 5 -> {
                Value c = vals.condition();
                Value x = vals.operand(t), y = vals.operand(t);
                define(t, r -> new Inst.Select(SelectOp.SELECT, r, t, c, x, y));
            }
            case 6 -> toInt(t);
            case 7 -> {
                Type from = vals.type();
                Value x = vals.operand(from);
                FConvOp op = src.nextBoolean() ? FConvOp.FCVT_FROM_SINT : FConvOp.FCVT_FROM_UINT;
                define(t, r -> new Inst.FConv(op, r, t, x));
            }
            case 8 -> {
                Type from = t == Type.F32 ? Type.F64 : Type.F32;
                Value x = leaning(from);
                FConvOp op = t == Type.F64 ? FConvOp.FPROMOTE : FConvOp.FDEMOTE;
                define(t, r -> new Inst.FConv(op, r, t, x));
            }
            case 9 -> bitcast(t);
            default -> burst();
        }
    }

    private Value define(Type t, java.util.function.Function<Value, Inst> make) {
        Value r = b.newValue();
        b.emit(make.apply(r));
        b.pool.add(r, t);
        return r;
    }

    /** An operand that is a new edge constant more often than {@link ValueGen#operand}. */
    private Value leaning(Type t) {
        return src.chance(300) ? vals.fconst(t, FloatValues.value(src, t)) : vals.operand(t);
    }

    private void binary(Type t) {
        FBinaryOp op = src.pick(List.of(FBinaryOp.values()));
        Value x = leaning(t);
        Value y0 = src.chance(InstGen.EQUAL_PERMILLE) ? x : leaning(t);
        Value y = op == FBinaryOp.FCOPYSIGN ? vals.canonical(y0, t) : y0;
        define(t, r -> new Inst.FBinary(op, r, t, x, y));
    }

    private void compare(Type t) {
        FloatCC cc = src.pick(List.of(FloatCC.values()));
        Value x = leaning(t);
        Value y = src.chance(InstGen.EQUAL_PERMILLE) ? x : leaning(t);
        define(Type.I8, r -> new Inst.Fcmp(cc, r, x, y));
    }

    private void toInt(Type t) {
        Type to = src.pick(CONV_INTS);
        int k = src.nextInt(0, 3);
        FConvOp op = switch (k) {
            case 0 -> FConvOp.FCVT_TO_SINT_SAT;
            case 1 -> FConvOp.FCVT_TO_UINT_SAT;
            case 2 -> FConvOp.FCVT_TO_SINT;
            default -> FConvOp.FCVT_TO_UINT;
        };
        Value x = leaning(t);
        if (k >= 2 && guardConversions) x = inRange(t, to, k == 2, x);
        Value fx = x;
        define(to, r -> new Inst.FConv(op, r, to, fx));
    }

    /**
     * {@code lo <= x < hi ? x : 0.0}, lo and hi the range of {@code to} (lo = 0 unsigned): the
     * truncation of what passes fits, and NaN fails both ordered comparisons.
     */
    private Value inRange(Type t, Type to, boolean signed, Value x) {
        double lo = signed ? -Math.scalb(1.0, to.bits() - 1) : 0.0;
        double hi = Math.scalb(1.0, signed ? to.bits() - 1 : to.bits());
        Value vlo = hidden(t, FloatValues.bits(t, lo));
        Value vhi = hidden(t, FloatValues.bits(t, hi));
        Value zero = hidden(t, 0);
        Value c1 = b.newValue();
        b.emit(new Inst.Fcmp(FloatCC.GE, c1, x, vlo));
        Value c2 = b.newValue();
        b.emit(new Inst.Fcmp(FloatCC.LT, c2, x, vhi));
        Value both = b.newValue();
        b.emit(new Inst.Binary(BinaryOp.BAND, both, Type.I8, c1, c2));
        Value r = b.newValue();
        b.emit(new Inst.Select(SelectOp.SELECT, r, t, both, x, zero));
        return r;
    }

    private Value hidden(Type t, long bits) {
        Value r = b.newValue();
        b.emit(new Inst.Fconst(r, t, t.zext(bits)));
        return r;
    }

    /** float -> int of the same width (canonicalized first), or int -> float. */
    private void bitcast(Type t) {
        Type it = t == Type.F32 ? Type.I32 : Type.I64;
        if (src.nextBoolean()) {
            Value x = vals.canonical(leaning(t), t);
            define(it, r -> new Inst.Unary(UnaryOp.BITCAST, r, it, x));
        } else {
            Value x = vals.operand(it);
            define(t, r -> new Inst.Unary(UnaryOp.BITCAST, r, t, x));
        }
    }

    /** 6..12 new floats at once (arithmetic on pool values and constants), all left in the pool. */
    void burst() {
        int n = src.nextInt(6, 12);
        for (int k = 0; k < n; k++) {
            Type t = src.pick(FLOATS);
            if (src.chance(300)) {
                vals.fconst(t, FloatValues.value(src, t));
                continue;
            }
            Value x = vals.operand(t), y = vals.operand(t);
            FBinaryOp op = src.pick(List.of(FBinaryOp.FADD, FBinaryOp.FSUB, FBinaryOp.FMUL, FBinaryOp.FMIN, FBinaryOp.FMAX));
            define(t, r -> new Inst.FBinary(op, r, t, x, y));
        }
    }
}
