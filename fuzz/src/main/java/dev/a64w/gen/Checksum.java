package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes results observable: the values that leave a function (its return values, or the arguments of
 * a {@code return_call}) absorb a checksum of every integer value in scope that nothing else uses yet,
 * so that a wrong intermediate result (say, a narrow {@code srem} computed on the wrong extension of
 * its operands) changes what the function gives back instead of dying unused. The checksum chains the
 * values of each type with {@code iadd} and {@code bxor} (sometimes over {@code rotl_imm}, so that two
 * wrong values do not cancel), widens each type's chain to i64 ({@code uextend}) and chains those, folds the i64 into
 * the leaving value's width ({@code ushr_imm}/{@code bxor} halves, then {@code ireduce}) and
 * {@code bxor}s it into the first leaving value. Floats in scope join as integers: NaN canonicalized,
 * then {@code bitcast} (so a NaN payload, which is the implementation's, adds no noise); the sum goes
 * into the first integer leaving value, or, when all are floats, into the first float's bits with the
 * exponent's top bit cleared (never a NaN, which the Run check would merge). Constants are left out (they are known; folding them
 * would only grow the module), and so are the checksum's own instructions when the next exit of the
 * function asks what is unused: every exit sums what is in scope there.
 */
final class Checksum {
    /** At most this many values go into one checksum (the most recently defined ones; keeps modules small). */
    static final int MAX_VALUES = 24;
    private static final long ROTATE = 13;

    private Checksum() {}

    /**
     * Values of {@code types} to leave the function with: pool values (not new edge constants, which
     * would hide what was computed), the first with the checksum folded in.
     */
    static List<Value> leaving(FunctionBuilder b, ValueGen vals, List<Type> types) {
        List<Value> out = new ArrayList<>();
        for (Type t : types) out.add(vals.live(t));
        if (out.isEmpty()) return out;
        Set<Value> used = b.usedOutsideChecksums();
        used.addAll(out);
        Set<Value> constants = b.constants();
        List<ValuePool.IntVal> unused = new ArrayList<>();
        for (var v : b.pool.ints()) if (!used.contains(v.value()) && !constants.contains(v.value())) unused.add(v);
        List<ValuePool.IntVal> unusedFloats = new ArrayList<>();
        for (var v : b.pool.floats()) if (!used.contains(v.value()) && !constants.contains(v.value())) unusedFloats.add(v);
        if ((unused.isEmpty() && unusedFloats.isEmpty()) || !vals.cfg.enabled(OpFamily.ARITH) || !vals.cfg.enabled(OpFamily.BITWISE)) return out;
        // the checksum goes into the first integer leaving value, or into the first value when all are floats
        int target = 0;
        while (target < types.size() && types.get(target).isFloat()) target++;
        if (target == types.size()) target = 0;
        Type t = types.get(target);
        if (vals.skeleton() || !vals.cfg.enabled(OpFamily.CONVERT) || !vals.cfg.enabled(OpFamily.IMM)) {
            if (t.isFloat()) return out; // the plain families cannot mix a float
            // only the plain families: the values of the leaving type, chained with iadd/bxor
            unused = unused.stream().filter(v -> v.type() == t).toList();
            Value acc = out.get(target);
            for (int k = 0; k < unused.size() && k < MAX_VALUES; k++) {
                Value a = acc, w = unused.get(unused.size() - 1 - k).value();
                BinaryOp op = k % 2 == 0 ? BinaryOp.BXOR : BinaryOp.IADD;
                acc = define(b, r -> new Inst.Binary(op, r, t, a, w));
            }
            out.set(target, acc);
            return out;
        }
        if (unusedFloats.size() > MAX_VALUES / 2) unusedFloats = unusedFloats.subList(unusedFloats.size() - MAX_VALUES / 2, unusedFloats.size());
        int room = MAX_VALUES - unusedFloats.size();
        if (unused.size() > room) unused = unused.subList(unused.size() - room, unused.size());
        unused = new ArrayList<>(unused);
        for (var f : unusedFloats) unused.add(floatBits(b, f));
        // one chain per type (one instruction per value), then the chains widened and chained in i64
        Value acc = null;
        int chains = 0;
        for (Type ct : List.of(Type.I8, Type.I16, Type.I32, Type.I64)) {
            Value chain = null;
            int k = 0;
            for (var v : unused) {
                if (v.type() != ct) continue;
                chain = chain == null ? v.value() : mix(b, ct, chain, v.value(), k);
                k++;
            }
            if (chain == null) continue;
            Value w = widen(b, new ValuePool.IntVal(chain, ct));
            acc = acc == null ? w : mix(b, Type.I64, acc, w, chains);
            chains++;
        }
        if (acc == null) return out;
        Value sum = acc;
        int width = t.bits();
        for (int half = 32; half >= width; half /= 2) {
            Value s = sum;
            int h = half;
            Value hi = define(b, r -> new Inst.BinaryImm(BinaryImmOp.USHR_IMM, r, Type.I64, s, h));
            sum = define(b, r -> new Inst.Binary(BinaryOp.BXOR, r, Type.I64, s, hi));
        }
        if (t.isInt() && t != Type.I64) {
            Value s = sum;
            sum = define(b, r -> new Inst.Unary(UnaryOp.IREDUCE, r, t, s));
        }
        if (t.isFloat()) {
            out.set(target, intoFloat(b, t, out.get(target), sum));
            return out;
        }
        Value first = out.get(target), s = sum;
        out.set(target, define(b, r -> new Inst.Binary(BinaryOp.BXOR, r, t, first, s)));
        return out;
    }

