package dev.a64w.fuzz.coverage;

import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.SelectOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which classes of operand values matter, per (opcode, type) pair the backend compiles (every data
 * instruction of the integer level on i8, i16, i32 and i64). An entry names a position and a class
 * ({@code y.negative}), a class in any position ({@code min}), or a joint class ({@code equal},
 * {@code min/-1}); see {@link OperandCoverage#count}. Why these:
 * <ul>
 * <li>negative operands everywhere: narrow values live in 32- or 64-bit registers, so a lowering that
 * zero-extends where it must sign-extend (or the reverse) shows only with the sign bit set;</li>
 * <li>MIN and MAX for add, sub, mul, overflow and carry forms, negation and abs: the overflow edges;</li>
 * <li>signed division and remainder: negative dividend and divisor, MIN dividend, a -1 divisor, and
 * (srem) MIN by -1, which is 0 and must not trap;</li>
 * <li>unsigned division: the top bit set in both operands, the all-ones dividend, a divisor of one;</li>
 * <li>shifts and rotates: an amount of zero and one at or above the width (CLIF masks it);</li>
 * <li>compares and min/max: equal operands, MIN and MAX (signed against unsigned conditions);</li>
 * <li>bit counts: zero and all ones; extends, reduces, bitcasts: negative; bmask: zero; select: a zero condition;
 * carry forms: carry in zero and one.</li>
 * </ul>
 */
public final class CoverageGoals {
    private static final List<Type> TYPES = List.of(Type.I8, Type.I16, Type.I32, Type.I64);

    private final Map<String, List<String>> goals;

    private CoverageGoals(Map<String, List<String>> goals) {
        this.goals = Collections.unmodifiableMap(goals);
    }

    /** The goals of the integer level. */
    public static CoverageGoals integer() {
        Map<String, List<String>> g = new TreeMap<>();
        for (Type t : TYPES) {
            for (BinaryOp op : BinaryOp.values()) g.put(op.clif + "." + t, binary(op));
            for (BinaryImmOp op : BinaryImmOp.values()) g.put(op.clif + "." + t, binaryImm(op));
            for (UnaryOp op : List.of(UnaryOp.INEG, UnaryOp.IABS, UnaryOp.BNOT, UnaryOp.CLZ, UnaryOp.CTZ, UnaryOp.CLS,
                    UnaryOp.POPCNT, UnaryOp.BSWAP, UnaryOp.BITREV, UnaryOp.BITCAST)) {
                if (op == UnaryOp.BSWAP && t == Type.I8) continue;
                g.put(op.clif + "." + t, unary(op));
            }
            for (Type to : TYPES) {
                if (to.bits() > t.bits()) {
                    g.put("sextend." + t + ">" + to, List.of("x.negative"));
                    g.put("uextend." + t + ">" + to, List.of("x.negative"));
                } else if (to.bits() < t.bits()) {
                    g.put("ireduce." + t + ">" + to, List.of("x.negative"));
                }
                g.put("bmask." + t + ">" + to, List.of("x.zero", "x.negative"));
            }
            g.put("icmp." + t, List.of("x.negative", "y.negative", "equal", "min", "max"));
            g.put("icmp_imm." + t, List.of("x.negative", "y.negative", "equal", "min", "max"));
            g.put(SelectOp.SELECT.clif + "." + t, List.of("x.zero", "y.negative", "z.negative"));
            g.put(SelectOp.SELECT_SPECTRE_GUARD.clif + "." + t, List.of("x.zero", "y.negative", "z.negative"));
            g.put(SelectOp.BITSELECT.clif + "." + t, List.of("x.zero", "x.negative", "y.negative", "z.negative"));
            for (OverflowOp op : OverflowOp.values()) g.put(op.clif + "." + t, List.of("x.negative", "y.negative", "min", "max"));
            for (CarryOp op : CarryOp.values()) {
                g.put(op.clif + "." + t, List.of("x.negative", "y.negative", "min", "max", "z.zero", "z.one"));
            }
        }
        for (Type t : List.of(Type.I32, Type.I64)) g.put("uadd_overflow_trap." + t, List.of("x.zero", "max"));
        return new CoverageGoals(g);
    }

    private static List<String> binary(BinaryOp op) {
        return switch (op) {
            case IADD, ISUB, IMUL, UMULHI, SMULHI -> List.of("x.negative", "y.negative", "min", "max");
            case SDIV -> List.of("x.negative", "y.negative", "x.min", "y.minus-one");
            case SREM -> List.of("x.negative", "y.negative", "x.min", "y.minus-one", "min/-1");
            case UDIV, UREM -> List.of("x.negative", "y.negative", "x.minus-one", "y.one");
            case BAND, BOR, BXOR, BAND_NOT, BOR_NOT, BXOR_NOT -> List.of("x.negative", "y.negative");
            case ISHL, USHR, SSHR, ROTL, ROTR -> List.of("x.negative", "y.zero", "y.wide");
            case SMIN, SMAX, UMIN, UMAX -> List.of("x.negative", "y.negative", "equal", "min", "max");
        };
    }

    private static List<String> binaryImm(BinaryImmOp op) {
        return switch (op) {
            case IADD_IMM, IMUL_IMM, IRSUB_IMM -> List.of("x.negative", "y.negative", "min", "max");
            case SDIV_IMM, SREM_IMM -> List.of("x.negative", "y.negative", "x.min");
            case UDIV_IMM, UREM_IMM -> List.of("x.negative", "y.negative");
            case BAND_IMM, BOR_IMM, BXOR_IMM -> List.of("x.negative", "y.negative");
            case ISHL_IMM, USHR_IMM, SSHR_IMM, ROTL_IMM, ROTR_IMM -> List.of("x.negative", "y.wide");
        };
    }

    private static List<String> unary(UnaryOp op) {
        return switch (op) {
            case INEG, IABS -> List.of("x.negative", "x.zero", "x.min");
            case CLZ, CTZ, CLS, POPCNT, BITREV -> List.of("x.negative", "x.zero", "x.minus-one");
            default -> List.of("x.negative", "x.zero");
        };
    }

    /** The pairs with goals, sorted. */
    public Set<String> pairs() {
        return goals.keySet();
    }

    /** The classes that matter for {@code pair} (empty if it has no goals). */
    public List<String> of(String pair) {
        return goals.getOrDefault(pair, List.of());
    }

    /** Per pair with goals, the classes that matter and never reached it ({@code not executed} if it never ran), sorted. */
    public Map<String, List<String>> missing(OperandCoverage coverage) {
        Map<String, List<String>> out = new TreeMap<>();
        goals.forEach((pair, want) -> {
            if (coverage.executed(pair) == 0) {
                out.put(pair, List.of("not executed"));
                return;
            }
            List<String> lack = new ArrayList<>();
            for (String w : want) if (coverage.count(pair, w) == 0) lack.add(w);
            if (!lack.isEmpty()) out.put(pair, List.copyOf(lack));
        });
        return out;
    }
}
