package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.HOST;
import static dev.a64w.diff.UnwindCheckFixtures.func;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Positive controls: unwind data that does not describe its code must be flagged as
 * {@code mismatch:unwind} naming the function, the offset of the first instruction where the
 * unwind goes wrong, and the register.
 */
@Epic("fuzz")
@Feature("unwind check")
class UnwindCheckControlsTest {
    static final List<String> EXPORTS = List.of("leaf", "badOffset", "missingNop", "badAlloc", "spInBody", "leafSp",
            "calls", "badFreg");

    /**
     * The {@code mov x15} of a stack probe without its {@code .seh_nop}. LLVM MC rejects that
     * ("Incorrect size for missingNop prologue"), so the xdata is written by hand (reference §6):
     * header 0x19600008 = CodeWords 3, E=1 with the epilogue at code byte 5, FunctionLength 8;
     * prologue codes {@code C1 00} (alloc_m 4096), {@code E3} (nop: the bl), {@code 81}
     * (save_fplr_x 16), {@code E4}; epilogue codes {@code C1 00 81 E4}; padding.
     */
    static final String MISSING_NOP = func("missingNop") + """
            \tstp x29, x30, [sp, #-16]!
            \tmov x15, #0x100
            \tbl __chkstk
            \tsub sp, sp, x15, uxtx #4
            \tstr x0, [sp]
            \tadd sp, sp, #1, lsl #12
            \tldp x29, x30, [sp], #16
            \tret
            \t.section .xdata,"dr"
            \t.p2align 2
            .Lxd_missingNop:
            \t.long 0x19600008
            \t.byte 0xc1, 0x00, 0xe3, 0x81, 0xe4, 0xc1, 0x00, 0x81, 0xe4, 0xe3, 0xe3, 0xe3
            \t.section .pdata,"dr"
            \t.p2align 2
            \t.rva missingNop
            \t.rva .Lxd_missingNop
            \t.text
            """;

    /** Vers = 1 in the xdata header (bits 19:18), which the decoder must reject. */
    static final String BAD_VERSION = "\t.text\n" + func("badVers") + """
            \tstp x29, x30, [sp, #-16]!
            \tldp x29, x30, [sp], #16
            \tret
            \t.section .xdata,"dr"
            \t.p2align 2
            .Lxd_badVers:
            \t.long 0x08240003
            \t.byte 0x81, 0xe4, 0xe3, 0xe3
            \t.section .pdata,"dr"
            \t.p2align 2
            \t.rva badVers
            \t.rva .Lxd_badVers
            """;

    static final String LISTING = "\t.text\n"
            + func("leaf") + "\tadd x0, x0, #1\n\tret\n"
            // stp at #16, unwind code says 32
            + func("badOffset") + """
            \t.seh_proc badOffset
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tstp x19, x20, [sp, #16]
            \t.seh_save_regp x19, 32
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x19, x0
            \t.seh_startepilogue
            \tldp x19, x20, [sp, #16]
            \t.seh_save_regp x19, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            // sp -= 48, unwind code says 32
            + func("badAlloc") + """
            \t.seh_proc badAlloc
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tsub sp, sp, #48
            \t.seh_stackalloc 32
            \t.seh_endprologue
            \tstr x0, [sp]
            \t.seh_startepilogue
            \tadd sp, sp, #48
            \t.seh_stackalloc 32
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            // a frame without a frame pointer whose body moves sp
            + func("spInBody") + """
            \t.seh_proc spInBody
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \t.seh_endprologue
            \tsub sp, sp, #16
            \tstr x0, [sp]
            \tbl leaf
            \tadd sp, sp, #16
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            // no .pdata (a leaf to the unwinder) but it moves sp
            + func("leafSp") + """
            \tsub sp, sp, #16
            \tstr x0, [sp]
            \tldr x0, [sp]
            \tadd sp, sp, #16
            \tret
            """
            // correct itself; the broken callee is found one frame down
            + func("calls") + """
            \t.seh_proc calls
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tbl leaf
            \tbl badAlloc
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            // stp d8,d9 at #16, unwind code says 24: d8 comes back as the saved d9
            + func("badFreg") + """
            \t.seh_proc badFreg
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tstp d8, d9, [sp, #16]
            \t.seh_save_fregp d8, 24
            \t.seh_endprologue
            \tfmov d8, x0
            \t.seh_startepilogue
            \tldp d8, d9, [sp, #16]
            \t.seh_save_fregp d8, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            + MISSING_NOP;

    static PeImage image;

    @BeforeAll
    static void build() {
        image = UnwindCheckFixtures.link(LISTING, EXPORTS);
    }

    static String mismatch(String function) {
        UnwindReport r = UnwindCheck.run(image, HOST, List.of(new Invocation(function, List.of(5L))), 100_000);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals(Check.UNWIND, m.check());
        System.out.println(m.line() + "\n    " + String.join("\n    ", r.lines()));
        return m.detail();
    }

    static void assertDetail(String detail, String prefix) {
        assertTrue(detail.startsWith(prefix), "expected '" + prefix + "...', got '" + detail + "'");
    }

    @Test
    void wrongSaveOffsetIsFlaggedAfterTheStore() {
        // at +0x8 the stp x19,x20 has run: x19 is read from [sp+32] (the caller's area) instead of [sp+16]
        assertDetail(mismatch("badOffset"), "%badOffset+0x8: x19 0x");
    }

    @Test
    void wrongFpSaveOffsetIsFlagged() {
        assertDetail(mismatch("badFreg"), "%badFreg+0x8: d8 0x4000d00900000009 expected 0x4000d00800000008");
    }

    @Test
    void wrongStackAllocIsFlaggedAfterTheSub() {
        assertDetail(mismatch("badAlloc"), "%badAlloc+0x8: sp 0x");
    }

    @Test
    void spChangedInTheBodyIsFlagged() {
        assertDetail(mismatch("spInBody"), "%spInBody+0x8: sp 0x");
    }

    @Test
    void leafThatMovesSpIsFlagged() {
        assertDetail(mismatch("leafSp"), "%leafSp+0x4: sp 0x");
    }

    @Test
    void brokenCalleeIsFlaggedInsideTheCallee() {
        assertDetail(mismatch("calls"), "%badAlloc+0x8: sp 0x");
    }

    @Test
    void undecodableUnwindDataIsAMismatchNamingTheFunction() {
        PeImage bad = UnwindCheckFixtures.link(BAD_VERSION, List.of("badVers"));
        UnwindReport r = UnwindCheck.run(bad, HOST, List.of(new Invocation("badVers", List.of())), 100);
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, r.verdict(), String.join("\n", r.lines()));
        assertEquals(Check.UNWIND, m.check());
        assertEquals(0, r.instructionsChecked());
        assertTrue(m.detail().startsWith("badVers: unwind data") && m.detail().contains("Vers expected 0, actual 1"),
                m.detail());
    }

    @Test
    void missingNopIsFlaggedWhereCodesAndInstructionsPart() {
        // prologue: stp; mov x15; bl __chkstk; sub — three codes for four instructions: at the sub
        // (+0xc) the unwinder already counts the prologue as done and undoes the 4 KiB not yet allocated
        assertDetail(mismatch("missingNop"), "%missingNop+0xc: sp 0x");
    }
}
