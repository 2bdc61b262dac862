package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;

/**
 * Data instructions (everything but memory and calls). Division is made UB-free per function as in
 * Cranelift's fuzzgen: when {@code guardDiv} is set, every divisor passes through a select that
 * replaces 0 (and -1 when the dividend is INT_MIN, for sdiv) by 1. Operands lean toward the value
 * classes the coverage goals name: edge constants ({@link ValueGen#EDGE_PERMILLE}), equal operands
 * ({@link #EQUAL_PERMILLE}), MIN by -1 for signed division ({@link #MIN_BY_MINUS_ONE_PERMILLE}).
 */
final class InstGen {
    private static final List<BinaryOp> SKEL_ARITH = List.of(BinaryOp.IADD, BinaryOp.ISUB, BinaryOp.IMUL);
    private static final List<BinaryOp> MULHI = List.of(BinaryOp.UMULHI, BinaryOp.SMULHI);
    private static final List<BinaryOp> SKEL_BITWISE = List.of(BinaryOp.BAND, BinaryOp.BOR, BinaryOp.BXOR);
    private static final List<BinaryOp> BITWISE = List.of(BinaryOp.BAND, BinaryOp.BOR, BinaryOp.BXOR,
            BinaryOp.BAND_NOT, BinaryOp.BOR_NOT, BinaryOp.BXOR_NOT);
    private static final List<BinaryOp> SHIFTS = List.of(BinaryOp.ISHL, BinaryOp.USHR, BinaryOp.SSHR, BinaryOp.ROTL, BinaryOp.ROTR);
    private static final List<BinaryOp> MINMAX = List.of(BinaryOp.SMIN, BinaryOp.SMAX, BinaryOp.UMIN, BinaryOp.UMAX);
    private static final List<BinaryOp> DIVS = List.of(BinaryOp.UDIV, BinaryOp.SDIV, BinaryOp.UREM, BinaryOp.SREM);
    private static final List<UnaryOp> UNARY = List.of(UnaryOp.INEG, UnaryOp.IABS, UnaryOp.BNOT, UnaryOp.CLZ, UnaryOp.CTZ,
            UnaryOp.CLS, UnaryOp.POPCNT, UnaryOp.BSWAP, UnaryOp.BITREV);
    private static final List<BinaryImmOp> IMM_OPS = List.of(BinaryImmOp.IADD_IMM, BinaryImmOp.IMUL_IMM,
            BinaryImmOp.IRSUB_IMM, BinaryImmOp.BAND_IMM, BinaryImmOp.BOR_IMM, BinaryImmOp.BXOR_IMM,
            BinaryImmOp.ISHL_IMM, BinaryImmOp.USHR_IMM, BinaryImmOp.SSHR_IMM, BinaryImmOp.ROTL_IMM, BinaryImmOp.ROTR_IMM);
    private static final List<BinaryImmOp> DIV_IMM_OPS = List.of(BinaryImmOp.UDIV_IMM, BinaryImmOp.SDIV_IMM,
            BinaryImmOp.UREM_IMM, BinaryImmOp.SREM_IMM);
    private static final List<OverflowOp> OVERFLOW = List.of(OverflowOp.values());
    private static final List<CarryOp> CARRY = List.of(CarryOp.values());

    private final ByteSource src;
    private final GeneratorConfig cfg;
    private final FunctionBuilder b;
    private final ValueGen vals;
    /** Decided once per function: divisions guarded (the common case) or left to trap. */
    final boolean guardDiv;
    /** Decided once per function: uadd_overflow_trap operands halved so it cannot trap. */
    final boolean guardOverflowTrap;

    InstGen(ByteSource src, GeneratorConfig cfg, FunctionBuilder b, ValueGen vals) {
        this.src = src;
        this.cfg = cfg;
        this.b = b;
        this.vals = vals;
        this.guardDiv = !src.chance(cfg.unguardedDivPermille());
        this.guardOverflowTrap = !src.chance(cfg.unguardedDivPermille());
    }

