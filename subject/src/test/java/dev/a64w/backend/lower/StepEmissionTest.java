package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Operands;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.Fixed;
import dev.a64w.backend.regalloc.LinearScan;
import dev.a64w.backend.regalloc.OpBody;
import dev.a64w.backend.regalloc.Step;
import dev.a64w.backend.regalloc.StepEmitter;
import dev.a64w.backend.regalloc.VBlock;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VTerm;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What emission does with an op's steps once registers are known, and how it rejects a body that is not consistent with its operands. */
@Epic("subject")
@Feature("backend")
class StepEmissionTest {
    private static final VReg A = new VReg(0), B = new VReg(1), T = new VReg(2);

    private static Operands.Resolver regs(Map<VReg, MReg> m, MachineBuffer buf) {
        return new Operands.Resolver() {
            @Override
            public MReg reg(VReg v) {
                return m.get(v);
            }

            @Override
            public Label label(LocalLabel l) {
                return buf.newLabel();
            }
        };
    }

    private static List<String> emit(List<Step> steps, Map<VReg, MReg> m) {
        MachineBuffer buf = new MachineBuffer("f");
        StepEmitter.emit(steps, regs(m, buf), slot -> 8 + 16 * slot, buf);
        return buf.finish(false).asm();
    }

    @Test
    void aCopyIsLeftOutOnlyWhenBothEndsGetTheSameRegister() {
        OpBody b = new OpBody();
        b.copy(new AluRRR(AluOp.ORR, Size.X, A, Zr.ZR, B));
        assertEquals(List.of(), emit(b.steps(), Map.of(A, Gpr.x(3), B, Gpr.x(3))));
        assertEquals(List.of("mov x3, x4"), emit(b.steps(), Map.of(A, Gpr.x(3), B, Gpr.x(4))));
        OpBody same = new OpBody();
        same.copy(new AluRRR(AluOp.ORR, Size.X, A, Zr.ZR, A));
        assertEquals(List.of(), same.steps(), "a move of a vreg to itself is not even recorded");
    }

    @Test
    void stackSlotStepsUseTheFrameOffsetAndTheTempOnlyWhenFar() {
        List<Step> near = List.of(new Step.SlotAccess(LdStOp.STRX, A, 1, 8, T), new Step.SlotAddress(B, 0, 4));
        assertEquals(List.of("str x0, [sp, #32]", "add x1, sp, #12"), emit(near, Map.of(A, Gpr.x(0), B, Gpr.x(1), T, Gpr.x(2))));
        List<Step> far = List.of(new Step.SlotAccess(LdStOp.LDRX, A, 0, 0x12340, T));
        List<String> asm = emit(far, Map.of(A, Gpr.x(0), T, Gpr.x(2)));
        assertEquals("ldr x0, [sp, x2]", asm.getLast(), asm.toString());
    }

    /** A body naming a vreg that is not among its op's operands: emission fails with a CompileException naming the function. */
    @Test
    void aBodyNamingAVregOutsideItsOperandsIsRejected() {
        VReg stray = new VReg(3);
        VInst bad = new VInst.Op(List.of(B), List.of(A), List.of(), false, List.of(new Step.Machine(new AluRRR(AluOp.ADD, Size.X, B, A, stray))));
        CompileException e = assertThrows(CompileException.class, () -> compile(bad));
        assertTrue(e.getMessage().contains("f: %3 is not an operand"), e.getMessage());
    }

    @Test
    void aBranchToALocalLabelTheBodyNeverBindsIsRejected() {
        VInst bad = new VInst.Op(List.of(B), List.of(A), List.of(), false,
                List.of(new Step.Machine(new CondBr(Cond.EQ, new LocalLabel(0))), new Step.Machine(new AluRRR(AluOp.ADD, Size.X, B, A, A))));
        CompileException e = assertThrows(CompileException.class, () -> compile(bad));
        assertTrue(e.getMessage().contains("local label 0 is never bound"), e.getMessage());
    }

    @Test
    void aWellFormedBodyCompiles() {
        OpBody b = new OpBody();
        LocalLabel skip = b.newLabel();
        b.emit(new CompareBranch(CbOp.CBZ, Size.X, A, skip));
        b.emit(new AluRRR(AluOp.ADD, Size.X, B, A, A));
        b.bind(skip);
        List<String> asm = compile(new VInst.Op(List.of(B), List.of(A), List.of(), true, b.steps()));
        assertTrue(asm.contains("add x1, x0, x0") || asm.stream().anyMatch(l -> l.startsWith("add ")), asm.toString());
        assertTrue(asm.stream().anyMatch(l -> l.startsWith("cbz x0, .Lf_")), asm.toString());
    }

    private static List<String> compile(VInst op) {
        VBlock blk = new VBlock("block0", List.of(), List.of(new VInst.Params(Fixed.abi(List.of(A), true)), op), new VTerm.Ret(Fixed.abi(List.of(B), false)));
        VCode code = new VCode("f", List.of(blk), 4, List.of(), 0, true);
        Allocation alloc = LinearScan.allocate(code);
        FrameLayout frame = FrameLayout.compute(code.leaf(), alloc.savedGprs(), alloc.savedFregs(), alloc.spillSlots(), code.slots(), code.outgoingBytes());
        return CodeEmitter.emit(code, alloc, frame).asm();
    }
}
