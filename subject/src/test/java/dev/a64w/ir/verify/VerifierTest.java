package dev.a64w.ir.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Positive controls: one bad function per rule, each must be flagged with the expected message. */
@Epic("subject")
@Feature("ir.verify")
class VerifierTest {
    private static final String GOOD = """
            ; data: %d align=8 zero=16
            function %callee(i64) -> i64 {
            block0(v0: i64):
                return v0
            }
            function %good(i64, i32) -> i64 {
                ss0 = explicit_slot 16
                gv0 = symbol colocated %d
                fn0 = colocated %callee(i64) -> i64
            block0(v0: i64, v1: i32):
                v2 = iconst.i8 -128
                v3 = iconst.i8 255
                v4 = uextend.i64 v2
                v5 = iadd v0, v4
                v6 = ishl v5, v1
                stack_store v6, ss0+8
                v7 = symbol_value.i64 gv0
                v8 = load.i64 notrap aligned v7+8
                v9 = call fn0(v8)
                brif v1, block1(v9), block2
            block1(v10: i64):
                br_table v1, block2, [block2]
            block2:
                v11 = stack_load.i64 ss0+8
                return_call fn0(v11)
            }
            """;

    private static List<Diagnostic> check(String text) throws Exception {
        return Verifier.check(Parser.parse(text));
    }

    @Test
    void validModuleHasNoDiagnostics() throws Exception {
        assertEquals(List.of(), check(GOOD));
        Verifier.verify(Parser.parse(GOOD));
    }