    /**
     * Families whose (opcode, type) pairs are rare enough that their narrow types get as many
     * instructions as the wide ones (the usual type choice favours i32 and i64).
     */
    private static final java.util.Set<OpFamily> RARE = java.util.EnumSet.of(OpFamily.UNARY, OpFamily.MINMAX,
            OpFamily.DIVISION, OpFamily.OVERFLOW, OpFamily.CONVERT, OpFamily.IMM);
    private static final List<Type> TYPES = List.of(Type.I8, Type.I16, Type.I32, Type.I64);

    /** Families this generator handles, in the order the weights in {@link #emit} use. */
    static final List<OpFamily> HANDLED = List.of(OpFamily.ARITH, OpFamily.BITWISE, OpFamily.SHIFT, OpFamily.UNARY,
            OpFamily.IMM, OpFamily.COMPARE, OpFamily.SELECT, OpFamily.CONVERT, OpFamily.MINMAX, OpFamily.DIVISION,
            OpFamily.OVERFLOW, OpFamily.OVERFLOW_TRAP, OpFamily.TRAP, OpFamily.STACK_POINTER, OpFamily.FLOAT);

    /** Weight of each family in {@link #HANDLED} order. */
    static int weight(OpFamily f) {
        return switch (f) {
            case ARITH -> 30;
            case BITWISE -> 16;
            case SHIFT, IMM -> 12;
            case CONVERT -> 10;
            case UNARY, COMPARE -> 8;
            case SELECT -> 7;
            case DIVISION, OVERFLOW -> 7;
            case MINMAX -> 5;
            case OVERFLOW_TRAP -> 2;
            case TRAP, STACK_POINTER -> 1;
            case FLOAT -> 40;
            default -> 0;
        };
    }

    private FloatGen floatGen;

    /** The float family's generator, made on first use (no draws at integer levels). */
    FloatGen floats() {
        if (floatGen == null) floatGen = new FloatGen(src, b, vals, guardDiv);
        return floatGen;
    }

    /** Emits one instruction (plus any operand set-up) of the family. */
    void emit(OpFamily f) {
        if (f == OpFamily.FLOAT) {
            floats().emit();
            return;
        }
        boolean skel = vals.skeleton();
        Type t = RARE.contains(f) ? TYPES.get(src.nextInt(0, 3)) : vals.type();
        switch (f) {
            case ARITH -> {
                if (skel || src.chance(800)) binary(src.pick(SKEL_ARITH), t);
                else leaningBinary(src.pick(MULHI), t);
            }
            case BITWISE -> binary(src.pick(skel ? SKEL_BITWISE : BITWISE), t);
            case SHIFT -> shift(t);
            case UNARY -> unary(t);
            case IMM -> binaryImm(t);
            case COMPARE -> compare(t);
            case SELECT -> select(t);
            case CONVERT -> convert(t);
            case MINMAX -> leaningBinary(src.pick(MINMAX), t);
            case DIVISION -> division(t);
            case OVERFLOW -> overflow(t);
            case OVERFLOW_TRAP -> overflowTrap(t);
            case TRAP -> condTrap();
            case STACK_POINTER -> b.emit(new Inst.GetStackPointer(b.newValue(), Type.I64));
            case FLOAT -> floats().emit();
            default -> throw new IllegalArgumentException("InstGen does not handle " + f);
        }
    }

    private Value define(Type t, java.util.function.Function<Value, Inst> make) {
        Value r = b.newValue();
        b.emit(make.apply(r));
        b.pool.add(r, t);
        return r;
    }

    /**
     * Chance (permille) that a two-operand instruction outside the skeleton gets the same value twice
     * (equal operands: compares, min/max, subtraction to zero).
     */
    static final int EQUAL_PERMILLE = 80;

