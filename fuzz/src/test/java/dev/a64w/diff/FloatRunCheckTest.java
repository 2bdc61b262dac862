package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Type;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.LlvmMc;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls for the Run check's float policy (bitwise after NaN canonicalization):
 * hand-written listings stand in for a float backend. A zero of the wrong sign and an ordered
 * condition compiled as an unordered one are flagged; a NaN with another payload is not; a NaN
 * against a number is.
 */
@Epic("fuzz")
@Feature("run check")
class FloatRunCheckTest {
    static LlvmMc mc;

    @BeforeAll
    static void start() {
        mc = new LlvmMc();
    }

    @AfterAll
    static void stop() {
        mc.close();
    }

    static final String IR = """
            function %mul(f64, f64) -> f64 {
            block0(v0: f64, v1: f64):
                v2 = fmul v0, v1
                return v2
            }

            function %lt(f64, f64) -> i8 {
            block0(v0: f64, v1: f64):
                v2 = fcmp lt v0, v1
                return v2
            }

            function %add(f64, f64) -> f64 {
            block0(v0: f64, v1: f64):
                v2 = fadd v0, v1
                return v2
            }
            """;

    static final long MINUS_ONE = Double.doubleToRawLongBits(-1.0);
    static final long ONE = Double.doubleToRawLongBits(1.0);
    static final long SNAN = 0x7ff4_0000_0000_0abcL;
    static final long QNAN = 0x7ff8_0000_0000_0000L;

    static Verdict check(String mul, String lt, String add, List<Invocation> invs) throws Exception {
        String listing = ".text\n" + fn("mul", mul) + fn("lt", lt) + fn("add", add);
        return RunCheckTest.verdict(mc, Parser.parse(IR), listing, List.of("mul", "lt", "add"), invs);
    }

    static String fn(String name, String body) {
        return ".globl " + name + "\n.p2align 2\n" + name + ":\n" + body + "\n";
    }

    static final String MUL = "fmul d0, d0, d1\nret";
    static final String LT = "fcmp d0, d1\ncset w0, mi\nret"; // lt is ordered: false on NaN
    static final String ADD = "fadd d0, d0, d1\nret";

    /** 0 * -1 = -0; NaN < 1 is false (ordered); sNaN + 1 is the quieted sNaN. */
    static final List<Invocation> INVS = List.of(new Invocation("mul", List.of(0L, MINUS_ONE)),
            new Invocation("lt", List.of(QNAN, ONE)), new Invocation("lt", List.of(ONE, Double.doubleToRawLongBits(2.0))),
            new Invocation("add", List.of(SNAN, ONE)));

    @Test
    void agreeingFloatCodePasses() throws Exception {
        assertEquals(Verdict.PASS, check(MUL, LT, ADD, INVS));
    }

    @Test
    void aZeroWithTheWrongSignIsFlagged() throws Exception {
        Verdict v = check("fmul d0, d0, d1\nfabs d0, d0\nret", LT, ADD, INVS);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v);
        assertEquals(Check.RUN, m.check());
        assertTrue(m.detail().contains("result 0 (f64) differs: subject 0x0, interpreter 0x8000000000000000 (the sign of a zero differs)"),
                m.detail());
    }

    @Test
    void anUnorderedConditionForAnOrderedOneIsFlagged() throws Exception {
        // cset lt is N != V, true when fcmp reports unordered (nzcv = 0011): that is ult, not lt
        Verdict v = check(MUL, "fcmp d0, d1\ncset w0, lt\nret", ADD, INVS);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v);
        assertTrue(m.detail().startsWith("lt: result 0 (i8) differs: subject 0x1, interpreter 0x0"), m.detail());
    }

    @Test
    void aNanWithAnotherPayloadIsNotAFinding() throws Exception {
        // the default NaN instead of the quieted sNaN 0x7ffc000000000abc: a payload difference only
        assertEquals(Verdict.PASS, check(MUL, LT, "movz x0, #0x7ff8, lsl #48\nfmov d0, x0\nret", INVS));
        // and a negative NaN too
        assertEquals(Verdict.PASS, check(MUL, LT, "movz x0, #0xfff8, lsl #48\nmovk x0, #1\nfmov d0, x0\nret", INVS));
    }

    @Test
    void aNumberForANanIsFlagged() throws Exception {
        Verdict v = check(MUL, LT, "fmov d0, #1.0\nret", INVS);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v);
        assertTrue(m.detail().contains("a number where the interpreter has NaN"), m.detail());
    }

    @Test
    void canonicalizationMergesNansOnly() {
        assertEquals(ValueClass.comparable(Type.F32, 0x7fc00000L), ValueClass.comparable(Type.F32, 0xffa00001L));
        assertEquals(ValueClass.comparable(Type.F64, QNAN), ValueClass.comparable(Type.F64, SNAN));
        assertNotEquals(ValueClass.comparable(Type.F32, 0x80000000L), ValueClass.comparable(Type.F32, 0L));
        assertNotEquals(ValueClass.comparable(Type.F32, 0x7f800000L), ValueClass.comparable(Type.F32, 0x7fc00000L)); // Inf is no NaN
        assertNotEquals(ValueClass.comparable(Type.F64, 0x7ff0000000000000L), ValueClass.comparable(Type.F64, QNAN));
        assertEquals(0xffL, ValueClass.comparable(Type.I8, -1L)); // integers: truncated only
        assertEquals("the sign of a zero differs", ValueShape.of(Type.F32, 0x80000000L, 0L));
    }
}
