package dev.a64w.ir.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.CarryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge values for every opcode at every width, checked against BigInteger reference arithmetic. */
@Epic("subject")
@Feature("ir.interp")
class EvalTest {
    private static long min(Type t) {
        return t.sext(1L << (t.bits() - 1));
    }

    private static long[] edges(Type t) {
        long m = min(t);
        return new long[] {0, 1, -1, 2, m, m + 1, t.sext(m - 1), 0x55, t.sext(0x5a5a_5a5a_5a5a_5a5aL), t.bits() - 1, t.bits(), 3};
    }

    private static BigInteger u(Type t, long v) {
        return new BigInteger(Long.toUnsignedString(t.zext(v)));
    }

    private static BigInteger s(Type t, long v) {
        return BigInteger.valueOf(t.sext(v));
    }

    private static long wrap(Type t, BigInteger v) {
        return t.sext(v.longValue());
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I8", "I16", "I32", "I64"})
    void binaryOpsMatchReference(Type t) {
        int w = t.bits();
        for (long a : edges(t)) {
            for (long b : edges(t)) {
                assertEquals(wrap(t, s(t, a).add(s(t, b))), Eval.binary(BinaryOp.IADD, t, a, b));
                assertEquals(wrap(t, s(t, a).subtract(s(t, b))), Eval.binary(BinaryOp.ISUB, t, a, b));
                assertEquals(wrap(t, s(t, a).multiply(s(t, b))), Eval.binary(BinaryOp.IMUL, t, a, b));
                assertEquals(wrap(t, u(t, a).multiply(u(t, b)).shiftRight(w)), Eval.binary(BinaryOp.UMULHI, t, a, b), "umulhi");
                assertEquals(wrap(t, s(t, a).multiply(s(t, b)).shiftRight(w)), Eval.binary(BinaryOp.SMULHI, t, a, b), "smulhi");
                int amt = (int) (b & (w - 1));
                assertEquals(wrap(t, s(t, a).shiftLeft(amt)), Eval.binary(BinaryOp.ISHL, t, a, b));
                assertEquals(wrap(t, u(t, a).shiftRight(amt)), Eval.binary(BinaryOp.USHR, t, a, b));
                assertEquals(wrap(t, s(t, a).shiftRight(amt)), Eval.binary(BinaryOp.SSHR, t, a, b));
                BigInteger rotl = u(t, a).shiftLeft(amt).or(u(t, a).shiftRight((w - amt) % w == 0 ? w : w - amt));
                assertEquals(wrap(t, rotl), Eval.binary(BinaryOp.ROTL, t, a, b), "rotl " + a + " " + b);
                assertEquals(Eval.binary(BinaryOp.ROTL, t, a, -b), Eval.binary(BinaryOp.ROTR, t, a, b), "rotr = rotl by -n");
                assertEquals(t.sext(Math.min(t.sext(a), t.sext(b))), Eval.binary(BinaryOp.SMIN, t, a, b));
                assertEquals(wrap(t, u(t, a).max(u(t, b))), Eval.binary(BinaryOp.UMAX, t, a, b));
                assertEquals(wrap(t, u(t, a).min(u(t, b))), Eval.binary(BinaryOp.UMIN, t, a, b));
                assertEquals(t.sext(a & ~b), Eval.binary(BinaryOp.BAND_NOT, t, a, b));
                assertEquals(t.sext(a | ~b), Eval.binary(BinaryOp.BOR_NOT, t, a, b));
                assertEquals(t.sext(a ^ ~b), Eval.binary(BinaryOp.BXOR_NOT, t, a, b));
                if (t.zext(b) == 0) {
                    for (BinaryOp op : new BinaryOp[] {BinaryOp.UDIV, BinaryOp.SDIV, BinaryOp.UREM, BinaryOp.SREM}) {
                        TrapSignal e = assertThrows(TrapSignal.class, () -> Eval.binary(op, t, a, b));
                        assertEquals(TrapCode.INT_DIVZ, e.code);
                    }
                    continue;
                }
                assertEquals(wrap(t, u(t, a).divide(u(t, b))), Eval.binary(BinaryOp.UDIV, t, a, b));
                assertEquals(wrap(t, u(t, a).remainder(u(t, b))), Eval.binary(BinaryOp.UREM, t, a, b));
                assertEquals(wrap(t, s(t, a).remainder(s(t, b))), Eval.binary(BinaryOp.SREM, t, a, b), "srem");
                if (t.sext(a) == min(t) && t.sext(b) == -1) {
                    TrapSignal e = assertThrows(TrapSignal.class, () -> Eval.binary(BinaryOp.SDIV, t, a, b));
                    assertEquals(TrapCode.INT_OVF, e.code);
                } else {
                    assertEquals(wrap(t, s(t, a).divide(s(t, b))), Eval.binary(BinaryOp.SDIV, t, a, b), "sdiv");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I8", "I16", "I32", "I64"})
    void overflowOpsMatchReference(Type t) {
        BigInteger smin = BigInteger.valueOf(min(t)), smax = BigInteger.valueOf(-min(t) - 1);
        BigInteger umax = BigInteger.ONE.shiftLeft(t.bits()).subtract(BigInteger.ONE);
        for (long a : edges(t)) {
            for (long b : edges(t)) {
                BigInteger[] exact = {u(t, a).add(u(t, b)), s(t, a).add(s(t, b)), u(t, a).subtract(u(t, b)),
                    s(t, a).subtract(s(t, b)), u(t, a).multiply(u(t, b)), s(t, a).multiply(s(t, b))};
                OverflowOp[] ops = {OverflowOp.UADD, OverflowOp.SADD, OverflowOp.USUB, OverflowOp.SSUB, OverflowOp.UMUL, OverflowOp.SMUL};
                for (int k = 0; k < ops.length; k++) {
                    boolean unsigned = k % 2 == 0;
                    BigInteger e = exact[k];
                    boolean of = unsigned ? e.signum() < 0 || e.compareTo(umax) > 0 : e.compareTo(smin) < 0 || e.compareTo(smax) > 0;
                    assertArrayEquals(new long[] {wrap(t, e), of ? 1 : 0}, Eval.overflow(ops[k], t, a, b), ops[k] + " " + a + " " + b);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = {"I8", "I16", "I32", "I64"})
    void unaryOpsAtEdges(Type t) {
        int w = t.bits();
        long m = min(t);
        assertEquals(m, Eval.unary(UnaryOp.IABS, t, t, m), "iabs INT_MIN wraps");
        assertEquals(1, Eval.unary(UnaryOp.IABS, t, t, -1));
        assertEquals(m, Eval.unary(UnaryOp.INEG, t, t, m));
        assertEquals(w, Eval.unary(UnaryOp.CLZ, t, t, 0));
        assertEquals(0, Eval.unary(UnaryOp.CLZ, t, t, -1));
        assertEquals(w - 1, Eval.unary(UnaryOp.CLZ, t, t, 1));
        assertEquals(w, Eval.unary(UnaryOp.CTZ, t, t, 0));
        assertEquals(w - 1, Eval.unary(UnaryOp.CTZ, t, t, m));
        assertEquals(w - 1, Eval.unary(UnaryOp.CLS, t, t, 0));
        assertEquals(w - 1, Eval.unary(UnaryOp.CLS, t, t, -1));
        assertEquals(w - 2, Eval.unary(UnaryOp.CLS, t, t, 1));
        assertEquals(0, Eval.unary(UnaryOp.CLS, t, t, m));
        assertEquals(w, Eval.unary(UnaryOp.POPCNT, t, t, -1));
        assertEquals(m, Eval.unary(UnaryOp.BITREV, t, t, 1));
        assertEquals(-1, Eval.unary(UnaryOp.BMASK, Type.I8, t, m));
        assertEquals(0, Eval.unary(UnaryOp.BMASK, Type.I64, t, 0));
        assertEquals(0, Eval.unary(UnaryOp.BNOT, t, t, -1));
        if (w > 8) assertEquals(t.sext(0x80L), Eval.unary(UnaryOp.BSWAP, t, t, t.sext(1L << (w - 1))), "bswap");
        if (w < 64) {
            Type wide = Type.I64;
            assertEquals(t.zext(-1), Eval.unary(UnaryOp.UEXTEND, wide, t, -1));
            assertEquals(-1, Eval.unary(UnaryOp.SEXTEND, wide, t, t.zext(-1)));
            assertEquals(t.sext(0x1234_5678_9abc_def0L), Eval.unary(UnaryOp.IREDUCE, t, wide, 0x1234_5678_9abc_def0L));
        }
    }

    @Test
    void uaddOverflowTrapUsesItsCode() {
        TrapSignal e = assertThrows(TrapSignal.class, () -> Eval.uaddTrap(Type.I32, -1, 1, TrapCode.user(7)));
        assertEquals(TrapCode.user(7), e.code);
        assertEquals(-1, Eval.uaddTrap(Type.I32, -2, 1, TrapCode.user(7)));
    }

    @Test
    void carryInCountsAnyNonZeroByteAsOne() {
        // 0x100 is zero as an i8: no carry
        assertArrayEquals(new long[] {2, 0}, Eval.carry(CarryOp.UADD_CIN, Type.I8, 1, 1, 0x100));
        assertArrayEquals(new long[] {3, 0}, Eval.carry(CarryOp.UADD_CIN, Type.I8, 1, 1, 10));
        assertArrayEquals(new long[] {0, 1}, Eval.carry(CarryOp.UADD_CIN, Type.I8, 0xff, 0, 1));
        assertArrayEquals(new long[] {-1, 1}, Eval.carry(CarryOp.USUB_BIN, Type.I64, 0, 0, -1));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 1}, Eval.carry(CarryOp.SADD_CIN, Type.I64, Long.MAX_VALUE, 0, 1));
        // the second step brings an overflowed difference back into range: no overflow
        assertArrayEquals(new long[] {Long.MIN_VALUE, 0}, Eval.carry(CarryOp.SADD_CIN, Type.I64, Long.MIN_VALUE, -1, 1));
        assertArrayEquals(new long[] {127, 1}, Eval.carry(CarryOp.SSUB_BIN, Type.I8, -120, 8, 10));
        assertArrayEquals(new long[] {-128, 0}, Eval.carry(CarryOp.SSUB_BIN, Type.I8, -120, 8, 0));
    }

    @Test
    void bitselectAndBitcast() {
        assertEquals(0x2d, Eval.bitselect(Type.I8, 0xf0, 32, 13));
        assertEquals(-86, Eval.bitselect(Type.I8, 0x55, 0, 0xff));
        assertEquals(-1, Eval.unary(UnaryOp.BITCAST, Type.I16, Type.I16, 0xffff));
    }
}
