package dev.a64w.oracle.llvm;

import static dev.a64w.oracle.llvm.FnBuilder.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs LLVM's code for translated single-instruction functions on the emulator (O0 and O2) and
 * compares with CLIF's semantics computed here with BigInteger: wrapping, shift amounts modulo
 * the width, division traps with the right immediates, i8 flags. Narrow arguments arrive with
 * garbage in the upper register bits (the ABI leaves them undefined); narrow results are compared
 * in their width only. Inputs: edge values plus a seeded random sample (seed printed on failure).
 */
@Epic("oracle-llvm")
@Feature("ir-to-llvm")
class IrToLlvmSemanticsTest extends LeafCodegenTest {
    static final long SEED = 0xA64_5EEDL;

    static List<long[]> inputs(Type t) {
        long min = t.sext(1L << (t.bits() - 1));
        long[] edges = {0, 1, 2, 3, -1, -2, min, min + 1, t.sext(t.mask() >>> 1), 7, t.bits() - 1, t.bits(),
                t.bits() + 1, 65, 0x55, t.sext(0x8000_0001L)};
        List<long[]> out = new ArrayList<>();
        for (long a : edges) {
            for (long b : new long[] {0, 1, -1, 3, t.bits() + 3, min}) {
                out.add(new long[] {t.sext(a), t.sext(b)});
            }
        }
        SplittableRandom r = new SplittableRandom(SEED + t.bits());
        for (int i = 0; i < 40; i++) {
            out.add(new long[] {t.sext(r.nextLong()), t.sext(r.nextLong() >> r.nextInt(64))});
        }
        return out;
    }

