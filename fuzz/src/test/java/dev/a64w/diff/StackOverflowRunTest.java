package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.cranelift.DriverBinary;
import dev.a64w.exec.ExecResult;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.Module;
import dev.a64w.ir.Signature;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Run check on stack overflow (the rules are in {@link RunCheck}): an unbounded recursion gives
 * {@code stk_ovf} in the interpreter and on the emulated CPU on every side, and passes; the code
 * overflowing where the interpreter does not, or faulting where it overflows, is still a mismatch.
 */
@Epic("fuzz")
@Feature("run check")
class StackOverflowRunTest {
    /** No base case; each level also bumps a counter, so the two sides' data differ at their depths. */
    static final String RECURSION = """
            ; data: %count align=8 zero=8
            function %r(i64) -> i64 {
                gv0 = symbol colocated %count
                fn0 = colocated %r(i64) -> i64
            block0(v0: i64):
                v1 = symbol_value.i64 gv0
                v2 = load.i64 notrap aligned v1
                v3 = iadd_imm v2, 1
                store notrap aligned v3, v1
                v4 = call fn0(v0)
                v5 = iadd v4, v0
                return v5
            }

            function %plain(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 1
                return v1
            }
            """;

    static CaseReport harnessCheck(String clif, List<Invocation> invs) throws Exception {
        Module m = Parser.parse(clif);
        // 10,000 frames of 5 instructions: more than the default fuel of 20,000 steps
        try (Harness h = new Harness(HarnessConfig.defaults().withFuel(60_000))) {
            return h.check("t.clif", m, invs);
        }
    }

    static Verdict verdictOf(CaseReport r, Check check) {
        return r.results().stream().filter(x -> x.check() == check).findFirst()
                .orElseThrow(() -> new AssertionError(check.id() + " did not run: " + r.results())).verdict();
    }

    @Test
    void unboundedRecursionOverflowsOnEverySideAndTheRunChecksPass() throws Exception {
        CaseReport r = harnessCheck(RECURSION, List.of(new Invocation("r", List.of(1L)), new Invocation("plain", List.of(1L))));
        for (Check c : List.of(Check.RUN, Check.RUN_LLVM_O0, Check.RUN_LLVM_O2)) {
            assertEquals(Verdict.PASS, verdictOf(r, c), c.id() + ": " + r.artifacts().runLines() + r.artifacts().llvmLines());
        }
        String subject = String.join("\n", r.artifacts().runLines());
        assertTrue(subject.contains("interpreter trapped stk_ovf, subject trapped stk_ovf (stack guard page touched at"), subject);
        assertTrue(subject.contains("data, import calls and later invocations not compared"), subject);
        String llvm = String.join("\n", r.artifacts().llvmLines());
        assertTrue(llvm.contains("llvm-o0 trapped stk_ovf"), llvm);
    }

    /** Cranelift cannot take the data object above (no ADRP relocation in its COFF writer), so alone. */
    static final String BARE_RECURSION = """
            function %r(i64) -> i64 {
                fn0 = colocated %r(i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0)
                return v1
            }
            """;

