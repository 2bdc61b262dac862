package dev.a64w.backend.regalloc;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.ir.BlockRef;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("regalloc")
class VCodePrinterTest {
    @Test
    void printsTheSameInstructionsOverVirtualThenAllocatedRegistersAndEveryVregsClassAndLocation() {
        VReg a = new VReg(0), b = new VReg(1), sum = new VReg(2), f = new VReg(3, RegClass.FLOAT);
        VInst add = new VInst.Op(List.of(sum), List.of(a, b), List.of(), false,
                List.of(new Step.Machine(new AluRRR(AluOp.ADD, Size.X, sum, a, b))), new Origin(new BlockRef(0), 0));
        VInst defF = new VInst.Op(List.of(f), List.of(), List.of(), false, List.of(), new Origin(new BlockRef(0), 1));
        VInst useF = new VInst.Op(List.of(), List.of(f), List.of(), false, List.of(), new Origin(new BlockRef(0), 2));
        VBlock blk = new VBlock("block0", List.of(), List.of(new VInst.Params(Fixed.abi(List.of(a, b), true)), add, defF, useF), new VTerm.Ret(Fixed.abi(List.of(sum), false)));
        VCode code = new VCode("f", List.of(blk), 4, List.of(), 0, true);
        String text = VCodePrinter.print(code, LinearScan.allocate(code));
        assertEquals("""
                function f leaf vregs=4 outgoing=0
                block0():
                  params %0 in x0, %1 in x1
                  %2 = op block0/inst0 uses %0, %1
                      add x0, x0, x1
                  %3 = op block0/inst1
                  op block0/inst2 uses %3
                  ret %2 in x0
                allocation: spills=0 saved=[] []
                  %0 INT x0
                  %1 INT x1
                  %2 INT x0
                  %3 FLOAT d0
                """, text);
        assertEquals(List.of("      add %2, %0, %1"), VCodePrinter.print(code).lines().filter(l -> l.startsWith("      ")).toList());
    }
}
