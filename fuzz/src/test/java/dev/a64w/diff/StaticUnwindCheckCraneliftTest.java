package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.CraneliftDialect;
import dev.a64w.cranelift.CraneliftOutput;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.cranelift.DriverBinary;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The static Unwind check on Cranelift's code, whatever a run reaches: both parts of the known
 * finding (corpus/cranelift-findings/xdata-no-end-code-prologue.md) are flagged — as wasmtime
 * writes the .xdata (no end code), inside the prologue; with the end code written, before the
 * return of the epilogue wasmtime leaves undescribed. Skipped (with the reason) only where the
 * driver is not built.
 */
@Epic("fuzz")
@Feature("cranelift leg")
class StaticUnwindCheckCraneliftTest {
    static CraneliftClient client;

    @BeforeAll
    static void open() {
        client = new CraneliftClient();
        assumeTrue(client.available(), DriverBinary.locate().reason());
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    static Verdict.Mismatch mismatch(Module m, Bytes object) {
        List<String> functions = m.functions().stream().map(Function::name).toList();
        LinkResult l = new Linker().link(List.of(object), Harness.importsOf(m), functions);
        assertTrue(l.clean(), l.errors() + " " + l.warnings());
        UnwindReport r = UnwindCheck.runStatic(Check.UNWIND_CRANELIFT, PeImage.parse(l.dll()), functions);
        System.out.println(r.verdict().line() + "\n    " + String.join("\n    ", r.lines()));
        Verdict.Mismatch mm = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertTrue(mm.check() == Check.UNWIND_CRANELIFT, mm.line());
        return mm;
    }

    @Test
    void bothPartsOfTheKnownFindingAreFlagged() throws Exception {
        Module m = Parser.parse(CraneliftLegControlsTest.DIV);
        CraneliftOutput.Compiled c = assertInstanceOf(CraneliftOutput.Compiled.class,
                client.compile(CraneliftDialect.print(m), CraneliftVariant.DEFAULT));
        String asShipped = mismatch(m, c.object()).detail();
        assertTrue(asShipped.startsWith("%framed+0x") && asShipped.endsWith("in the prologue"), asShipped);
        String ended = mismatch(m, CraneliftLegControlsTest.endAfterCodes(c.object())).detail();
        assertTrue(ended.startsWith("%framed+0x") && ended.endsWith("which no epilogue of the unwind data covers"), ended);
    }
}
