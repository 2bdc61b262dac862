package dev.a64w.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The reducer does not make a case interesting through undefined behaviour: a store the stack is
 * read through stays, pointers and their offsets stay, and functions whose address is taken keep
 * their signature. Each case has a predicate that would happily accept the unsafe reduction.
 */
@Epic("fuzz")
@Feature("reducer")
class ReducerSafetyTest {
    private static boolean has(Module m, Class<? extends Inst> kind) {
        for (Function f : m.functions()) for (Block b : f.blocks()) for (Inst i : b.insts()) if (kind.isInstance(i)) return true;
        return false;
    }

    private static ReduceResult reduce(Module m, Predicate<Module> p) {
        var checked = new CheckedPredicate(m, p);
        ReduceResult r = Reducer.reduce(m, checked, ReduceOptions.defaults());
        assertTrue(checked.violations.isEmpty(), () -> String.join("\n", checked.violations));
        assertEquals(ReduceResult.Stop.FIXPOINT, r.stop());
        return r;
    }

    @Test
    void storeThatALoadReadsStays() throws Exception {
        Module m = Parser.parse("""
                function %f() -> i32 {
                    ss0 = explicit_slot 8
                block0:
                    v0 = iconst.i32 7
                    stack_store v0, ss0
                    v1 = stack_load.i32 ss0
                    return v1
                }
                ; run: %f() == 7
                """);
        Module out = reduce(m, x -> has(x, Inst.StackLoad.class)).reduced();
        assertTrue(has(out, Inst.StackStore.class), () -> "the initializing store was removed:\n" + Printer.print(out));
        assertEquals(4, out.functions().getFirst().slots().getFirst().size(), "slot shrunk to the bytes accessed");
    }

    @Test
    void storesGoOnceNothingReadsTheStack() throws Exception {
        Module m = Parser.parse("""
                function %f() -> i32 {
                    ss0 = explicit_slot 8
                block0:
                    v0 = iconst.i32 7
                    stack_store v0, ss0
                    v1 = iadd_imm v0, 1
                    return v1
                }
                """);
        Module out = reduce(m, x -> x.function("f").isPresent()).reduced();
        assertTrue(!has(out, Inst.StackStore.class) && out.functions().getFirst().slots().isEmpty(), () -> Printer.print(out));
    }

    @Test
    void pointersAndTheirOffsetsStay() throws Exception {
        Module m = Parser.parse("""
                ; data: %d align=8 bytes=01 02 03 04 05 06 07 08

                function %g() -> i64 {
                    gv0 = symbol colocated %d
                block0:
                    v0 = symbol_value.i64 gv0
                    v1 = iadd_imm v0, 4
                    v2 = uload8.i64 v1+2
                    v3 = iadd_imm v2, 100
                    return v3
                }
                ; run: %g() == 107
                """);
        Module out = reduce(m, x -> has(x, Inst.Load.class)).reduced();
        String text = Printer.print(out);
        assertTrue(has(out, Inst.SymbolValue.class) && text.contains("iadd_imm v0, 4") && text.contains("+2"), text);
    }

    @Test
    void addressTakenFunctionKeepsItsSignature() throws Exception {
        Module m = Parser.parse("""
                function %callee(i64, i64) -> i64 {
                block0(v0: i64, v1: i64):
                    v2 = iadd v0, v1
                    return v2
                }

                function %caller(i64) -> i64 {
                    sig0 = (i64, i64) -> i64
                    fn0 = colocated %callee sig0
                block0(v0: i64):
                    v1 = func_addr.i64 fn0
                    v2 = call_indirect sig0, v1(v0, v0)
                    return v2
                }
                ; run: %caller(3) == 6
                """);
        Module out = reduce(m, x -> has(x, Inst.CallIndirect.class)).reduced();
        Function callee = out.function("callee").orElseThrow();
        assertEquals(2, callee.signature().params().size(), () -> Printer.print(out));
        assertEquals(1, callee.signature().returns().size(), () -> Printer.print(out));
    }

    /** Positive control for the test's own checker: it flags invalid, repeated and growing candidates. */
    @Test
    void checkedPredicateFlagsBrokenPromises() throws Exception {
        Module small = Parser.parse("""
                function %f() -> i32 {
                block0:
                    v0 = iconst.i32 1
                    return v0
                }
                """);
        Module big = Parser.parse("""
                function %f() -> i32 {
                block0:
                    v0 = iconst.i32 1
                    v1 = iadd v0, v0
                    return v1
                }
                """);
        Module invalid = Parser.parse("""
                function %f() -> i32 {
                block0:
                    v0 = iconst.i64 1
                    return v0
                }
                """);
        var c = new CheckedPredicate(small, x -> true);
        c.test(small);
        assertTrue(c.violations.isEmpty(), () -> c.violations.toString());
        c.test(small);
        c.test(big);
        c.test(invalid);
        assertEquals(3, c.violations.size(), () -> c.violations.toString());
    }
}
