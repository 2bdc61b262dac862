package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where an epilogue starts from when the body moved SP after the prologue (found from the code,
 * {@link EpilogueProbe}): the shapes of real images that once gave false disagreements or were
 * unsupported, each with a positive control that alters one code.
 */
@Epic("fuzz")
@Feature("audit")
class AuditEpilogueStartTest {
    /**
     * libvips-42.dll 0x306250 (llvm-mingw): frame pointer, then 80032 bytes allocated in the body
     * ({@code mov x15; bl __chkstk; sub sp, sp, x15, lsl #4}), described only by the epilogue's two
     * alloc codes. Run from the post-prologue SP the epilogue reads past the caller's 64 KiB.
     */
    static final String BIG_BODY = AuditFixtures.func("bigbody") + """
            \tstp x19, x20, [sp, #-48]!
            \t.seh_save_regp_x x19, 48
            \tstp d14, d15, [sp, #16]
            \t.seh_save_fregp d14, 16
            \tstp x29, x30, [sp, #32]
            \t.seh_save_fplr 32
            \tadd x29, sp, #32
            \t.seh_add_fp 32
            \t.seh_endprologue
            \tmov x15, #5002
            \tbl __chkstk
            \tsub sp, sp, x15, lsl #4
            \tmov x0, sp
            \t.seh_startepilogue
            \tadd sp, sp, #19, lsl #12
            \t.seh_stackalloc 77824
            \tadd sp, sp, #0x8a0
            \t.seh_stackalloc 2208
            \tldp x29, x30, [sp, #32]
            \t.seh_save_fplr 32
            \tldp d14, d15, [sp, #16]
            \t.seh_save_fregp d14, 16
            \tldp x19, x20, [sp], #48
            \t.seh_save_regp_x x19, 48
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /**
     * sharp .node 0x37c08 (MSVC /GS): the cookie pushed in the body, after the prologue, then
     * {@code sub sp}; the epilogue starts with the pop, described by {@code set_fp} (SP = x29 is
     * what the pop leaves). Run from the post-prologue SP the pop finds no cookie and fails.
     */
    static final String BODY_COOKIE = AuditFixtures.func("bodycookie") + """
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tstr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tbl push16
            \tsub sp, sp, #0x490
            \tmov x19, x0
            \tadd sp, sp, #0x490
            \t.seh_startepilogue
            \tbl pop16
            \t.seh_set_fp
            \tldr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    static final List<String> NAMES = List.of("bigbody", "bodycookie");

    static Bytes image(String bigBody, String bodyCookie) {
        return AuditFixtures.dll(bigBody + bodyCookie + AuditHelperCallTest.HELPERS, NAMES);
    }

    @Test
    void bodyAllocationLargerThanTheCallersFrameIsFoundFromTheEpilogue() {
        Bytes dll = image(BIG_BODY, BODY_COOKIE);
        assertEquals("ok", AuditControlsTest.verdictOf(dll, "bigbody"));
        assertEquals("ok", AuditControlsTest.verdictOf(AuditFixtures.object(BIG_BODY), "bigbody"));
        Bytes bad = image(BIG_BODY.replace(".seh_stackalloc 2208", ".seh_stackalloc 2192"), BODY_COOKIE);
        assertEquals(String.format("disagree +0x20 sp expected 0x%x got 0x%x", EntryState.ENTRY_SP, EntryState.ENTRY_SP - 16),
                AuditControlsTest.verdictOf(bad, "bigbody"));
    }

    @Test
    void cookiePushedInTheBodyIsKeptForTheEpilogue() {
        Bytes dll = image(BIG_BODY, BODY_COOKIE);
        assertEquals("ok", AuditControlsTest.verdictOf(dll, "bodycookie"));
        // described as nop instead of set_fp: unwinding before the pop leaves SP 16 bytes low
        Bytes bad = image(BIG_BODY, BODY_COOKIE.replaceFirst("bl pop16\n\t\\.seh_set_fp", "bl pop16\n\t.seh_nop"));
        assertEquals(String.format("disagree +0x1c sp expected 0x%x got 0x%x", EntryState.ENTRY_SP, EntryState.ENTRY_SP - 16),
                AuditControlsTest.verdictOf(bad, "bodycookie"));
    }
}