    /**
     * A float value as integer bits for the checksum: NaN canonicalized ({@code fcmp uno} and a
     * {@code select} of the default NaN), then {@code bitcast} to i32/i64; a NaN's payload, which is
     * the implementation's, never reaches the sum.
     */
    private static ValuePool.IntVal floatBits(FunctionBuilder b, ValuePool.IntVal f) {
        Type ft = f.type();
        Type it = ft == Type.F32 ? Type.I32 : Type.I64;
        Value c = canonical(b, ft, f.value());
        return new ValuePool.IntVal(define(b, r -> new Inst.Unary(UnaryOp.BITCAST, r, it, c)), it);
    }

    private static Value canonical(FunctionBuilder b, Type ft, Value v) {
        Value uno = define(b, r -> new Inst.Fcmp(dev.a64w.ir.FloatCC.UNO, r, v, v));
        Value nan = define(b, r -> new Inst.Fconst(r, ft, FloatValues.canonicalNaN(ft)));
        return define(b, r -> new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, r, ft, uno, nan, v));
    }

    /**
     * The float {@code first} with the i64 checksum {@code sum} mixed in (when every leaving value is
     * a float): its canonical bits xor the sum, with the exponent's top bit cleared so that the result
     * is never a NaN or an infinity (a NaN would hide the sum from the Run check, which merges NaNs).
     */
    private static Value intoFloat(FunctionBuilder b, Type ft, Value first, Value sum) {
        Type it = ft == Type.F32 ? Type.I32 : Type.I64;
        Value bits = define(b, r -> new Inst.Unary(UnaryOp.BITCAST, r, it, canonical(b, ft, first)));
        Value s = sum;
        if (it == Type.I32) s = define(b, r -> new Inst.Unary(UnaryOp.IREDUCE, r, it, sum));
        Value fs = s;
        Value mixed = define(b, r -> new Inst.Binary(BinaryOp.BXOR, r, it, bits, fs));
        long clear = ~(1L << (ft == Type.F32 ? 30 : 62));
        Value safe = define(b, r -> new Inst.BinaryImm(BinaryImmOp.BAND_IMM, r, it, mixed, it.sext(clear)));
        return define(b, r -> new Inst.Unary(UnaryOp.BITCAST, r, ft, safe));
    }

    /**
     * The {@code k}-th step ({@code k >= 1}) of a chain: {@code iadd} on even steps, {@code bxor} on odd
     * ones, every other odd step over the accumulator rotated (so equal errors do not cancel).
     */
    private static Value mix(FunctionBuilder b, Type t, Value acc, Value v, int k) {
        if (k % 2 == 0) return define(b, r -> new Inst.Binary(BinaryOp.IADD, r, t, acc, v));
        Value a = k % 4 == 1 ? acc : define(b, r -> new Inst.BinaryImm(BinaryImmOp.ROTL_IMM, r, t, acc, ROTATE % t.bits()));
        return define(b, r -> new Inst.Binary(BinaryOp.BXOR, r, t, a, v));
    }

    /** {@code v} as an i64 (zero-extended, so every bit of a narrow value counts once). */
    private static Value widen(FunctionBuilder b, ValuePool.IntVal v) {
        if (v.type() == Type.I64) return v.value();
        return define(b, r -> new Inst.Unary(UnaryOp.UEXTEND, r, Type.I64, v.value()));
    }

    /** Emits a checksum instruction defining a new value. */
    private static Value define(FunctionBuilder b, java.util.function.Function<Value, Inst> make) {
        Value r = b.newValue();
        Inst inst = make.apply(r);
        b.emit(inst);
        b.checksumInsts.add(inst);
        return r;
    }
}
