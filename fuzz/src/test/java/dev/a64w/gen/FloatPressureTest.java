package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.UnwindForms;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.McResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

/**
 * The float level keeps floats live across calls, so that a compiler must use the callee-saved
 * d8-d15: measured on LLVM's code for generated modules (the reference compiler), whose unwind
 * data must then hold save_freg* codes in a good share of the modules that use floats and calls.
 */
@Epic("fuzz")
@Feature("generator")
class FloatPressureTest {
    @Test
    void llvmSavesD8ToD15ForGeneratedFloatModules() {
        var gen = new Generator(GeneratorConfig.floats());
        int floatModules = 0, saving = 0;
        UnwindForms total = UnwindForms.NONE;
        try (LlvmCodegen codegen = new LlvmCodegen()) {
            for (long seed = 0; seed < 60; seed++) {
                Module m = gen.generate(new SeededSource(seed)).module();
                boolean floats = m.functions().stream().anyMatch(f -> f.usesFloat());
                boolean calls = m.functions().stream().flatMap(f -> f.blocks().stream()).flatMap(b -> b.insts().stream())
                        .anyMatch(i -> i instanceof Inst.Call);
                if (!floats || !calls) continue;
                String ir;
                try {
                    ir = new IrToLlvm().translate(m);
                } catch (RuntimeException e) {
                    continue; // e.g. a return_call LLVM cannot guarantee
                }
                McResult r = codegen.compile(ir, LlvmCodegen.OptLevel.O2);
                assertEquals(java.util.List.of(), r.errors(), "seed " + seed);
                UnwindForms u = UnwindForms.of(r.object());
                total = total.plus(u);
                floatModules++;
                if (u.saveFreg() + u.saveFregp() + u.saveFregX() + u.saveFregpX() + u.packedRegF() > 0) saving++;
            }
        }
        System.out.printf("float modules with calls: %d, LLVM O2 saves d8-d15 in %d; %s%n", floatModules, saving, total.fpLine());
        assertTrue(floatModules >= 10, "float modules with calls: " + floatModules);
        assertTrue(saving * 4 >= floatModules, "LLVM saves d8-d15 in " + saving + " of " + floatModules + " float modules with calls");
    }
}