    @Test
    void unboundedRecursionPassesTheCraneliftRunCheckToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(DriverBinary.locate().found(), DriverBinary.locate().reason());
        CaseReport r = harnessCheck(BARE_RECURSION, List.of(new Invocation("r", List.of(1L))));
        for (Check c : List.of(Check.RUN, Check.RUN_LLVM_O0, Check.RUN_LLVM_O2, Check.RUN_CRANELIFT)) {
            assertEquals(Verdict.PASS, verdictOf(r, c), c.id() + ": " + r.artifacts().runLines() + r.artifacts().llvmLines());
        }
        String lines = String.join("\n", r.artifacts().llvmLines());
        assertTrue(lines.contains("cranelift trapped stk_ovf"), lines);
    }

    /** A 2 MiB frame: the interpreter's 16 MiB stack holds it, Windows' default 1 MiB does not. */
    static final String BIG_FRAME = """
            function %big(i64) -> i64 {
                ss0 = explicit_slot 2097152
            block0(v0: i64):
                stack_store v0, ss0
                v1 = stack_load.i64 ss0
                return v1
            }
            """;

    @Test
    void theCodeOverflowingWhereTheInterpreterReturnsIsAMismatch() throws Exception {
        CaseReport r = harnessCheck(BIG_FRAME, List.of(new Invocation("big", List.of(5L))));
        Verdict v = verdictOf(r, Check.RUN);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v, v.line());
        assertTrue(m.detail().contains("trap differs: subject stk_ovf (stack guard page touched at"), m.detail());
        assertTrue(m.detail().contains("interpreter returned [0x5]"), m.detail());
    }

    static final Signature I64_TO_I64 = new Signature(List.of(Type.I64), List.of(Type.I64));
    static final Outcome STK_OVF = new Outcome.Trapped(TrapCode.STK_OVF);
    static final ExecResult OVERFLOW = new ExecResult.StackOverflow(0x7ff0_ffef_fff0L, 0x1_8000_1000L);

    @Test
    void outcomesAgainstTheInterpretersOverflow() throws Exception {
        assertNull(RunCheck.compareOutcome(I64_TO_I64, STK_OVF, OVERFLOW));
        assertNotNull(RunCheck.stackDepthDiffers("subject", STK_OVF, OVERFLOW));
        // not compared: the code needed less stack
        assertNotNull(RunCheck.stackDepthDiffers("subject", STK_OVF, new ExecResult.Returned(List.of(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))));
        assertNotNull(RunCheck.stackDepthDiffers("subject", STK_OVF, new ExecResult.BudgetExhausted(100)));
        // still findings: a fault, another trap, a broken convention where the interpreter overflowed
        for (ExecResult other : List.of(new ExecResult.Faulted("Invalid memory write (UC_ERR_WRITE_UNMAPPED) at pc 0x180001000"),
                new ExecResult.Trapped(0xC003, 0x1_8000_1000L), new ExecResult.AbiViolation("x19 not preserved"))) {
            assertNull(RunCheck.stackDepthDiffers("subject", STK_OVF, other), other.toString());
            assertNotNull(RunCheck.compareOutcome(I64_TO_I64, STK_OVF, other), other.toString());
        }
        // the code overflowing where the interpreter returned or trapped otherwise
        assertTrue(RunCheck.compareOutcome(I64_TO_I64, new Outcome.Returned(List.of(1L)), OVERFLOW).startsWith("trap differs: subject stk_ovf"));
        assertNotNull(RunCheck.compareOutcome(I64_TO_I64, new Outcome.Trapped(TrapCode.INT_DIVZ), OVERFLOW));
        assertNull(RunCheck.stackDepthDiffers("subject", new Outcome.Returned(List.of(1L)), OVERFLOW));
    }

    static final String IR = """
            function %f(i64) -> i64 {
                fn0 = colocated %f(i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0)
                return v1
            }

            function %g(i64) -> i64 {
            block0(v0: i64):
                return v0
            }
            """;

    static RunReport hand(String listing, List<Invocation> invs) throws Exception {
        try (LlvmMc mc = new LlvmMc()) {
            McResult obj = mc.assemble(listing);
            assertTrue(obj.ok(), obj.errors().toString());
            LinkResult link = new Linker().link(List.of(obj.object()), Imports.NONE, List.of("f", "g"));
            assertTrue(link.clean(), link.errors().toString());
            Module m = Parser.parse(IR);
            StandardHost host = new StandardHost();
            try (UnicornExecutor ex = new UnicornExecutor(PeImage.parse(link.dll()), new HostBridge(new StandardHost(), StandardHost.signatures()))) {
                return RunCheck.run(m, new Interpreter(m, host, 100_000), host, ex, invs, 100_000);
            }
        }
    }

    static String listing(String fBody, String gBody) {
        return ".text\n.globl f\n.p2align 2\nf:\n" + fBody + "\n.globl g\n.p2align 2\ng:\n" + gBody + "\n";
    }

    static final String RECURSES = "stp x29, x30, [sp, #-16]!\nbl %s\nldp x29, x30, [sp], #16\nret";

    @Test
    void aFunctionThatShouldReturnButRecursesIsAMismatch() throws Exception {
        RunReport r = hand(listing("mov x0, #0\nret", RECURSES.formatted("g")), List.of(new Invocation("g", List.of(3L))));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), r.lines().toString());
        assertTrue(m.detail().startsWith("g: trap differs: subject stk_ovf"), m.detail());
    }

    @Test
    void aRecursionThatFaultsBelowTheGuardInsteadOfOverflowingIsAMismatch() throws Exception {
        // each level drops SP by 2 pages without touching them, then stores: the guard page is skipped
        String skips = "sub sp, sp, #0x2000\nstp x29, x30, [sp, #-16]!\nbl f\nldp x29, x30, [sp], #16\nadd sp, sp, #0x2000\nret";
        RunReport r = hand(listing(skips, "ret"), List.of(new Invocation("f", List.of(3L))));
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), r.lines().toString());
        assertTrue(m.detail().contains("faulted: ") && m.detail().contains("(interpreter trapped stk_ovf)"), m.detail());
    }

    @Test
    void bothOverflowingPassesAndStopsComparing() throws Exception {
        RunReport r = hand(listing(RECURSES.formatted("f"), "mov x0, #7\nret"),
                List.of(new Invocation("f", List.of(3L)), new Invocation("g", List.of(3L))));
        assertEquals(Verdict.PASS, r.verdict(), r.lines().toString());
        assertEquals(1, r.compared());
        assertEquals(1, r.skipped(), "g (which would mismatch) is after the overflow");
    }

    @Test
    void codeNeedingLessStackIsNotComparedNotPassedAsEqual() throws Exception {
        RunReport r = hand(listing("mov x0, #9\nret", "ret"), List.of(new Invocation("f", List.of(3L))));
        assertEquals(Verdict.PASS, r.verdict(), r.lines().toString());
        assertEquals(0, r.compared());
        assertEquals(1, r.skipped());
        assertTrue(r.lines().getFirst().contains("needed less stack than the interpreter's model"), r.lines().toString());
    }
}
