package dev.a64w.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scalar atomics (atomic_rmw, atomic_cas, atomic_load, atomic_store, fence): text, verifier, interpreter. */
@Epic("subject")
@Feature("ir.atomics")
class AtomicsTest {
    private static final String HEAD = "function %f(i64, i8, i16, i32, i64, f32) {\nblock0(v0: i64, v1: i8, v2: i16, v3: i32, v4: i64, v5: f32):\n";

    private static Module parse(String body) throws Exception {
        return Parser.parse(HEAD + body + "    return\n}\n");
    }

    @Test
    void everyFormRoundTripsWithItsFlags() throws Exception {
        StringBuilder body = new StringBuilder();
        int v = 10;
        for (AtomicRmwOp op : AtomicRmwOp.values()) {
            body.append("    v").append(v++).append(" = atomic_rmw.i16 little ").append(op.clif).append(" v0, v2\n");
        }
        body.append("""
                    v30 = atomic_rmw.i64 notrap aligned xchg v0, v4
                    v31 = atomic_cas.i8 v0, v1, v1
                    v32 = atomic_cas.i32 notrap aligned little v0, v3, v3
                    v33 = atomic_load.i64 aligned v0
                    v34 = atomic_load.i8 v0
                    atomic_store v3, v0
                    atomic_store notrap aligned v1, v0
                    fence
                """);
        Module m = parse(body.toString());
        assertEquals(List.of(), m.skipped());
        Module inferred = parse("    v10 = atomic_cas little v0, v1, v1\n    v11 = atomic_rmw add v0, v2\n");
        List<Inst> is = inferred.functions().getFirst().blocks().getFirst().insts();
        assertEquals(Type.I8, ((Inst.AtomicCas) is.get(0)).type(), "atomic_cas takes its type from the expected value");
        assertEquals(Type.I16, ((Inst.AtomicRmw) is.get(1)).type(), "atomic_rmw takes its type from the operand");
        String printed = Printer.print(m);
        Module again = Parser.parse(printed);
        assertEquals(m.functions(), again.functions(), printed);
        assertEquals(printed, Printer.print(again));
        List<Inst> insts = m.functions().getFirst().blocks().getFirst().insts();
        assertEquals(new Inst.AtomicRmw(AtomicRmwOp.XCHG, new Value(30), Type.I64, new MemFlags(List.of("notrap", "aligned")),
                new Value(0), new Value(4)), insts.get(AtomicRmwOp.values().length));
        assertTrue(printed.contains("v21 = atomic_rmw.i16 little xchg v0, v2")
                || printed.contains("atomic_rmw.i16 little smax v0, v2"), printed);
        assertTrue(printed.contains("atomic_store notrap aligned v1, v0"), printed);
        assertTrue(printed.contains("    fence\n"), printed);
        assertEquals(List.of(), Verifier.check(m));
    }

    @Test
    void aConfirmingStoreSuffixIsDroppedAndAContradictingOneKept() throws Exception {
        Module ok = parse("    atomic_store.i32 v3, v0\n");
        assertEquals(new Inst.AtomicStore(MemFlags.NONE, new Value(3), new Value(0)),
                ok.functions().getFirst().blocks().getFirst().insts().getFirst());
        Module bad = parse("    atomic_store.i64 v3, v0\n");
        assertTrue(Verifier.check(bad).toString().contains("i64"), Verifier.check(bad).toString());
    }

    @Test
    void i128AtomicsAreSkippedAsUnsupported() throws Exception {
        Module m = Parser.parse("""
                function %g(i64) -> i64 {
                block0(v0: i64):
                    v1 = atomic_load.i128 v0
                    v2 = ireduce.i64 v1
                    return v2
                }
                """);
        assertEquals(1, m.skipped().size());
        assertTrue(m.skipped().getFirst().feature().contains("i128"), m.skipped().toString());
    }

    @Test
    void badOperationAndSyntaxAreParseErrors() {
        ParseException e = assertThrows(ParseException.class, () -> parse("    v10 = atomic_rmw.i32 mul v0, v3\n"));
        assertTrue(e.getMessage().contains("atomic_rmw operation"), e.getMessage());
        assertThrows(ParseException.class, () -> parse("    v10 = atomic_load v0\n"));
        assertThrows(ParseException.class, () -> parse("    v10 = atomic_rmw.i32 notrap v0, v3\n"));
        assertThrows(ParseException.class, () -> parse("    fence.i32\n"));
        assertThrows(ParseException.class, () -> parse("    v10 = fence\n"));
        assertThrows(ParseException.class, () -> parse("    v10 = atomic_cas.i32 v0, v3\n"));
    }

