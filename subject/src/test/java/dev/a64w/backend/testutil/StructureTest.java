package dev.a64w.backend.testutil;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Positive controls: the structural checker flags known-bad functions. */
@Epic("subject")
@Feature("lowering")
class StructureTest {
    /** The function given by its listing lines and unwind facts. */
    record Fn(List<String> asm, Optional<FunctionUnwind> unwind) {}

    static Fn fn(List<String> asm, Optional<FunctionUnwind> u) {
        return new Fn(asm, u);
    }

    static List<String> problems(Fn f) {
        return Structure.problems(f.asm(), f.unwind());
    }

    static final List<UnwindStep> PRO = List.of(
            new UnwindStep(0, new UnwindOp.SaveFpLrPre(16)), new UnwindStep(4, new UnwindOp.SetFp()));
    static final List<String> GOOD = List.of("stp x29, x30, [sp, #-16]!", "mov x29, sp", "add x0, x0, x1", "ldp x29, x30, [sp], #16", "ret");

    @Test
    void goodFunctionPasses() {
        var u = new FunctionUnwind(PRO, List.of(new Epilogue(List.of(new UnwindStep(12, new UnwindOp.SaveFpLrPre(16))), 16)));
        assertEquals(List.of(), problems(fn(GOOD, Optional.of(u))));
    }

    @Test
    void flagsX18() {
        var p = problems(fn(List.of("add x0, x18, x1", "ret"), Optional.empty()));
        assertTrue(p.stream().anyMatch(s -> s.contains("x18")), p.toString());
    }

    @Test
    void flagsMissingEpilogueStepAndUnbalancedStack() {
        var u = new FunctionUnwind(PRO, List.of(new Epilogue(List.of(), 16)));
        var p = problems(fn(GOOD, Optional.of(u)));
        assertTrue(p.stream().anyMatch(s -> s.contains("frees 0 of 16")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("epilogue steps end")) || p.stream().anyMatch(s -> s.contains("frees")), p.toString());
    }

    @Test
    void flagsGapInPrologueAndUnsavedCalleeSaved() {
        var pro = List.of(new UnwindStep(0, new UnwindOp.SaveFpLrPre(16)), new UnwindStep(8, new UnwindOp.SetFp()));
        var asm = List.of("stp x29, x30, [sp, #-16]!", "nop", "mov x29, sp", "mov x19, x0", "ldp x29, x30, [sp], #16", "ret");
        var u = new FunctionUnwind(pro, List.of(new Epilogue(List.of(new UnwindStep(16, new UnwindOp.SaveFpLrPre(16))), 20)));
        var p = problems(fn(asm, Optional.of(u)));
        assertTrue(p.stream().anyMatch(s -> s.contains("prologue step at 0x8")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("x19 used but not saved")), p.toString());
    }

    @Test
    void flagsMisalignedAllocationAndRetWithoutEpilogue() {
        var pro = List.of(new UnwindStep(0, new UnwindOp.AllocStack(24)));
        var asm = List.of("sub sp, sp, #24", "ret", "ret");
        var u = new FunctionUnwind(pro, List.of());
        var p = problems(fn(asm, Optional.of(u)));
        assertTrue(p.stream().anyMatch(s -> s.contains("not a multiple of 16")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("2 rets and 0 tail calls but 0 epilogues")), p.toString());
    }

    @Test
    void flagsAnEpilogueEndingInALocalBranch() {
        var pro = List.of(new UnwindStep(0, new UnwindOp.SaveFpLrPre(16)));
        var asm = List.of("stp x29, x30, [sp, #-16]!", "ldp x29, x30, [sp], #16", "b .Lf_0", "ldp x29, x30, [sp], #16", "b g");
        var epis = List.of(new Epilogue(List.of(new UnwindStep(4, new UnwindOp.SaveFpLrPre(16))), 8),
                new Epilogue(List.of(new UnwindStep(12, new UnwindOp.SaveFpLrPre(16))), 16));
        var p = problems(fn(asm, Optional.of(new FunctionUnwind(pro, epis))));
        assertTrue(p.stream().anyMatch(s -> s.contains("epilogue ends at neither a ret nor a tail-call branch: b .Lf_0")), p.toString());
        assertTrue(p.stream().noneMatch(s -> s.contains("b g")), p.toString());
    }

    @Test
    void flagsFramelessFunctionTouchingSp() {
        var p = problems(fn(List.of("sub sp, sp, #16", "ret"), Optional.empty()));
        assertFalse(p.isEmpty());
        assertFalse(problems(fn(List.of("str x0, [sp, #-16]!", "ret"), Optional.empty())).isEmpty());
        assertFalse(problems(fn(List.of("ldr x0, [sp], #16", "ret"), Optional.empty())).isEmpty());
        // Reading SP (stack arguments of a frameless leaf, get_stack_pointer) is fine.
        assertEquals(List.of(), problems(fn(List.of("ldr x8, [sp, #8]", "mov x0, sp", "ret"), Optional.empty())));
    }
}