    /** The second operand of type {@code t} for first operand {@code x}: sometimes {@code x} itself. */
    private Value second(Value x, Type t) {
        return !vals.skeleton() && src.chance(EQUAL_PERMILLE) ? x : vals.operand(t);
    }

    /** A binary instruction whose operands are edge constants more often. */
    private void leaningBinary(BinaryOp op, Type t) {
        Value x = leaning(t);
        Value y = src.chance(EQUAL_PERMILLE) ? x : leaning(t);
        define(t, r -> new Inst.Binary(op, r, t, x, y));
    }

    Value binary(BinaryOp op, Type t) {
        Value x = vals.operand(t);
        Value y = second(x, t);
        return define(t, r -> new Inst.Binary(op, r, t, x, y));
    }

    private void shift(Type t) {
        Value x = vals.operand(t);
        Type at = src.chance(700) ? t : vals.type();
        Value y = src.chance(300) ? vals.iconst(at, Immediates.shiftAmount(src, t)) : vals.operand(at);
        BinaryOp op = src.pick(SHIFTS);
        define(t, r -> new Inst.Binary(op, r, t, x, y));
    }

    private void unary(Type t) {
        UnaryOp op = src.pick(UNARY);
        if (op == UnaryOp.BSWAP && t == Type.I8) t = Type.I16; // bswap needs at least 16 bits
        Type tt = t;
        // bit counts and negation need zero, all ones and MIN as well as ordinary values
        Value x = switch (src.nextInt(0, 3)) {
            case 0 -> vals.iconst(tt, 0);
            case 1 -> vals.iconst(tt, -1);
            case 2 -> vals.iconst(tt, 1L << (tt.bits() - 1));
            default -> src.nextBoolean() ? vals.iconst(tt, Immediates.edge(src, tt)) : vals.operand(tt);
        };
        define(tt, r -> new Inst.Unary(op, r, tt, x));
    }

    private void binaryImm(Type t) {
        BinaryImmOp op = src.pick(IMM_OPS);
        Value x = leaning(t);
        long imm = switch (op) {
            case ISHL_IMM, USHR_IMM, SSHR_IMM, ROTL_IMM, ROTR_IMM -> Immediates.shiftAmount(src, t);
            default -> src.chance(LEANING_PERMILLE) ? Immediates.edge(src, t) : Immediates.imm(src, t);
        };
        define(t, r -> new Inst.BinaryImm(op, r, t, x, imm));
    }

    private void compare(Type t) {
        Value x = vals.operand(t);
        IntCC cc = vals.cc();
        if (!vals.skeleton() && cfg.enabled(OpFamily.IMM) && src.chance(350)) {
            long imm = Immediates.imm(src, t);
            Value xx = src.chance(EQUAL_PERMILLE) ? vals.iconst(t, imm) : x; // equal to the immediate
            define(Type.I8, r -> new Inst.IcmpImm(cc, r, xx, imm));
        } else {
            Value y = second(x, t);
            define(Type.I8, r -> new Inst.Icmp(cc, r, x, y));
        }
    }

    /** select (mostly), select_spectre_guard, or bitselect with a mask of the controlling type. */
    private void select(Type t) {
        int k = src.nextInt(0, 5);
        if (k == 0) {
            Value m = vals.operand(t);
            Value x = vals.operand(t);
            Value y = vals.operand(t);
            define(t, r -> new Inst.Select(SelectOp.BITSELECT, r, t, m, x, y));
            return;
        }
        SelectOp op = k == 1 ? SelectOp.SELECT_SPECTRE_GUARD : SelectOp.SELECT;
        Value c = vals.condition();
        Value x = vals.operand(t);
        Value y = vals.operand(t);
        define(t, r -> new Inst.Select(op, r, t, c, x, y));
    }

