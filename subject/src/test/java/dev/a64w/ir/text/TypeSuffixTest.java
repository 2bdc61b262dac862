package dev.a64w.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Explicit type suffixes on instructions whose model has no type: a suffix equal to the operand's
 * type is dropped, a contradicting one is kept (printed back, rejected by the verifier), and one on
 * an instruction that takes none is a parse error at the suffix.
 */
@Epic("subject")
@Feature("ir.text")
class TypeSuffixTest {
    private static final String BODY = """
            function %%f(i64, i64, i32, i8) {
                ss0 = explicit_slot 16
            block0(v0: i64, v1: i64, v2: i32, v3: i8):
                %s
                return
            }
            """;

    private static Module body(String inst) throws ParseException {
        return Parser.parse(BODY.formatted(inst));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "store.i64 v0, v1         | store v0, v1",
        "istore8.i32 v2, v1+1     | istore8 v2, v1+1",
        "stack_store.i32 v2, ss0  | stack_store v2, ss0",
        "v4 = icmp.i64 eq v0, v1  | v4 = icmp eq v0, v1",
        "v4 = icmp_imm.i32 ne v2, 3 | v4 = icmp_imm ne v2, 3",
        "trapz.i8 v3, user1       | trapz v3, user1",
        "trapnz.i64 v0, user1     | trapnz v0, user1",
    })
    void suffixMatchingTheOperandIsDropped(String withSuffix, String without) throws Exception {
        Module m = body(withSuffix);
        assertEquals(body(without), m);
        assertEquals(List.of(), Verifier.check(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "store.i32 v0, v1         | store.i32: v0 has type i64, the type suffix says i32",
        "istore8.i64 v2, v1       | istore8.i64: v2 has type i32, the type suffix says i64",
        "stack_store.i8 v0, ss0   | stack_store.i8: v0 has type i64, the type suffix says i8",
        "v4 = icmp.i32 eq v0, v1  | icmp.i32: v0 has type i64, the type suffix says i32",
        "v4 = icmp_imm.i64 ne v2, 3 | icmp_imm.i64: v2 has type i32, the type suffix says i64",
        "trapz.i32 v3, user1      | trapz.i32: v3 has type i8, the type suffix says i32",
        "trapnz.i16 v0, user1     | trapnz.i16: v0 has type i64, the type suffix says i16",
    })
    void contradictingSuffixIsKeptPrintedAndRejected(String inst, String message) throws Exception {
        Module m = body(inst);
        Inst parsed = m.functions().getFirst().entry().insts().getFirst();
        assertTrue(Printer.print(m).contains(inst.strip()), Printer.print(m));
        assertEquals(m, Parser.parse(Printer.print(m)));
        List<Diagnostic> ds = Verifier.check(m);
        assertEquals(1, ds.size(), ds::toString);
        assertTrue(ds.getFirst().toString().contains(message), ds.getFirst().toString());
        assertTrue(ds.getFirst().toString().contains("(" + inst.strip() + ")"), ds.getFirst().toString());
        assertEquals(parsed, m.functions().getFirst().entry().insts().getFirst());
    }

    /** The operand is defined later in the text: the suffix is needed there and checked at the end. */
    @Test
    void forwardReferencesAreCheckedOnceTheFunctionIsRead() throws Exception {
        String text = """
                function %%f() {
                block0:
                    jump block2

                block1:
                    brif.%s v1, block3, block3

                block2:
                    v1 = iconst.i64 1
                    jump block1

                block3:
                    return
                }
                """;
        Module ok = Parser.parse(text.formatted("i64"));
        assertEquals(List.of(), Verifier.check(ok));
        Terminator.Brif b = (Terminator.Brif) ok.functions().getFirst().blocks().get(1).terminator();
        assertEquals(null, b.suffix());
        String printed = Printer.print(ok);
        assertTrue(printed.contains("brif.i64 v1"), printed);
        assertEquals(ok, Parser.parse(printed));

        Module bad = Parser.parse(text.formatted("i32"));
        b = (Terminator.Brif) bad.functions().getFirst().blocks().get(1).terminator();
        assertEquals(Type.I32, b.suffix());
        assertEquals(bad, Parser.parse(Printer.print(bad)));
        List<Diagnostic> ds = Verifier.check(bad);
        assertEquals(1, ds.size(), ds::toString);
        assertTrue(ds.getFirst().toString().contains("brif.i32: v1 has type i64, the type suffix says i32"), ds::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "call.i32 fn0()            | 10 | call does not take a type suffix, found .i32",
        "return_call.i64 fn0()     | 17 | return_call does not take a type suffix, found .i64",
        "jump.i32 block1           | 10 | jump does not take a type suffix, found .i32",
        "return.i64                | 12 | return does not take a type suffix, found .i64",
        "trap.i8 user1             | 10 | trap does not take a type suffix, found .i8",
        "br_table.i64 v2, block1, [] | 14 | br_table takes an i32 index, type suffix .i64 is invalid",
        "call_indirect.i32 sig0, v0() | 19 | call_indirect takes an i64 callee address on this target, type suffix .i32 is invalid",
        "return_call_indirect.i32 sig0, v0() | 26 | return_call_indirect takes an i64 callee address",
    })
    void suffixOnAnInstructionThatTakesNoneIsAParseErrorAtTheSuffix(String inst, int column, String message) {
        String text = """
                function %%f(i64, i64, i32) {
                    sig0 = ()
                    fn0 = %%g()
                block0(v0: i64, v1: i64, v2: i32):
                    %s
                block1:
                    return
                }
                """.formatted(inst);
        ParseException e = assertThrows(ParseException.class, () -> Parser.parse(text));
        assertEquals(5, e.line(), e::getMessage);
        assertEquals(column, e.column(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void fixedTypeSuffixesStillParse() throws Exception {
        Module m = Parser.parse("""
                function %f(i64, i32) {
                    sig0 = ()
                block0(v0: i64, v1: i32):
                    call_indirect.i64 sig0, v0()
                    br_table.i32 v1, block1, [block1]

                block1:
                    return
                }
                """);
        assertEquals(List.of(), Verifier.check(m));
        assertEquals(m, Parser.parse(Printer.print(m)));
    }
}
