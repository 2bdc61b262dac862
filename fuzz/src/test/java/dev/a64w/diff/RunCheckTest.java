package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls for the Run check: machine code that disagrees with its IR (hand-written
 * listings standing in for a broken backend) must be flagged, and code that agrees must pass.
 */
@Epic("fuzz")
@Feature("run check")
class RunCheckTest {
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
            function %f(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                v2 = iadd v0, v1
                return v2
            }

            function %t(i64) -> i64 {
            block0(v0: i64):
                trap user1
            }
            """;

    static Verdict check(String listing, List<Invocation> invs) throws Exception {
        return verdict(mc, Parser.parse(IR), listing, List.of("f", "t"), invs);
    }

    /**
     * The Run check of {@code listing} (assembled by LLVM MC, linked with {@code exports}) against
     * the interpreter on {@code module}: the one fixture the Run-check tests share.
     */
    static Verdict verdict(LlvmMc mc, Module module, String listing, List<String> exports, List<Invocation> invs) {
        McResult obj = mc.assemble(listing);
        assertTrue(obj.ok(), obj.errors() + "\n" + listing);
        LinkResult link = new Linker().link(List.of(obj.object()), Imports.NONE, exports);
        assertTrue(link.clean(), link.errors() + " " + link.warnings());
        StandardHost host = new StandardHost();
        try (UnicornExecutor ex = new UnicornExecutor(PeImage.parse(link.dll()), new HostBridge(new StandardHost(), StandardHost.signatures()))) {
            return RunCheck.run(module, new Interpreter(module, host, 10_000), host, ex, invs, 10_000).verdict();
        }
    }

    static String listing(String fBody, String tBody) {
        return ".text\n.globl f\n.p2align 2\nf:\n" + fBody + "\n.globl t\n.p2align 2\nt:\n" + tBody + "\n";
    }

    static final List<Invocation> BOTH = List.of(new Invocation("f", List.of(40L, 2L)), new Invocation("t", List.of(0L)));

    @Test
    void agreeingCodePasses() throws Exception {
        assertEquals(Verdict.PASS, check(listing("add x0, x0, x1\nret", "brk #0xc101"), BOTH));
    }

    @Test
    void wrongResultIsFlagged() throws Exception {
        Verdict v = check(listing("sub x0, x0, x1\nret", "brk #0xc101"), BOTH);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v);
        assertEquals(Check.RUN, m.check());
        assertTrue(m.detail().contains("result 0 (i64) differs: subject 0x26, interpreter 0x2a"), m.detail());
    }

    @Test
    void wrongTrapCodeIsFlagged() throws Exception {
        Verdict v = check(listing("add x0, x0, x1\nret", "brk #0xc102"), BOTH);
        assertTrue(v.line().startsWith("mismatch:run:t: trap differs: subject user2, interpreter trapped user1"), v.line());
    }

    @Test
    void clobberedCalleeSavedRegisterIsFlagged() throws Exception {
        Verdict v = check(listing("mov x19, #5\nadd x0, x0, x1\nret", "brk #0xc101"), BOTH);
        assertTrue(v.line().startsWith("mismatch:run:f: calling convention broken"), v.line());
        assertTrue(v.line().contains("x19"), v.line());
    }

    @Test
    void missingTrapIsFlagged() throws Exception {
        Verdict v = check(listing("add x0, x0, x1\nret", "mov x0, #0\nret"), BOTH);
        assertTrue(v.line().contains("subject returned, interpreter trapped user1"), v.line());
    }

    @Test
    void userTrapCodesCompareByNumber() {
        dev.a64w.ir.Signature sig = new dev.a64w.ir.Signature(List.of(), List.of());
        var user07 = new dev.a64w.ir.interp.Outcome.Trapped(new dev.a64w.ir.TrapCode("user07"));
        assertEquals(null, RunCheck.compareOutcome(sig, user07, new dev.a64w.exec.ExecResult.Trapped(0xc107, 0)));
        String p = RunCheck.compareOutcome(sig, user07, new dev.a64w.exec.ExecResult.Trapped(0xc170, 0));
        assertTrue(p != null && p.contains("trap differs: subject user112"), p);
        assertEquals("user7", TrapTable.canonical("user0007"));
        assertEquals("int_divz", TrapTable.canonical("int_divz"));
        assertEquals("user", TrapTable.canonical("user"));
    }
}