    private void convert(Type t) {
        var from = b.pool.ints().isEmpty() ? null : src.pick(b.pool.ints());
        if (from == null) {
            vals.iconst(t, Immediates.value(src, t));
            return;
        }
        if (src.chance(350)) {
            Value x = switch (src.nextInt(0, 3)) {
                case 0 -> vals.iconst(from.type(), 0);
                case 1 -> vals.iconst(from.type(), Immediates.negative(src, from.type()));
                case 2 -> vals.iconst(from.type(), Immediates.edge(src, from.type()));
                default -> from.value();
            };
            define(t, r -> new Inst.Unary(UnaryOp.BMASK, r, t, x));
        } else if (src.chance(200)) {
            Value x = from.type() == t ? from.value() : vals.operand(t);
            define(t, r -> new Inst.Unary(UnaryOp.BITCAST, r, t, x));
        } else if (from.type() != t) {
            vals.convert(from.value(), from.type(), t);
        } else if (t != Type.I8) {
            Type narrow = t == Type.I16 ? Type.I8 : t == Type.I32 ? Type.I16 : Type.I32;
            vals.convert(from.value(), t, src.nextBoolean() ? narrow : Type.I8);
        } else {
            vals.convert(from.value(), t, Type.I64);
        }
    }

    private void division(Type t) {
        if (cfg.enabled(OpFamily.IMM) && src.chance(400)) {
            BinaryImmOp op = src.pick(DIV_IMM_OPS);
            Value x = src.chance(200) ? vals.iconst(t, 1L << (t.bits() - 1)) : leaning(t);
            long imm = src.chance(LEANING_PERMILLE) ? Immediates.edge(src, t) : Immediates.imm(src, t);
            boolean signed = op == BinaryImmOp.SDIV_IMM || op == BinaryImmOp.SREM_IMM;
            if (t.zext(imm) == 0 || (signed && t.sext(imm) == -1)) imm = 7; // never 0, never -1 for signed
            long fimm = imm;
            define(t, r -> new Inst.BinaryImm(op, r, t, x, fimm));
            return;
        }
        BinaryOp op = src.pick(DIVS);
        boolean signed = op == BinaryOp.SDIV || op == BinaryOp.SREM;
        Value x, y;
        if (signed && src.chance(MIN_BY_MINUS_ONE_PERMILLE)) {
            // a -1 divisor, of MIN two times in three for srem (0), one in four for sdiv (a trap, or the guard makes -1 a 1): srem gives 0; sdiv traps (or its guard makes -1 a 1)
            boolean minX = op == BinaryOp.SREM ? src.nextInt(0, 2) > 0 : src.nextInt(0, 3) == 0;
            x = minX ? vals.iconst(t, 1L << (t.bits() - 1)) : leaning(t);
            y = vals.iconst(t, -1);
        } else {
            x = !signed && src.chance(250) ? vals.iconst(t, -1) : leaning(t); // unsigned: the all-ones dividend
            y = leaning(t);
        }
        if (guardDiv) y = guardDivisor(op, t, x, y);
        Value fy = y;
        define(t, r -> new Inst.Binary(op, r, t, x, fy));
    }

    /** Chance (permille) that a signed division or remainder divides MIN by -1. */
    static final int MIN_BY_MINUS_ONE_PERMILLE = 300;

    /**
     * Chance (permille) that an operand of a rarer instruction (division, overflow and carry forms,
     * unary operations, the _imm forms, min/max, mulhi) is a new edge constant ({@link Immediates#edge}):
     * those pairs execute too seldom in 1,000 cases for {@link ValueGen#EDGE_PERMILLE} alone to give
     * each of them every class.
     */
    static final int LEANING_PERMILLE = 650;

    /** An operand of type {@code t} that is an edge constant more often than {@link ValueGen#operand}. */
    private Value leaning(Type t) {
        return !vals.skeleton() && src.chance(LEANING_PERMILLE) ? vals.iconst(t, Immediates.edge(src, t)) : vals.operand(t);
    }

