package dev.a64w.backend.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.lower.FunctionLowering;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.LinearScan;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.backend.regalloc.VCodePrinter;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.TestFiles;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden text of the ALLOCATED code: for a few files of {@code corpus/filetests/compile}, every
 * function lowered, printed by {@link VCodePrinter} before allocation (each op's instructions over
 * virtual registers), allocated and printed again (the same instructions with the allocated
 * registers, every vreg with its class and location) must equal
 * {@code corpus/filetests/vcode/<name>.vcode}. {@code -Dbless=true} rewrites those files.
 */
@Epic("subject")
@Feature("backend.filetests")
class AllocatedVCodeTest {
    /** Calls (argument/result moves, callee-saved), branches and tables (edges), stack slots (frame offsets). */
    static final List<String> FILES = List.of("calls", "branches", "br_table", "stack");

    @TestFactory
    Stream<DynamicTest> allocated() {
        return FILES.stream().map(name -> DynamicTest.dynamicTest("vcode/" + name, () -> check(name)));
    }

    static String render(Module m) {
        StringBuilder sb = new StringBuilder();
        for (Function f : m.functions()) {
            VCode code = FunctionLowering.lower(m, f);
            Allocation alloc = LinearScan.allocate(code);
            FrameLayout frame = FrameLayout.compute(code.leaf(), alloc.savedGprs(), alloc.savedFregs(), alloc.spillSlots(), code.slots(), code.outgoingBytes());
            if (!sb.isEmpty()) sb.append('\n');
            sb.append("; before allocation\n").append(VCodePrinter.print(code));
            sb.append("; after allocation\n").append(VCodePrinter.print(code, alloc, frame::slotOffset));
        }
        return sb.toString();
    }

    static void check(String name) throws Exception {
        Path clif = TestFiles.corpus().resolve("filetests/compile").resolve(name + ".clif");
        Path golden = TestFiles.corpus().resolve("filetests/vcode").resolve(name + ".vcode");
        String actual = render(Parser.parse(TestFiles.read(clif)));
        if (TestFiles.bless()) {
            Files.createDirectories(golden.getParent());
            if (!Files.exists(golden) || !Files.readString(golden).equals(actual)) Files.writeString(golden, actual);
            return;
        }
        assertTrue(Files.exists(golden), golden + " missing: run with -Dbless=true");
        List<String> want = Files.readString(golden).lines().toList();
        List<String> got = actual.lines().toList();
        assertEquals("", LineDiff.unified(golden + " (expected)", want, name + " (actual)", got));
    }
}
