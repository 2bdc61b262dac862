package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;

/**
 * Types and operands: chooses types for the coverage level, finds an operand of a type in the pool
 * or makes one (a constant, or an extend/reduce of another value), and makes branch conditions.
 */
final class ValueGen {
    private static final List<IntCC> CONDS = List.of(IntCC.values());

    final ByteSource src;
    final GeneratorConfig cfg;
    final FunctionBuilder b;

    ValueGen(ByteSource src, GeneratorConfig cfg, FunctionBuilder b) {
        this.src = src;
        this.cfg = cfg;
        this.b = b;
    }

    boolean skeleton() {
        return cfg.coverage() == Coverage.SKELETON;
    }

    /** A data type: i32/i64 in the skeleton, all four otherwise (wide types more often). */
    Type type() {
        return type(src, cfg.coverage());
    }

    static Type type(ByteSource src, Coverage coverage) {
        if (coverage == Coverage.SKELETON) return src.nextBoolean() ? Type.I64 : Type.I32;
        return switch (src.weighted(35, 35, 15, 15)) {
            case 0 -> Type.I32;
            case 1 -> Type.I64;
            case 2 -> Type.I8;
            default -> Type.I16;
        };
    }

    /**
     * A parameter, return or block-parameter type: with the {@link OpFamily#FLOAT} family on, f32 or
     * f64 about one time in three; else {@link #type(ByteSource, Coverage)} (no extra draw, so integer
     * levels generate what they did before floats existed).
     */
    static Type sigType(ByteSource src, GeneratorConfig cfg) {
        if (cfg.enabled(OpFamily.FLOAT) && src.chance(FLOAT_TYPE_PERMILLE)) return src.nextBoolean() ? Type.F64 : Type.F32;
        return type(src, cfg.coverage());
    }

    /** Chance (permille) that a signature or block-parameter type is a float when floats are on. */
    static final int FLOAT_TYPE_PERMILLE = 350;

    /** {@code n} types for block parameters ({@link #sigType}). */
    List<Type> blockTypes(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(k -> sigType(src, cfg)).toList();
    }

    /**
     * Chance (permille) that an operand outside the skeleton is a new constant of a class the coverage
     * goals name ({@link Immediates#edge}), so that every instruction sees zero, one, minus one, MIN,
     * MAX and negative values, not only what arithmetic on earlier values happens to give.
     */
    static final int EDGE_PERMILLE = 100;

    /**
     * An operand of type {@code t}: mostly an existing value, else converted or a new constant;
     * sometimes (outside the skeleton) a new edge constant.
     */
    Value operand(Type t) {
        if (t.isFloat()) return floatOperand(t);
        if (!skeleton() && src.chance(EDGE_PERMILLE)) return iconst(t, Immediates.edge(src, t));
        Value v = src.chance(900) ? b.pool.pick(src, t) : null;
        if (v != null) return v;
        if (!skeleton() && cfg.enabled(OpFamily.CONVERT) && !b.pool.ints().isEmpty() && src.chance(500)) {
            var from = src.pick(b.pool.ints());
            if (from.type() != t) return convert(from.value(), from.type(), t);
        }
        return iconst(t, Immediates.value(src, t));
    }

    /**
     * A float operand: a new edge constant ({@link FloatValues}) sometimes, mostly a pool value, else
     * a conversion from a pool integer or a new constant.
     */
    Value floatOperand(Type t) {
        if (src.chance(150)) return fconst(t, FloatValues.value(src, t));
        Value v = src.chance(900) ? b.pool.pick(src, t) : null;
        if (v != null) return v;
        if (!b.pool.ints().isEmpty() && src.chance(400)) {
            var from = src.pick(b.pool.ints());
            Value r = b.newValue();
            var op = src.nextBoolean() ? dev.a64w.ir.Opcodes.FConvOp.FCVT_FROM_SINT : dev.a64w.ir.Opcodes.FConvOp.FCVT_FROM_UINT;
            b.emit(new Inst.FConv(op, r, t, from.value()));
            b.pool.add(r, t);
            return r;
        }
        return fconst(t, FloatValues.value(src, t));
    }

