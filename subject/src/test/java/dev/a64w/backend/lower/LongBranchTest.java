package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.SkeletonTest.compile;
import static dev.a64w.backend.testutil.IrBuilder.types;
import static dev.a64w.ir.Type.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.testutil.IrBuilder;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("lowering")
class LongBranchTest {
    @Test
    void conditionalBranchOverMoreThanOneMebibyteBecomesInvertedPlusB() {
        IrBuilder fb = new IrBuilder("far", types(I64), types(I64));
        var e = fb.entry();
        var big = fb.block();
        var exit = fb.block();
        e.brif(e.p(0), exit, new Value[] {}, big, new Value[] {});
        Value acc = big.iconst(I64, 1);
        for (int k = 0; k < 270_000; k++) acc = big.binImm(BinaryImmOp.IADD_IMM, I64, acc, 1);
        big.ret(acc);
        exit.ret(exit.iconst(I64, 0));
        CompiledFunction cf = compile(fb.build());
        assertTrue(cf.code().size() > (1 << 20));
        // the first branch cannot be a b.cond to the exit any more: b.eq over an unconditional b
        List<String> asm = cf.asm().subList(0, 4);
        assertTrue(asm.get(1).startsWith("b.eq ") || asm.get(1).startsWith("b.ne "), asm.toString());
        assertTrue(asm.get(2).startsWith("b "), asm.toString());
    }
}
