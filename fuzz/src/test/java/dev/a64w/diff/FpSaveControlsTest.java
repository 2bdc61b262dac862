package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls for the float half of the frame, on the subject's own code: the backend's
 * listing of a function that keeps two floats in d8/d9 across a call, with one fault planted in
 * the text before LLVM MC assembles it. A d9 that the epilogue does not restore is flagged by the
 * Run check (the executor seeds d8..d15 and finds d9 changed at the return) and by the Unwind check
 * (the epilogue's codes say d9 is back, the register says otherwise); a {@code save_fregp} whose
 * offset is not the {@code stp}'s is flagged by the Unwind check. The listing unchanged passes both.
 */
@Epic("fuzz")
@Feature("unwind check")
class FpSaveControlsTest {
    static final String IR = """
            function %callee(f64) -> f64 {
            block0(v0: f64):
                v1 = fmul v0, v0
                return v1
            }

            function %saves(f64, f64, i64) -> f64 {
                fn0 = %callee(f64) -> f64
            block0(v0: f64, v1: f64, v2: i64):
                v3 = call fn0(v0)
                v4 = fadd v3, v0
                v5 = fadd v4, v1
                v6 = fcvt_from_sint.f64 v2
                v7 = fadd v5, v6
                return v7
            }
            """;

    static final HostFunctions NO_HOST = (dll, name, x, memory) -> 0L;
    static final List<String> EXPORTS = List.of("callee", "saves");
    /** The epilogue's restore of the pair (the prologue stores it with {@code stp}). */
    static final Pattern RESTORE = Pattern.compile("ldp\\s+d8,\\s*d9,\\s*\\[sp, #(\\d+)\\]");
    /** The prologue's directive for the pair (its first occurrence). */
    static final Pattern SAVE_DIRECTIVE = Pattern.compile("\\.seh_save_fregp\\s+d8,\\s*(\\d+)");

    static Module module;
    static String listing;
    static List<Invocation> invocations;
    static LlvmMc mc;

    @BeforeAll
    static void compile() throws Exception {
        module = Parser.parse(IR);
        listing = ModuleBuild.of(module).listing();
        invocations = List.of(Invocation.of(module, "saves",
                List.of(Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-2.25), 7L)));
        mc = new LlvmMc();
    }

    @AfterAll
    static void stop() {
        mc.close();
    }

    static PeImage image(String text) {
        McResult r = mc.assemble(text);
        assertTrue(r.ok(), r.errors() + "\n" + text);
        LinkResult l = new Linker().link(List.of(r.object()), Imports.NONE, EXPORTS);
        assertTrue(l.clean(), l.errors() + " " + l.warnings());
        return PeImage.parse(l.dll());
    }

    static Verdict run(String text) {
        return RunCheckTest.verdict(mc, module, text, EXPORTS, invocations);
    }

    static Verdict unwind(String text) {
        return UnwindCheck.run(image(text), NO_HOST, invocations, 100_000).verdict();
    }

    /** The listing with the epilogue's {@code ldp d8, d9} replaced by an {@code ldr d8} of the same slot. */
    static String d9NotRestored() {
        Matcher m = RESTORE.matcher(listing);
        assertTrue(m.find(), "the subject no longer restores d8/d9 with one ldp:\n" + listing);
        return listing.substring(0, m.start()) + "ldr d8, [sp, #" + m.group(1) + "]" + listing.substring(m.end());
    }

    /** The listing with the prologue's {@code .seh_save_fregp d8, N} saying N + 16. */
    static String wrongSaveFregpOffset() {
        Matcher m = SAVE_DIRECTIVE.matcher(listing);
        assertTrue(m.find(), "the subject no longer saves d8/d9 with save_fregp:\n" + listing);
        int offset = Integer.parseInt(m.group(1));
        return listing.substring(0, m.start()) + ".seh_save_fregp d8, " + (offset + 16) + listing.substring(m.end());
    }

    @Test
    void theSubjectsListingPassesRunAndUnwind() {
        assertEquals(Verdict.PASS, run(listing));
        assertEquals(Verdict.PASS, unwind(listing));
    }

    @Test
    void aD9NotRestoredIsFlaggedByRun() {
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, run(d9NotRestored()));
        assertEquals(Check.RUN, m.check());
        assertTrue(m.detail().contains("d9"), m.detail());
    }

    @Test
    void aD9NotRestoredIsFlaggedByUnwind() {
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, unwind(d9NotRestored()));
        assertEquals(Check.UNWIND, m.check());
        assertTrue(m.detail().contains("d9"), m.detail());
    }

    @Test
    void aWrongSaveFregpOffsetIsFlaggedByUnwind() {
        String wrong = wrongSaveFregpOffset();
        assertNotEquals(listing, wrong);
        assertEquals(Verdict.PASS, run(wrong), "the code is right: only its unwind data lies");
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, unwind(wrong));
        assertEquals(Check.UNWIND, m.check());
        assertTrue(m.detail().contains("d8") || m.detail().contains("d9"), m.detail());
    }
}
