package dev.a64w.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The passes that take big bites (dead code by liveness, hollow blocks, folding chains) and type narrowing. */
@Epic("fuzz")
@Feature("reducer")
class ReducerPassesTest {
    private static ReduceResult reduce(Module m, Predicate<Module> p) {
        var checked = new CheckedPredicate(m, p);
        ReduceResult r = Reducer.reduce(m, checked, ReduceOptions.defaults());
        assertTrue(checked.violations.isEmpty(), () -> String.join("\n", checked.violations));
        assertEquals(ReduceResult.Stop.FIXPOINT, r.stop());
        assertTrue(p.test(r.reduced()));
        return r;
    }

    private static boolean has(Module m, Predicate<Inst> p) {
        for (Function f : m.functions()) for (Block b : f.blocks()) for (Inst i : b.insts()) if (p.test(i)) return true;
        return false;
    }

    /** A chain of {@code n} instructions, each reading the one before, that nothing live reads, then {@code tail}. */
    private static Module chain(int n, boolean live) throws Exception {
        var text = new StringBuilder("function %f(i64) -> i64 {\nblock0(v0: i64):\n    v1 = iadd v0, v0\n");
        for (int k = 2; k <= n; k++) text.append("    v").append(k).append(" = bxor v").append(k - 1).append(", v0\n");
        text.append("    v").append(n + 1).append(" = imul v0, v0\n");
        text.append("    return v").append(live ? n : n + 1).append("\n}\n; run: %f(3) == 9\n");
        return Parser.parse(text.toString());
    }

    @Test
    void aDeadChainGoesInOneStep() throws Exception {
        Module m = chain(2_000, false);
        ReduceResult r = reduce(m, x -> has(x, i -> i instanceof Inst.Binary b && b.op() == BinaryOp.IMUL));
        assertTrue(ReduceFixtures.instructions(r.reduced()) <= 3, () -> Printer.print(r.reduced()));
        // one instruction per round would need 2,000 predicate calls
        assertTrue(r.predicateCalls() < 60, "predicate calls: " + r.predicateCalls());
    }

    @Test
    void aLiveChainIsEmptiedWithItsBlock() throws Exception {
        Module m = chain(2_000, true);
        ReduceResult r = reduce(m, x -> has(x, i -> i instanceof Inst.Binary b && b.op() == BinaryOp.IMUL));
        assertTrue(ReduceFixtures.instructions(r.reduced()) <= 3, () -> Printer.print(r.reduced()));
        assertTrue(r.predicateCalls() < 200, "predicate calls: " + r.predicateCalls());
    }

    @Test
    void deadBlockParametersGoWithTheirArguments() throws Exception {
        Module m = Parser.parse("""
                function %f(i64) -> i64 {
                block0(v0: i64):
                    v1 = iadd_imm v0, 5
                    jump block1(v1, v0)
                block1(v2: i64, v3: i64):
                    v4 = imul v3, v3
                    return v4
                }
                ; run: %f(3) == 9
                """);
        Module out = reduce(m, x -> has(x, i -> i instanceof Inst.Binary b && b.op() == BinaryOp.IMUL)).reduced();
        assertTrue(out.functions().getFirst().blocks().stream().allMatch(b -> b.params().size() <= 1 || b == out.functions().getFirst().entry()),
                () -> Printer.print(out));
        assertTrue(!has(out, i -> i instanceof Inst.BinaryImm), () -> Printer.print(out));
    }

    @Test
    void typesNarrowWhereNoSignatureOrMemoryHoldsThem() throws Exception {
        Module m = Parser.parse("""
                function %f(i64) -> i64 {
                block0(v0: i64):
                    v1 = iconst.i64 0x1234_5678
                    v2 = iconst.i64 3
                    v3 = srem v1, v2
                    v4 = iadd v0, v3
                    return v4
                }
                ; run: %f(3) == 3
                """);
        Module out = reduce(m, x -> has(x, i -> i instanceof Inst.Binary b && b.op() == BinaryOp.SREM)).reduced();
        assertTrue(has(out, i -> i instanceof Inst.Binary b && b.op() == BinaryOp.SREM && b.type() == Type.I8), () -> Printer.print(out));
    }

    @Test
    void foldingAChainOfConstantsTakesOneStep() throws Exception {
        var text = new StringBuilder("function %f() -> i64 {\nblock0:\n    v0 = iconst.i64 1\n");
        for (int k = 1; k <= 500; k++) text.append("    v").append(k).append(" = iadd_imm v").append(k - 1).append(", 1\n");
        text.append("    return v500\n}\n; run: %f() == 501\n");
        Module m = Parser.parse(text.toString());
        // the result must stay 501: only folding (which keeps semantics) may shrink the chain
        ReduceResult r = reduce(m, x -> ReductionSweepTest.sameFirstResult(m).test(x));
        assertTrue(ReduceFixtures.instructions(r.reduced()) <= 2, () -> Printer.print(r.reduced()));
        assertTrue(r.predicateCalls() < 60, "predicate calls: " + r.predicateCalls());
    }
}
