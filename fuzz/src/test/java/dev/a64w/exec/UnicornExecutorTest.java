package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("exec-run")
class UnicornExecutorTest {
    static final List<String> FUNCTIONS = List.of("add", "callsHost", "traps", "clobbersX19", "misalignedCall",
            "leaf", "store", "stackArgs", "spins", "loadsNull", "undefined", "clobbersD8", "clobbersX18",
            "writesRodata", "probes", "probesTooFar", "loop", "leavesSpLow", "writesOwnArg", "writesPadding", "writesAbove");
    static final String LISTING = "\t.text\n"
            + Asm.func("add") + "\tadd x0, x0, x1\n\tret\n"
            + Asm.func("callsHost") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x29, sp
            \tmov x1, #7
            \tbl hostfn
            \tadd x0, x0, #1
            \tldp x29, x30, [sp], #16
            \tret
            """
            + Asm.func("traps") + "\tbrk #0xf004\n\tret\n"
            + Asm.func("clobbersX19") + "\tmov x19, #1\n\tret\n"
            + Asm.func("misalignedCall") + """
            \tstp x29, x30, [sp, #-16]!
            \tsub sp, sp, #8
            \tbl leaf
            \tadd sp, sp, #8
            \tldp x29, x30, [sp], #16
            \tret
            """
            + Asm.func("leaf") + "\tret\n"
            + Asm.func("store") + """
            \tadrp x8, counter
            \tadd x8, x8, :lo12:counter
            \tstr x0, [x8]
            \tret
            """
            + Asm.func("stackArgs") + "\tldr x0, [sp, #8]\n\tadd x0, x0, x7\n\tret\n"
            + Asm.func("spins") + "1:\n\tb 1b\n"
            + Asm.func("loadsNull") + "\tmov x0, #0\n\tldr x0, [x0]\n\tret\n"
            + Asm.func("undefined") + "\tudf #0\n\tret\n"
            + Asm.func("clobbersD8") + "\tfmov d8, xzr\n\tret\n"
            + Asm.func("clobbersX18") + "\tmov x18, #0\n\tret\n"
            + Asm.func("writesRodata") + """
            \tadrp x8, konst
            \tadd x8, x8, :lo12:konst
            \tstr x0, [x8]
            \tret
            """
            + Asm.func("probes") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x15, #0x200
            \tbl __chkstk
            \tsub sp, sp, x15, lsl #4
            \tstr x0, [sp]
            \tldr x0, [sp]
            \tadd sp, sp, x15, lsl #4
            \tldp x29, x30, [sp], #16
            \tret
            """
            + Asm.func("probesTooFar") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x15, #0x20000
            \tbl __chkstk
            \tldp x29, x30, [sp], #16
            \tret
            """
            + Asm.func("loop") + """
            \tmov x1, #0
            1:
            \tadd x1, x1, x0
            \tsubs x0, x0, #1
            \tb.ne 1b
            \tmov x0, x1
            \tret
            """
            + Asm.func("leavesSpLow") + "\tsub sp, sp, #16\n\tret\n"
            + Asm.func("writesOwnArg") + "\tstr x0, [sp]\n\tldr x0, [sp]\n\tret\n"
            + Asm.func("writesPadding") + "\tstr x0, [sp, #8]\n\tret\n"
            + Asm.func("writesAbove") + "\tstp x29, x30, [sp, #-16]!\n\tstr x0, [sp, #0x100]\n\tldp x29, x30, [sp], #16\n\tret\n"
            + """
            \t.data
            \t.globl counter
            \t.p2align 3
            counter:
            \t.xword 0x1111
            \t.section .rdata,"dr"
            \t.p2align 3
            konst:
            \t.xword 0x2222
            """;

    static PeImage image;
    UnicornExecutor ex;
    final List<String> hostCalls = new ArrayList<>();

    @BeforeAll
    static void build() {
        try (LlvmMc mc = new LlvmMc()) {
            LinkResult r = new Linker().link(List.of(Asm.assemble(mc, LISTING)),
                    Imports.of("host.dll", List.of("hostfn")), FUNCTIONS, List.of("counter"));
            assertTrue(r.clean(), r.errors() + " " + r.warnings());
            image = PeImage.parse(r.dll());
        }
    }

    @BeforeEach
    void load() {
        ex = new UnicornExecutor(image, (dll, name, x, mem) -> {
            hostCalls.add(dll + "!" + name);
            return x.get(0) * 10 + x.get(1);
        });
    }

    @AfterEach
    void unload() {
        ex.close();
    }

    static long x0(ExecResult r) {
        return assertInstanceOf(ExecResult.Returned.class, r).x0();
    }

    static String violation(ExecResult r) {
        return assertInstanceOf(ExecResult.AbiViolation.class, r, r.toString()).detail();
    }

    @Test
    void writesIntoTheCallersFrameAreFlagged() {
        List<Long> nine = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertEquals(1L, x0(ex.call("writesOwnArg", nine, 100)), "a callee owns its incoming argument slots");
        assertTrue(violation(ex.call("writesPadding", nine, 100)).contains("caller's frame above the stack arguments written at entry sp+0x8"));
        assertTrue(violation(ex.call("writesAbove", nine, 100)).contains("written at entry sp+0xf0"));
        assertTrue(violation(ex.call("writesAbove", List.of(), 100)).contains("written at entry sp+0xf0"));
        assertEquals(1L, x0(ex.call("writesOwnArg", nine, 100)), "the pattern is restored for every call");
    }

    @Test
    void returnsSum() {
        assertEquals(3, x0(ex.call("add", List.of(1L, 2L), 100)));
        assertEquals(-1L, x0(ex.call("add", List.of(Long.MAX_VALUE, Long.MIN_VALUE), 100)));
    }

    @Test
    void importCallsReachTheHostAndAreTraced() {
        Execution e = ex.run("callsHost", List.of(4L), 1000);
        assertEquals(4 * 10 + 7 + 1, x0(e.result()));
        assertEquals(1, e.imports().size());
        ImportCall c = e.imports().get(0);
        assertEquals("host.dll", c.dll());
        assertEquals("hostfn", c.name());
        assertEquals(List.of(4L, 7L), c.args(2));
        assertEquals(47L, c.result());
        assertEquals(List.of("host.dll!hostfn"), hostCalls);
    }

    @Test
    void brkIsATrapWithItsImmediate() {
        ExecResult r = ex.call("traps", List.of(), 100);
        assertEquals(new ExecResult.Trapped(0xf004, image.exportAddress("traps")), r);
        assertEquals(3, x0(ex.call("add", List.of(1L, 2L), 100)), "engine still usable after a trap");
    }

    @Test
    void clobberedCalleeSavedRegistersAreAbiViolations() {
        assertEquals("x19 not preserved: expected 0x" + Long.toHexString(UnicornExecutor.seed(19)) + ", got 0x1",
                violation(ex.call("clobbersX19", List.of(), 100)));
        assertEquals(3, x0(ex.call("add", List.of(1L, 2L), 100)), "registers are re-seeded for every call");
        assertTrue(violation(ex.call("clobbersD8", List.of(), 100)).contains("d8 not preserved"));
        assertTrue(violation(ex.call("clobbersX18", List.of(), 100)).contains("x18 not preserved"));
        assertTrue(violation(ex.call("leavesSpLow", List.of(), 100)).contains("sp not preserved"));
    }

    @Test
    void misalignedSpAtACallIsAnAbiViolation() {
        String d = violation(ex.call("misalignedCall", List.of(), 100));
        assertTrue(d.contains("not 16-byte aligned at function entry 0x" + Long.toHexString(image.exportAddress("leaf"))), d);
    }

    @Test
    void dataSymbolIsReadBackAndReset() {
        assertEquals(0x1111L, ex.read("counter", 8).u64(0));
        x0(ex.call("store", List.of(0x123456789abcdefL), 100));
        assertEquals(Bytes.ofHex("ef cd ab 89 67 45 23 01"), ex.read("counter", 8));
        ex.reset();
        assertEquals(0x1111L, ex.read("counter", 8).u64(0));
    }

    @Test
    void stackArgumentsFollowX7() {
        List<Long> args = List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 700L, 8L, 9000L);
        assertEquals(9700L, x0(ex.call("stackArgs", args, 100)));
    }

    @Test
    void budgetBoundsAnEndlessLoop() {
        assertEquals(new ExecResult.BudgetExhausted(10_000), ex.call("spins", List.of(), 10_000));
        assertEquals(55, x0(ex.call("loop", List.of(10L), 1_000)));
        assertInstanceOf(ExecResult.BudgetExhausted.class, ex.call("loop", List.of(1000L), 100));
    }

    @Test
    void faultsAreResultsAndTheEngineSurvives() {
        assertTrue(assertInstanceOf(ExecResult.Faulted.class, ex.call("loadsNull", List.of(), 100)).detail()
                .contains("pc 0x"));
        assertInstanceOf(ExecResult.Faulted.class, ex.call("undefined", List.of(), 100));
        assertInstanceOf(ExecResult.Faulted.class, ex.call("writesRodata", List.of(1L), 100));
        assertEquals(3, x0(ex.call("add", List.of(1L, 2L), 100)));
    }

    @Test
    void hostFailureIsAFault() {
        try (UnicornExecutor none = new UnicornExecutor(image, HostFunctions.NONE)) {
            String d = assertInstanceOf(ExecResult.Faulted.class, none.call("callsHost", List.of(1L), 100)).detail();
            assertTrue(d.contains("host.dll!hostfn"), d);
        }
    }

    @Test
    void chkstkIsProvidedAndChecksTheStackLimit() {
        Execution e = ex.run("probes", List.of(99L), 100);
        assertEquals(99, x0(e.result()));
        assertEquals(List.of(), e.imports(), "__chkstk is not traced");
        ExecResult.StackOverflow o = assertInstanceOf(ExecResult.StackOverflow.class, ex.call("probesTooFar", List.of(), 100));
        assertTrue(o.address() < ex.stackLimit() && o.address() >= ex.stackLimit() - UnicornExecutor.GUARD_SIZE, o.toString());
    }

    @Test
    void stepObserverSeesEveryInstruction() {
        List<Long> pcs = new ArrayList<>();
        List<Long> x1s = new ArrayList<>();
        try (UnicornExecutor slow = new UnicornExecutor(image, HostFunctions.NONE,
                (pc, regs, mem) -> {
                    pcs.add(pc);
                    x1s.add(regs.x(1));
                }, UnicornExecutor.DEFAULT_STACK_SIZE)) {
            assertEquals(3, x0(slow.call("add", List.of(1L, 2L), 100)));
            long a = image.exportAddress("add");
            assertEquals(List.of(a, a + 4), pcs);
            assertEquals(List.of(2L, 2L), x1s);
            assertTrue(violation(slow.call("misalignedCall", List.of(), 100)).contains("at instruction"));
        }
    }

    @Test
    void measuresEngineAndCallCost() {
        long t0 = System.nanoTime();
        int engines = 20;
        for (int i = 0; i < engines; i++) {
            new UnicornExecutor(image, HostFunctions.NONE).close();
        }
        long perEngine = (System.nanoTime() - t0) / engines;
        int n = 20_000;
        for (int i = 0; i < 1000; i++) {
            ex.call("add", List.of(1L, 2L), 100);
        }
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ex.call("add", List.of((long) i, 2L), 100);
        }
        long perCall = (System.nanoTime() - t0) / n;

        t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            ex.call("loop", List.of(10_000L), 1_000_000);
        }
        double perInsn = (System.nanoTime() - t0) / 100.0 / 30_000;
        t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            ex.run("callsHost", List.of((long) i), 1000);
        }
        long perHostCall = (System.nanoTime() - t0) / 1000;
        System.out.printf("exec: new engine+load %.2f ms; 2-insn call %.1f µs; loop %.1f ns/insn;"
                + " call with one import %.1f µs%n", perEngine / 1e6, perCall / 1e3, perInsn, perHostCall / 1e3);
    }
}
