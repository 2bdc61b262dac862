package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
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
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Positive control for the generator's alignment observations: the data object {@code %q}
 * ({@code align=8}) is moved to offset 4 of {@code .data} by editing the subject's listing, and the
 * object is assembled by LLVM MC. The Alignment check flags it directly; the Run check flags it only
 * through the observation ({@code band_imm sym, 7} folded into the address), because the emulator,
 * like the CPU for plain loads, accepts the unaligned access.
 */
@Epic("fuzz")
@Feature("checks")
class AlignObservationTest {
    static final String DATA = """
            ; data: %pad align=1 bytes=07
            ; data: %q align=8 bytes=01 02 03 04 05 06 07 08 09 0a 0b 0c
            """;
    static final String OBSERVED = DATA + """
            function %f() -> i64 {
                gv0 = symbol colocated %q
            block0:
                v1 = symbol_value.i64 gv0
                v2 = band_imm v1, 7
                v3 = iadd v1, v2
                v4 = load.i64 v3
                return v4
            }
            """;
    static final String PLAIN = DATA + """
            function %f() -> i64 {
                gv0 = symbol colocated %q
            block0:
                v1 = symbol_value.i64 gv0
                v4 = load.i64 v1
                return v4
            }
            """;

    static LlvmMc mc;

    @BeforeAll
    static void open() {
        mc = new LlvmMc();
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    /** The subject's listing for {@code clif}, with {@code %q} moved to a 4-byte boundary, assembled by MC. */
    private static Bytes misplaced(ModuleBuild build) {
        String moved = build.listing().replace("\t.p2align 3\nq:", "\t.p2align 2\nq:");
        assertTrue(!moved.equals(build.listing()), "the listing places q with .p2align 3:\n" + build.listing());
        McResult r = mc.assemble(moved);
        assertTrue(r.ok(), r.errors().toString());
        return r.object();
    }

    private static Verdict run(Module m, Bytes object) {
        LinkResult link = new Linker().link(List.of(object), Harness.importsOf(m), List.of("f"), List.of("pad", "q"));
        assertTrue(link.clean(), link.errors().toString());
        StandardHost host = new StandardHost();
        try (UnicornExecutor ex = new UnicornExecutor(PeImage.parse(link.dll()),
                new HostBridge(new StandardHost(), StandardHost.signatures()))) {
            return RunCheck.run(m, new Interpreter(m, host, 1000), host, ex, List.of(new Invocation("f", List.of())), 1000)
                    .verdict();
        }
    }

    @Test
    void misplacedObjectIsSeenByAlignAndByRunThroughTheObservation() throws Exception {
        Module observed = Parser.parse(OBSERVED);
        ModuleBuild build = ModuleBuild.of(observed);
        assertEquals(Verdict.PASS, run(observed, build.object()), "the subject's own placement passes");
        Bytes bad = misplaced(build);
        Verdict align = AlignCheck.check(AlignCheck.declared(observed, List.of("f")), bad, Optional.empty());
        Verdict.Mismatch a = assertInstanceOf(Verdict.Mismatch.class, align, align::line);
        assertTrue(a.detail().contains("q: object offset expected a multiple of 8"), a.detail());
        Verdict.Mismatch r = assertInstanceOf(Verdict.Mismatch.class, run(observed, bad), "Run must see the observation");
        assertEquals(Check.RUN, r.check());
    }

    @Test
    void withoutTheObservationRunIsBlindToTheMisplacement() throws Exception {
        Module plain = Parser.parse(PLAIN);
        assertEquals(Verdict.PASS, run(plain, misplaced(ModuleBuild.of(plain))));
    }
}
