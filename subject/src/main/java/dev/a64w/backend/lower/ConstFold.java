package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Folds an {@code iconst} operand into the instruction using it: {@code iadd v0, v1} with {@code v1 =
 * iconst 42} is lowered as {@code iadd_imm v0, 42}, an {@code icmp} against a constant as {@code
 * icmp_imm}. A rewrite is made only when the immediate form needs no materialized constant (an add
 * or sub immediate, possibly as two adds, a logical immediate or a trivial logic value, a shift
 * amount, a compare immediate), so folding never costs an instruction; the constant itself is then
 * left out when every use of it was folded.
 */
final class ConstFold {
    private ConstFold() {}

    /**
     * The instruction rewritten to an immediate form, or the instruction itself. {@code consts}
     * holds the constants visible for folding (value → raw immediate), {@code types} gives value
     * types.
     */
    static Inst rewrite(Inst inst, Map<Value, Long> consts, Function<Value, Type> types) {
        return switch (inst) {
            case Inst.Binary x -> binary(x, consts).orElse(inst);
            case Inst.Icmp x -> icmp(x, consts, types).orElse(inst);
            default -> inst;
        };
    }

    private static Optional<Inst> binary(Inst.Binary x, Map<Value, Long> consts) {
        Long ka = consts.get(x.a()), kb = consts.get(x.b());
        Type t = x.type();
        switch (x.op()) {
            case IADD -> {
                if (kb != null && addCheap(t, kb)) return imm(x, BinaryImmOp.IADD_IMM, x.a(), kb);
                if (ka != null && addCheap(t, ka)) return imm(x, BinaryImmOp.IADD_IMM, x.b(), ka);
            }
            case ISUB -> {
                if (kb != null && addCheap(t, -kb)) return imm(x, BinaryImmOp.IADD_IMM, x.a(), -kb);
                if (ka != null && t.zext(ka) == 0) return imm(x, BinaryImmOp.IRSUB_IMM, x.b(), 0);
            }
            case BAND, BOR, BXOR -> {
                BinaryImmOp op = switch (x.op()) {
                    case BAND -> BinaryImmOp.BAND_IMM;
                    case BOR -> BinaryImmOp.BOR_IMM;
                    default -> BinaryImmOp.BXOR_IMM;
                };
                if (kb != null && logicCheap(t, kb)) return imm(x, op, x.a(), kb);
                if (ka != null && logicCheap(t, ka)) return imm(x, op, x.b(), ka);
            }
            case BAND_NOT, BOR_NOT, BXOR_NOT -> {
                BinaryImmOp op = switch (x.op()) {
                    case BAND_NOT -> BinaryImmOp.BAND_IMM;
                    case BOR_NOT -> BinaryImmOp.BOR_IMM;
                    default -> BinaryImmOp.BXOR_IMM;
                };
                if (kb != null && logicCheap(t, ~kb)) return imm(x, op, x.a(), ~kb);
            }
            case ISHL, USHR, SSHR, ROTL, ROTR -> {
                if (kb != null) {
                    BinaryImmOp op = switch (x.op()) {
                        case ISHL -> BinaryImmOp.ISHL_IMM;
                        case USHR -> BinaryImmOp.USHR_IMM;
                        case SSHR -> BinaryImmOp.SSHR_IMM;
                        case ROTL -> BinaryImmOp.ROTL_IMM;
                        default -> BinaryImmOp.ROTR_IMM;
                    };
                    // the amount is taken modulo the width; any representation of the constant agrees mod 64
                    return imm(x, op, x.a(), kb);
                }
            }
            default -> { }
        }
        return Optional.empty();
    }

    private static Optional<Inst> imm(Inst.Binary x, BinaryImmOp op, Value a, long k) {
        return Optional.of(new Inst.BinaryImm(op, x.result(), x.type(), a, k));
    }

    private static Optional<Inst> icmp(Inst.Icmp x, Map<Value, Long> consts, Function<Value, Type> types) {
        Type t = types.apply(x.a());
        Long kb = consts.get(x.b()), ka = consts.get(x.a());
        if (kb != null && cmpCheap(t, x.cc(), kb)) return Optional.of(new Inst.IcmpImm(x.cc(), x.result(), x.a(), kb, x.suffix()));
        IntCC sw = swapped(x.cc());
        if (ka != null && cmpCheap(t, sw, ka)) return Optional.of(new Inst.IcmpImm(sw, x.result(), x.b(), ka, x.suffix()));
        return Optional.empty();
    }

    /** The condition with its operands exchanged ({@code a < b} ⇔ {@code b > a}). */
    static IntCC swapped(IntCC cc) {
        return switch (cc) {
            case EQ, NE -> cc;
            case SLT -> IntCC.SGT;
            case SGT -> IntCC.SLT;
            case SLE -> IntCC.SGE;
            case SGE -> IntCC.SLE;
            case ULT -> IntCC.UGT;
            case UGT -> IntCC.ULT;
            case ULE -> IntCC.UGE;
            case UGE -> IntCC.ULE;
        };
    }

    static boolean cmpCheap(Type t, IntCC cc, long k) {
        return Seq.cmpImmEncodable(Seq.cmpConst(k, t, Seq.signed(cc)));
    }

    /** The add constant as the lowering sees it: sign-extended from the type's width. */
    static long addConst(Type t, long k) {
        return t == Type.I64 ? k : t.sext(k);
    }

    /** {@code add}/{@code sub} of {@code k} in at most two immediate instructions, never worse than materializing. */
    static boolean addCheap(Type t, long k) {
        long v = addConst(t, k);
        if (Imm12.tryFrom(v).isPresent() || (v != Long.MIN_VALUE && Imm12.tryFrom(-v).isPresent())) return true;
        return splitAdd(t, v);
    }

    /**
     * Whether {@code v} (or {@code -v}) splits into {@code #hi, lsl #12} plus {@code #lo} and that is
     * shorter than materializing it and adding the register.
     */
    static boolean splitAdd(Type t, long v) {
        if (v == Long.MIN_VALUE) return false;
        long m = Math.abs(v);
        if (m >= 1L << 24) return false;
        return A64Imm.materialize(Gpr.x(0), v, Seq.sz(t)).size() >= 2;
    }

    /** A logic immediate that encodes (some extension of its low bits) or is all zeros or all ones. */
    static boolean logicCheap(Type t, long k) {
        long z = t.zext(k);
        return z == 0 || z == t.zext(-1L) || logicImm(t, k).isPresent();
    }

    /**
     * An encodable logical immediate agreeing with {@code k} on the type's low bits (the bits above a
     * narrow type's width are unspecified, so its zero-extension, sign-extension or replication all do).
     */
    static Optional<ImmLogic> logicImm(Type t, long k) {
        if (t == Type.I64) return ImmLogic.tryFrom(k, 64);
        int w = t.bits();
        long z = t.zext(k);
        Optional<ImmLogic> li = ImmLogic.tryFrom(z, 32);
        if (li.isEmpty()) li = ImmLogic.tryFrom(t.sext(k), 32);
        if (li.isEmpty() && w < 32) {
            long rep = z;
            for (int s = w; s < 32; s *= 2) rep |= rep << s;
            li = ImmLogic.tryFrom(rep, 32);
        }
        return li;
    }
}