    static Stream<Arguments> badAtomics() {
        return Stream.of(
                Arguments.of("    v10 = atomic_rmw.i32 add v0, v4\n", "operand v4 has type i64, expected i32"),
                Arguments.of("    v10 = atomic_rmw.i32 add v3, v3\n", "address v3 has type i32, expected i64"),
                Arguments.of("    v10 = atomic_rmw.f32 add v0, v5\n", "atomic_rmw needs an integer type (i8..i64), not f32"),
                Arguments.of("    v10 = atomic_cas.i16 v0, v2, v3\n", "replacement value v3 has type i32, expected i16"),
                Arguments.of("    v10 = atomic_cas.i16 v0, v1, v2\n", "expected value v1 has type i8, expected i16"),
                Arguments.of("    v10 = atomic_load.f32 v0\n", "atomic_load needs an integer type (i8..i64), not f32"),
                Arguments.of("    atomic_store v5, v0\n", "atomic_store needs an integer type (i8..i64), not f32"),
                Arguments.of("    atomic_store v3, v2\n", "address v2 has type i16, expected i64"));
    }

    @ParameterizedTest
    @MethodSource("badAtomics")
    void verifierRejects(String body, String message) throws Exception {
        List<Diagnostic> ds = Verifier.check(parse(body));
        assertTrue(ds.stream().anyMatch(d -> d.toString().contains(message)), ds.toString());
    }

    @Test
    void interpreterGivesTheOldValueAndTrapsOnMisalignment() throws Exception {
        Module m = Parser.parse("""
                function %umin8(i64, i8) -> i8, i8, i64 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64, v1: i8):
                    v2 = stack_addr.i64 ss0
                    store v0, v2
                    v3 = iadd_imm v2, 1
                    v4 = atomic_rmw.i8 umin v3, v1
                    v5 = load.i8 v3
                    v6 = load.i64 v2
                    return v4, v5, v6
                }

                function %misaligned(i64) -> i32 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64):
                    v1 = stack_addr.i64 ss0
                    v2 = iadd v1, v0
                    v3 = atomic_load.i32 v2
                    return v3
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        // byte 1 is 0x80 (-128 as i8): umin with 0x7f keeps 0x7f, smin would keep 0x80
        assertEquals(new Outcome.Returned(List.of(-128L, 0x7fL, 0x7f01L)), in.call("umin8", List.of(0x8001L, 0x7fL)));
        assertEquals(new Outcome.Returned(List.of(0L)), in.call("misaligned", List.of(4L)));
        assertEquals(new Outcome.Trapped(new TrapCode("heap_misaligned")), in.call("misaligned", List.of(2L)));
    }
    @Test
    void bigAtomicsReverseTheMemoryValueOnReadAndWrite() throws Exception {
        Module m = Parser.parse("""
                function %add16(i64, i16) -> i16, i64 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64, v1: i16):
                    v2 = stack_addr.i64 ss0
                    store v0, v2
                    v3 = atomic_rmw.i16 big add v2, v1
                    v4 = load.i64 v2
                    return v3, v4
                }

                function %cas32(i64, i32, i32) -> i32, i64 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64, v1: i32, v2: i32):
                    v3 = stack_addr.i64 ss0
                    store v0, v3
                    v4 = atomic_cas.i32 big v3, v1, v2
                    v5 = load.i64 v3
                    return v4, v5
                }

                function %st64(i64) -> i64, i64 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64):
                    v1 = stack_addr.i64 ss0
                    atomic_store big v0, v1
                    v2 = load.i64 v1
                    v3 = atomic_load.i64 big v1
                    return v2, v3
                }

                function %rmw8(i64, i8) -> i8, i64 {
                    ss0 = explicit_slot 8, align = 8
                block0(v0: i64, v1: i8):
                    v2 = stack_addr.i64 ss0
                    store v0, v2
                    v3 = atomic_rmw.i8 big add v2, v1
                    v4 = load.i64 v2
                    return v3, v4
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        // bytes 00 01 read big-endian are 0x0001; 0x0001 + 0xff = 0x0100 is written back as bytes 01 00
        assertEquals(new Outcome.Returned(List.of(1L, 0x1122334455660001L)), in.call("add16", List.of(0x1122334455660100L, 0xffL)));
        // bytes 80 00 read big-endian are 0x8000, an i16 old value of -32768; adding 0 leaves memory as it was
        assertEquals(new Outcome.Returned(List.of(-32768L, 0x80L)), in.call("add16", List.of(0x80L, 0L)));
        // the expected value is compared with the reversed memory value; the replacement is written reversed
        assertEquals(new Outcome.Returned(List.of(0x12345678L, 0x0d0c0b0aL)), in.call("cas32", List.of(0x78563412L, 0x12345678L, 0x0a0b0c0dL)));
        assertEquals(new Outcome.Returned(List.of(0x12345678L, 0x78563412L)), in.call("cas32", List.of(0x78563412L, 0x78563412L, 0x1L)));
        assertEquals(new Outcome.Returned(List.of(0x0807060504030201L, 0x0102030405060708L)), in.call("st64", List.of(0x0102030405060708L)));
        // i8 has no byte order: big changes nothing
        assertEquals(new Outcome.Returned(List.of(0x7fL, 0x1180L)), in.call("rmw8", List.of(0x117fL, 0x1L)));
    }
}