    /** {@code f32const}/{@code f64const} of raw {@code bits}, added to the pool. */
    Value fconst(Type t, long bits) {
        Value r = b.newValue();
        b.emit(new Inst.Fconst(r, t, t.zext(bits)));
        b.pool.add(r, t);
        return r;
    }

    /**
     * {@code v} with every NaN replaced by the canonical quiet NaN ({@code fcmp uno v, v} and a
     * {@code select}), not added to the pool: what the generator stores to memory or bitcasts to an
     * integer, so that a NaN payload never reaches data memory or integer code (the Run check merges
     * NaNs in float results only; LLVM may fold a NaN to another payload).
     */
    Value canonical(Value v, Type t) {
        Value uno = b.newValue();
        b.emit(new Inst.Fcmp(dev.a64w.ir.FloatCC.UNO, uno, v, v));
        Value nan = b.newValue();
        b.emit(new Inst.Fconst(nan, t, FloatValues.canonicalNaN(t)));
        Value r = b.newValue();
        b.emit(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, r, t, uno, nan, v));
        return r;
    }

    Value iconst(Type t, long imm) {
        Value r = b.newValue();
        b.emit(new Inst.Iconst(r, t, t.sext(imm)));
        b.pool.add(r, t);
        return r;
    }

    /** A constant not added to the pool (loop bounds, guards). */
    Value hiddenConst(Type t, long imm) {
        Value r = b.newValue();
        b.emit(new Inst.Iconst(r, t, t.sext(imm)));
        return r;
    }

    /** uextend/sextend to a wider type, ireduce to a narrower one. */
    Value convert(Value v, Type from, Type to) {
        Value r = b.newValue();
        UnaryOp op = to.bits() > from.bits() ? (src.nextBoolean() ? UnaryOp.SEXTEND : UnaryOp.UEXTEND) : UnaryOp.IREDUCE;
        b.emit(new Inst.Unary(op, r, to, v));
        b.pool.add(r, to);
        return r;
    }

    IntCC cc() {
        return src.pick(CONDS);
    }

    /**
     * A branch/select/trap condition. In the skeleton a fresh {@code icmp} (kept out of the pool,
     * since i8 is not a skeleton data type); otherwise any pool value or a fresh icmp.
     */
    Value condition() {
        if (!skeleton() && !b.pool.ints().isEmpty() && src.chance(400)) return src.pick(b.pool.ints()).value();
        Type t = type();
        Value a = operand(t);
        Value r;
        if (!skeleton() && cfg.enabled(OpFamily.IMM) && src.chance(400)) {
            r = b.newValue();
            b.emit(new Inst.IcmpImm(cc(), r, a, Immediates.imm(src, t)));
        } else {
            Value c = operand(t);
            r = b.newValue();
            b.emit(new Inst.Icmp(cc(), r, a, c));
        }
        if (!skeleton()) b.pool.add(r, Type.I8);
        return r;
    }

    /**
     * A value of type {@code t} that was computed: from the pool, else converted from a pool value,
     * else (an empty pool) an operand. Never a new edge constant, which would hide what was computed
     * (return values, stored values).
     */
    Value live(Type t) {
        Value v = b.pool.pick(src, t);
        if (v != null) return v;
        if (t.isFloat()) return floatOperand(t);
        if (!skeleton() && cfg.enabled(OpFamily.CONVERT) && !b.pool.ints().isEmpty()) {
            var from = src.pick(b.pool.ints());
            if (from.type() != t) return convert(from.value(), from.type(), t);
        }
        return operand(t);
    }

    /** The values a function leaves with (returns, return_call arguments), with {@link Checksum} folded in. */
    List<Value> leaving(List<Type> types) {
        return Checksum.leaving(b, this, types);
    }

    /** Values for the given types, e.g. block-call arguments. */
    List<Value> operands(List<Type> types) {
        return types.stream().map(this::operand).toList();
    }

    /** {@code n} random data types. */
    List<Type> types(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(k -> type()).toList();
    }
}