    /** Builds {@code %f(T, T) -> rets} with {@code body}, runs it at both levels on every input. */
    void check(String what, Type t, List<Type> rets, Function<FnBuilder, List<Value>> body,
            java.util.function.BiFunction<Long, Long, LeafRunner.Outcome> expect) {
        FnBuilder b = new FnBuilder("f", sig(List.of(t, t), rets));
        b.block(0, t, t);
        b.end(new Terminator.Return(body.apply(b)));
        String ir = translator.translate(Module.of(List.of(b.build())));
        SplittableRandom garbage = new SplittableRandom(SEED);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(ir, level);
            assertEquals(List.of(), r.errors(), what + " " + level);
            long entry = runner.load(r.object());
            for (long[] in : inputs(t)) {
                long high = t == Type.I64 ? 0 : garbage.nextLong() & ~t.mask();
                LeafRunner.Outcome got = runner.call(entry, t.zext(in[0]) | high, t.zext(in[1]) | high);
                LeafRunner.Outcome want = expect.apply(in[0], in[1]);
                if (got instanceof LeafRunner.Outcome.Returned g && want instanceof LeafRunner.Outcome.Returned w) {
                    got = new LeafRunner.Outcome.Returned(rets.get(0).zext(g.x0()),
                            rets.size() > 1 ? rets.get(1).zext(g.x1()) : 0);
                    want = new LeafRunner.Outcome.Returned(rets.get(0).zext(w.x0()),
                            rets.size() > 1 ? rets.get(1).zext(w.x1()) : 0);
                }
                assertEquals(want, got, what + "." + t + " " + level + " (0x" + Long.toHexString(in[0]) + ", 0x"
                        + Long.toHexString(in[1]) + "), seed 0x" + Long.toHexString(SEED) + "\n" + ir);
            }
        }
    }

    static LeafRunner.Outcome ret(long v) {
        return new LeafRunner.Outcome.Returned(v, 0);
    }

    static LeafRunner.Outcome trap(int imm) {
        return new LeafRunner.Outcome.Trapped(imm);
    }

    static BigInteger s(Type t, long v) {
        return BigInteger.valueOf(t.sext(v));
    }

    static BigInteger u(Type t, long v) {
        return new BigInteger(Long.toUnsignedString(t.zext(v)));
    }

    static LeafRunner.Outcome binaryRef(BinaryOp op, Type t, long a, long b) {
        int n = t.bits();
        int amt = (int) (b & (n - 1));
        long za = t.zext(a);
        return switch (op) {
            case IADD -> ret(a + b);
            case ISUB -> ret(a - b);
            case IMUL -> ret(a * b);
            case UMULHI -> ret(u(t, a).multiply(u(t, b)).shiftRight(n).longValue());
            case SMULHI -> ret(s(t, a).multiply(s(t, b)).shiftRight(n).longValue());
            case UDIV -> t.zext(b) == 0 ? trap(0xF004) : ret(u(t, a).divide(u(t, b)).longValue());
            case UREM -> t.zext(b) == 0 ? trap(0xF004) : ret(u(t, a).remainder(u(t, b)).longValue());
            case SDIV -> t.zext(b) == 0 ? trap(0xF004)
                    : t.sext(b) == -1 && t.sext(a) == t.sext(1L << (n - 1)) ? trap(0xC002)
                    : ret(s(t, a).divide(s(t, b)).longValue());
            case SREM -> t.zext(b) == 0 ? trap(0xF004) : ret(s(t, a).remainder(s(t, b)).longValue());
            case BAND -> ret(a & b);
            case BOR -> ret(a | b);
            case BXOR -> ret(a ^ b);
            case BAND_NOT -> ret(a & ~b);
            case BOR_NOT -> ret(a | ~b);
            case BXOR_NOT -> ret(a ^ ~b);
            case ISHL -> ret(a << amt);
            case USHR -> ret(za >>> amt);
            case SSHR -> ret(t.sext(a) >> amt);
            case ROTL -> ret(amt == 0 ? za : (za << amt) | (za >>> (n - amt)));
            case ROTR -> ret(amt == 0 ? za : (za >>> amt) | (za << (n - amt)));
            case SMIN -> ret(Math.min(t.sext(a), t.sext(b)));
            case SMAX -> ret(Math.max(t.sext(a), t.sext(b)));
            case UMIN -> ret(Long.compareUnsigned(za, t.zext(b)) <= 0 ? za : t.zext(b));
            case UMAX -> ret(Long.compareUnsigned(za, t.zext(b)) >= 0 ? za : t.zext(b));
        };
    }

    static long unaryRef(UnaryOp op, Type t, long a) {
        int n = t.bits();
        long za = t.zext(a);
        return switch (op) {
            case INEG -> -a;
            case IABS -> Math.abs(t.sext(a));
            case BNOT -> ~a;
            case CLZ -> Long.numberOfLeadingZeros(za) - (64 - n);
            case CTZ -> za == 0 ? n : Long.numberOfTrailingZeros(za);
            case CLS -> Long.numberOfLeadingZeros(t.zext(t.sext(a) ^ (t.sext(a) >> 1))) - (64 - n) - 1;
            case POPCNT -> Long.bitCount(za);
            case BSWAP -> n == 8 ? za : Long.reverseBytes(za) >>> (64 - n);
            case BITREV -> Long.reverse(za) >>> (64 - n);
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    static LeafRunner.Outcome overflowRef(OverflowOp op, Type t, long a, long b) {
        BigInteger exact = switch (op) {
            case UADD -> u(t, a).add(u(t, b));
            case SADD -> s(t, a).add(s(t, b));
            case USUB -> u(t, a).subtract(u(t, b));
            case SSUB -> s(t, a).subtract(s(t, b));
            case UMUL -> u(t, a).multiply(u(t, b));
            case SMUL -> s(t, a).multiply(s(t, b));
        };
        boolean signed = op == OverflowOp.SADD || op == OverflowOp.SSUB || op == OverflowOp.SMUL;
        BigInteger wrapped = signed ? s(t, exact.longValue()) : u(t, exact.longValue());
        return new LeafRunner.Outcome.Returned(exact.longValue(), wrapped.equals(exact) ? 0 : 1);
    }

    static LeafRunner.Outcome carryRef(dev.a64w.ir.Opcodes.CarryOp op, Type t, long a, long b, long carry) {
        BigInteger x = op.signed ? s(t, a) : u(t, a);
        BigInteger y = op.signed ? s(t, b) : u(t, b);
        BigInteger c = (carry & 0xff) != 0 ? BigInteger.ONE : BigInteger.ZERO;
        BigInteger exact = op.sub ? x.subtract(y).subtract(c) : x.add(y).add(c);
        BigInteger wrapped = op.signed ? s(t, exact.longValue()) : u(t, exact.longValue());
        return new LeafRunner.Outcome.Returned(exact.longValue(), wrapped.equals(exact) ? 0 : 1);
    }

    @Test
    void binaryOperationsMatchClifSemantics() {
        for (Type t : Type.values()) {
            if (t.isFloat()) continue; // integers here; floats: IrToLlvmFloatSemanticsTest
            for (BinaryOp op : BinaryOp.values()) {
                check(op.clif, t, List.of(t), b -> List.of(b.binary(op, t, new Value(0), new Value(1))),
                        (x, y) -> binaryRef(op, t, x, y));
            }
        }
    }

    @Test
    void unaryOperationsMatchClifSemantics() {
        for (Type t : Type.values()) {
            if (t.isFloat()) continue; // integers here; floats: IrToLlvmFloatSemanticsTest
            for (UnaryOp op : UnaryOp.values()) {
                if (!op.changesType()) {
                    check(op.clif, t, List.of(t), b -> List.of(b.unary(op, t, new Value(0))),
                            (x, y) -> ret(unaryRef(op, t, x)));
                }
            }
            check("bmask", t, List.of(Type.I64), b -> List.of(b.unary(UnaryOp.BMASK, Type.I64, new Value(0))),
                    (x, y) -> ret(t.zext(x) == 0 ? 0 : -1));
            check("sextend", t, List.of(Type.I64), b -> List.of(t == Type.I64 ? new Value(0)
                    : b.unary(UnaryOp.SEXTEND, Type.I64, new Value(0))), (x, y) -> ret(t.sext(x)));
            check("uextend", t, List.of(Type.I64), b -> List.of(t == Type.I64 ? new Value(0)
                    : b.unary(UnaryOp.UEXTEND, Type.I64, new Value(0))), (x, y) -> ret(t.zext(x)));
        }
    }

    @Test
    void comparisonsAndOverflowFlagsAreI8ZeroOrOne() {
        for (Type t : Type.values()) {
            if (t.isFloat()) continue; // integers here; floats: IrToLlvmFloatSemanticsTest
            for (IntCC cc : IntCC.values()) {
                check("icmp " + cc, t, List.of(Type.I8),
                        b -> List.of(b.add(new Inst.Icmp(cc, b.fresh(), new Value(0), new Value(1)))),
                        (x, y) -> ret(cc.test(t, x, y) ? 1 : 0));
            }
            for (OverflowOp op : OverflowOp.values()) {
                check(op.clif, t, List.of(t, Type.I8), b -> {
                    Value r = b.fresh();
                    Value of = b.fresh();
                    b.add(new Inst.Overflow(op, r, of, t, new Value(0), new Value(1)));
                    return List.of(r, of);
                }, (x, y) -> overflowRef(op, t, x, y));
            }
            for (dev.a64w.ir.Opcodes.CarryOp op : dev.a64w.ir.Opcodes.CarryOp.values()) {
                for (long carry : new long[] {0, 1, 0x80}) {
                    check(op.clif + " carry " + carry, t, List.of(t, Type.I8), b -> {
                        Value c = b.iconst(Type.I8, carry);
                        Value r = b.fresh();
                        Value of = b.fresh();
                        b.add(new Inst.OverflowCarry(op, r, of, t, new Value(0), new Value(1), c));
                        return List.of(r, of);
                    }, (x, y) -> carryRef(op, t, x, y, carry));
                }
            }
            long pattern = 0x5a5a_5a5a_5a5a_5a5aL;
            check("bitselect", t, List.of(t), b -> List.of(b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.BITSELECT,
                    b.fresh(), t, new Value(0), new Value(1), b.iconst(t, t.sext(pattern))))), (x, y) -> ret((x & y) | (~x & pattern)));
            check("select_spectre_guard", t, List.of(t), b -> List.of(b.add(new Inst.Select(
                    dev.a64w.ir.Opcodes.SelectOp.SELECT_SPECTRE_GUARD, b.fresh(), t, new Value(0), new Value(1),
                    new Value(0)))), (x, y) -> ret(t.zext(x) != 0 ? y : x));
            check("select", t, List.of(t), b -> List.of(b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, b.fresh(), t, new Value(0), new Value(1),
                    new Value(0)))), (x, y) -> ret(t.zext(x) != 0 ? y : x));
        }
    }
}
