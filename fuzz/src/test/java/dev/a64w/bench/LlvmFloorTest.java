package dev.a64w.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor report's shape and its inputs' validity; never its numbers (speed is not unit-tested). */
@Epic("fuzz")
@Feature("bench")
class LlvmFloorTest {
    @Test
    void reportHasOneLinePerMeasurement() {
        List<String> lines = LlvmFloor.measure(1, List.of(0, 30, 60), 20, List.of(0, 30));
        assertEquals(9, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("llvm floor: median of 1, "), lines.get(0));
        List<String> heads = List.of("  mc ", "  llvm O0 ", "  llvm O2 ", "  mc by line form (us/line): mov x9, x10 ",
                "  worker round trip (", "  mc    0 lines: in process ", "  mc   43 lines: in process ",
                "  llvm O0+O2  ");
        for (int i = 0; i < heads.size(); i++) {
            assertTrue(lines.get(i + 1).startsWith(heads.get(i)), "line " + (i + 1) + ": " + lines.get(i + 1));
        }
        for (String l : lines.subList(1, 4)) {
            assertTrue(l.matches("  \\S.* fixed -?\\d+\\.\\d{3} ms \\+ -?\\d+\\.\\d{2} us/(line|inst)   \\[0: .*"), l);
        }
        assertTrue(lines.get(7).contains(" batch of " + LlvmFloor.BATCH + " "), lines.get(7));
        assertTrue(lines.get(8).contains(" one batch "), lines.get(8));
    }

    @Test
    void listingsAssembleAndHaveTheirSize() {
        try (LlvmMc mc = new LlvmMc()) {
            assertEquals("", FloorInputs.listing(0));
            for (int size : LlvmFloor.SIZES.subList(1, LlvmFloor.SIZES.size())) {
                String listing = FloorInputs.listing(size);
                int lines = FloorInputs.lines(listing);
                assertTrue(lines >= size && lines < size + FloorInputs.BODY.size() + 22, size + " -> " + lines);
                McResult r = mc.assemble(listing);
                assertEquals(List.of(), r.errors(), "listing of " + size);
                assertEquals(List.of(), r.warnings(), "listing of " + size);
            }
            for (String form : LlvmFloor.FORMS) {
                assertEquals(List.of(), mc.assemble(FloorInputs.repeated(form, 3)).errors(), form);
            }
        }
    }

    @Test
    void irModulesCompileAtBothLevelsAndHaveTheirSize() {
        try (LlvmCodegen codegen = new LlvmCodegen()) {
            assertEquals("", FloorInputs.ir(0));
            for (int size : List.of(100, 300)) {
                String ir = FloorInputs.ir(size);
                int n = FloorInputs.instructions(ir);
                assertTrue(n >= size && n < size + 16, size + " -> " + n);
                for (OptLevel level : OptLevel.values()) {
                    McResult r = codegen.compile(ir, level);
                    assertEquals(List.of(), r.errors(), level + ", module of " + size);
                    assertTrue(r.object().size() > 200, level + ": object of " + r.object().size() + " bytes");
                }
            }
        }
    }
}