    static Stream<Arguments> badFunctions() {
        String head = "function %f(i64, i32) -> i64 {\n";
        String entry = "block0(v0: i64, v1: i32):\n";
        return Stream.of(
                Arguments.of(head + "block0(v0: i32, v1: i32):\n    return v0\n}\n", "entry block parameters [i32, i32] do not match"),
                Arguments.of(head + entry + "    v2 = iadd.i64 v0, v1\n    return v2\n}\n", "block0/inst0 (v2 = iadd v0, v1): operand types differ: i64 vs i32"),
                Arguments.of(head + entry + "    v2 = iconst.i64 1\n    v2 = iconst.i64 2\n    return v2\n}\n", "v2 is defined more than once"),
                Arguments.of(head + entry + "    v2 = iadd.i64 v0, v9\n    return v2\n}\n", "v9 is used but never defined"),
                Arguments.of(head + entry + "    brif v1, block1, block2\nblock1:\n    v2 = iconst.i64 1\n    jump block2\n"
                        + "block2:\n    return v2\n}\n", "v2 is used where its definition (block1) does not dominate"),
                Arguments.of(head + entry + "    v3 = iadd.i64 v2, v0\n    v2 = iconst.i64 1\n    return v3\n}\n", "v2 is used where its definition"),
                Arguments.of(head + entry + "    v2 = uextend.i32 v1\n    return v0\n}\n", "uextend must widen: i32 to i32"),
                Arguments.of(head + entry + "    v2 = sextend.i8 v1\n    return v0\n}\n", "sextend must widen"),
                Arguments.of(head + entry + "    v2 = ireduce.i64 v1\n    return v0\n}\n", "ireduce must narrow"),
                Arguments.of(head + entry + "    v2 = icmp eq v0, v1\n    return v0\n}\n", "operand types differ: i64 vs i32"),
                Arguments.of(head + entry + "    v2 = select v1, v0, v1\n    return v0\n}\n", "operand v1 has type i32, expected i64"),
                Arguments.of(head + entry + "    v2 = load.i64 v1\n    return v2\n}\n", "address v1 has type i32, expected i64"),
                Arguments.of(head + entry + "    istore32 v1, v0\n    return v0\n}\n", "istore32 stores part of a wider value"),
                Arguments.of(head + entry + "    v2 = uload32.i32 v0\n    return v0\n}\n", "uload32 must extend to a wider type"),
                Arguments.of(head + entry + "    v2 = stack_load.i64 ss3\n    return v2\n}\n", "ss3 is not declared"),
                Arguments.of(head + "    ss0 = explicit_slot 8\n" + entry + "    v2 = stack_load.i64 ss0+4\n    return v2\n}\n", "outside ss0"),
                Arguments.of(head + entry + "    v2 = symbol_value.i64 gv1\n    return v2\n}\n", "gv1 is not declared"),
                Arguments.of(head + entry + "    v2 = func_addr.i64 fn4\n    return v2\n}\n", "fn4 is not declared"),
                Arguments.of(head + entry + "    v2 = stack_addr.i32 ss0\n    return v0\n}\n", "stack_addr result must be i64"),
                Arguments.of(head + "    fn0 = %g(i64) -> i64\n" + entry + "    v2 = call fn0(v1)\n    return v2\n}\n", "argument 0 v1 has type i32, expected i64"),
                Arguments.of(head + "    fn0 = %g(i64) -> i64\n" + entry + "    v2, v3 = call fn0(v0)\n    return v2\n}\n", "%g returns 1 values, 2 defined"),
                Arguments.of(head + "    sig0 = (i64)\n" + entry + "    call_indirect sig0, v0(v0, v0)\n    return v0\n}\n", "sig0 takes 1 arguments, 2 given"),
                Arguments.of(head + entry + "    call_indirect sig3, v0(v0)\n    return v0\n}\n", "sig3 is not declared"),
                Arguments.of(head + entry + "    jump block1(v1)\nblock1(v2: i64):\n    return v2\n}\n", "argument 0 to block1: v1 is i32, parameter is i64"),
                Arguments.of(head + entry + "    jump block1\nblock1(v2: i64):\n    return v2\n}\n", "block1 takes 1 arguments, 0 given"),
                Arguments.of(head + entry + "    jump block7\n}\n", "block7 does not exist"),
                Arguments.of(head + entry + "    return v1\n}\n", "return value 0 (v1) is i32, the signature says i64"),
                Arguments.of(head + entry + "    return v0, v0\n}\n", "returns 2 values, the signature has 1"),
                Arguments.of(head + entry + "    br_table v0, block1, []\nblock1:\n    return v0\n}\n", "br_table index v0 must be i32, is i64"),
                Arguments.of(head + entry + "    v2 = iconst.i8 300\n    return v0\n}\n", "immediate 0x12c out of range for i8"),
                Arguments.of(head + entry + "    v2 = iconst.i16 -32769\n    return v0\n}\n", "out of range for i16"),
                Arguments.of(head + entry + "    v2 = uadd_overflow_trap.i32 v1, v1, user1\n    v3 = ireduce.i8 v2\n"
                        + "    v4 = uadd_overflow_trap v3, v3, user1\n    return v0\n}\n", "uadd_overflow_trap is defined for i32 and i64 only"),
                Arguments.of(head + entry + "    v2 = ireduce.i8 v1\n    v3 = bswap v2\n    return v0\n}\n", "bswap needs i16 or wider"),
                Arguments.of(head + "    fn0 = %g(i64) -> i32\n" + entry + "    return_call fn0(v0)\n}\n", "tail call: %g returns [i32], the caller returns [i64]"),
                Arguments.of(head + "    fn0 = colocated %nowhere(i64) -> i64\n" + entry + "    return v0\n}\n", "colocated %nowhere is not defined in this module"),
                Arguments.of(head + "    fn0 = colocated %f(i64) -> i64\n" + entry + "    return v0\n}\n", "fn0 declares %f as (i64) -> i64 but it is defined as (i64, i32) -> i64"),
                Arguments.of(head + entry + "    return v0\n}\n; run: %f(1) == 1\n", "%f takes 2 arguments, the run line gives 1"),
                Arguments.of(head + entry + "    return v0\n}\n; run: %g(1) == 1\n", "%g is not defined"),
                Arguments.of("; data: %d align=8 addr=%missing+0\n", "addr=%missing names no function"),
                Arguments.of("; data: %d align=8 zero=1\n; data: %d align=8 zero=1\n", "data %d: defined more than once"),
                Arguments.of(head + entry + "    return v0\n}\n" + head + entry + "    return v0\n}\n", "function %f: defined more than once"),
                Arguments.of("function %f() {\n}\n", "function has no blocks"));
    }

    @ParameterizedTest
    @MethodSource("badFunctions")
    void badFunctionIsFlagged(String text, String expected) throws Exception {
        List<Diagnostic> d = check(text);
        assertTrue(d.stream().anyMatch(x -> x.toString().contains(expected)), () -> "expected '" + expected + "' in " + d);
    }

    @Test
    void verifyThrowsWithAllDiagnostics() throws Exception {
        Module m = Parser.parse("function %f(i64) -> i32 {\nblock0(v0: i64):\n    v1 = iadd.i32 v0, v0\n    return v0\n}\n");
        VerifierException e = assertThrows(VerifierException.class, () -> Verifier.verify(m));
        assertEquals(2, e.diagnostics().size(), e.getMessage());
        assertEquals("%f: block0/inst0 (v1 = iadd v0, v0): operand v0 has type i64, expected i32", e.diagnostics().getFirst().toString());
    }
}