    /**
     * {@code y == 0 ? 1 : y}, and for sdiv also {@code (x == MIN && y == -1) ? 1 : y} (srem of MIN by -1
     * is 0 in CLIF, so it stays: the backend must not trap there).
     */
    private Value guardDivisor(BinaryOp op, Type t, Value x, Value y) {
        Value one = vals.hiddenConst(t, 1);
        Value zero = vals.hiddenConst(t, 0);
        Value isZero = b.newValue();
        b.emit(new Inst.Icmp(IntCC.EQ, isZero, y, zero));
        Value safe = b.newValue();
        b.emit(new Inst.Select(SelectOp.SELECT, safe, t, isZero, one, y));
        if (op == BinaryOp.SDIV) {
            Value min = vals.hiddenConst(t, 1L << (t.bits() - 1));
            Value isMin = b.newValue();
            b.emit(new Inst.Icmp(IntCC.EQ, isMin, x, min));
            Value minusOne = vals.hiddenConst(t, -1);
            Value isM1 = b.newValue();
            b.emit(new Inst.Icmp(IntCC.EQ, isM1, safe, minusOne));
            Value both = b.newValue();
            b.emit(new Inst.Binary(BinaryOp.BAND, both, Type.I8, isMin, isM1));
            Value safer = b.newValue();
            b.emit(new Inst.Select(SelectOp.SELECT, safer, t, both, one, safe));
            return safer;
        }
        return safe;
    }

    private void overflow(Type t) {
        if (src.chance(400)) {
            CarryOp op = src.pick(CARRY);
            Value x = leaning(t);
            Value y = leaning(t);
            Value c = src.nextBoolean() ? vals.iconst(Type.I8, src.nextInt(0, 1)) : vals.operand(Type.I8);
            Value r = b.newValue();
            Value of = b.newValue();
            b.emit(new Inst.OverflowCarry(op, r, of, t, x, y, c));
            b.pool.add(r, t);
            b.pool.add(of, Type.I8);
            return;
        }
        OverflowOp op = src.pick(OVERFLOW);
        Value x = leaning(t);
        Value y = src.chance(EQUAL_PERMILLE) ? x : leaning(t);
        Value r = b.newValue();
        Value of = b.newValue();
        b.emit(new Inst.Overflow(op, r, of, t, x, y));
        b.pool.add(r, t);
        b.pool.add(of, Type.I8);
    }

    private void overflowTrap(Type t0) {
        Type t = t0.bits() >= 32 ? t0 : Type.I32; // uadd_overflow_trap is defined for i32 and i64
        Value x = vals.operand(t);
        Value y = vals.operand(t);
        if (guardOverflowTrap) {
            x = halve(t, x);
            y = halve(t, y);
        }
        Value fx = x, fy = y;
        TrapCode code = src.nextBoolean() ? TrapCode.INT_OVF : TrapCode.user(1);
        define(t, r -> new Inst.OverflowTrap(r, t, fx, fy, code));
    }

    /** {@code x >> 1} (logical): two halves never overflow an unsigned add. */
    private Value halve(Type t, Value x) {
        if (cfg.enabled(OpFamily.IMM)) {
            Value r = b.newValue();
            b.emit(new Inst.BinaryImm(BinaryImmOp.USHR_IMM, r, t, x, 1));
            return r;
        }
        Value one = vals.hiddenConst(t, 1);
        Value r = b.newValue();
        b.emit(new Inst.Binary(BinaryOp.USHR, r, t, x, one));
        return r;
    }

    /** trapz/trapnz on a condition that rarely fires: x equal to a random (rarely an edge) value. */
    private void condTrap() {
        Type t = vals.type();
        Value x = vals.operand(t);
        Value c = b.newValue();
        boolean nz = src.nextBoolean();
        long imm = src.chance(200) ? Immediates.value(src, t) : t.sext(src.nextLong());
        b.emit(new Inst.IcmpImm(nz ? IntCC.EQ : IntCC.NE, c, x, imm));
        b.emit(new Inst.CondTrap(nz, c, TrapCode.user(src.nextInt(1, 3))));
    }
}
