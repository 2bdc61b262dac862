package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code bl} in a prologue or epilogue runs the real callee in the image (MSVC's /GS
 * {@code __security_push_cookie}/{@code __security_pop_cookie} and its {@code __chkstk} shapes,
 * written out here), and the unwind codes must describe what it did to SP; a callee that does not
 * return, writes x18 or reads the TEB beyond the stack bounds is unsupported; outside the image
 * (a relocated {@code bl} in an object) only {@code __chkstk} is known.
 */
@Epic("fuzz")
@Feature("audit")
class AuditHelperCallTest {
    /** The helpers, as MSVC's CRT writes them (a cookie derived from SP instead of a global). */
    static final String HELPERS = """
            \t.p2align 2
            push16:
            \tsub sp, sp, #16
            \tmov x17, sp
            \teor x17, x17, #0xff00
            \tstr x17, [sp, #8]
            \tret
            \t.p2align 2
            pop16:
            \tldr x16, [sp, #8]
            \tmov x17, sp
            \teor x17, x17, #0xff00
            \tcmp x16, x17
            \tb.ne 1f
            \tadd sp, sp, #16
            \tret
            1:
            \tbrk #0xf003
            \t.p2align 2
            probe_teb:
            \tldr x17, [x18, #0x10]
            \tsubs x16, sp, x15, lsl #4
            \tcsel x16, xzr, x16, lo
            \tcmp x16, x17
            \tb.lo 2f
            \tret
            2:
            \tand x16, x16, #0xfffffffffffff000
            3:
            \tsub x17, x17, #1, lsl #12
            \tldr xzr, [x17]
            \tcmp x17, x16
            \tb.ne 3b
            \tret
            \t.p2align 2
            forever:
            \tb forever
            \t.p2align 2
            clobber18:
            \tmov x18, xzr
            \tret
            \t.p2align 2
            peek_teb:
            \tldr x16, [x18, #0x30]
            \tret
            """;

    /** The /GS shape without a frame pointer: push in the prologue (alloc 16), pop in the epilogue. */
    static final String COOKIE = AuditFixtures.func("cookie") + """
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tbl push16
            \t.seh_stackalloc 16
            \t.seh_endprologue
            \tmov x0, #1
            \t.seh_startepilogue
            \tbl pop16
            \t.seh_stackalloc 16
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** MSVC's big frame: the probe in the image reads the stack limit from the TEB and touches 24 pages. */
    static final String PROBED = AuditFixtures.func("probed") + """
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x15, #0x1800
            \t.seh_nop
            \tbl probe_teb
            \t.seh_nop
            \tsub sp, sp, x15, lsl #4
            \t.seh_stackalloc 98304
            \t.seh_endprologue
            \tmov x0, #2
            \t.seh_startepilogue
            \tadd sp, sp, #24, lsl #12
            \t.seh_stackalloc 98304
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    static String caller(String name, String helper) {
        return AuditFixtures.func(name) + """
                \tstp x29, x30, [sp, #-16]!
                \t.seh_save_fplr_x 16
                \tbl %s
                \t.seh_nop
                \t.seh_endprologue
                \tmov x0, #3
                \t.seh_startepilogue
                \tldp x29, x30, [sp], #16
                \t.seh_save_fplr_x 16
                \t.seh_endepilogue
                \tret
                \t.seh_endproc
                """.formatted(helper);
    }

    static final List<String> NAMES = List.of("cookie", "probed", "loops", "writes18", "peeks");
    static Bytes dll;

    @BeforeAll
    static void build() {
        dll = AuditFixtures.dll(listing(COOKIE), NAMES);
    }

    static String listing(String cookie) {
        return cookie + PROBED + caller("loops", "forever") + caller("writes18", "clobber18") + caller("peeks", "peek_teb")
                + HELPERS;
    }

    @Test
    void cookiePushAndPopAreRunAndAgreeWithAllocCodes() {
        assertEquals("ok", AuditControlsTest.verdictOf(dll, "cookie"));
        assertEquals("ok", AuditControlsTest.verdictOf(dll, "probed"));
    }

    @Test
    void helperEffectNotDescribedIsFlaggedAfterTheCall() {
        String nop = COOKIE.replaceFirst("\\.seh_stackalloc 16", ".seh_nop");
        Bytes image = AuditFixtures.dll(listing(nop), NAMES);
        assertEquals(String.format("disagree +0x8 sp expected 0x%x got 0x%x", EntryState.ENTRY_SP, EntryState.ENTRY_SP - 16),
                AuditControlsTest.verdictOf(image, "cookie"));
    }

    @Test
    void helpersTheAuditCannotRunAreUnsupported() {
        assertTrue(AuditControlsTest.verdictOf(dll, "loops").matches(
                "unsupported bl #\\d+ at \\+0x4 in the prologue: the callee 0x[0-9a-f]+ has not returned after 20000 instructions"),
                AuditControlsTest.verdictOf(dll, "loops"));
        assertTrue(AuditControlsTest.verdictOf(dll, "writes18").matches(
                "unsupported bl #\\d+ at \\+0x4 in the prologue: the callee 0x[0-9a-f]+ writes x18 \\(the TEB pointer\\) at 0x[0-9a-f]+"),
                AuditControlsTest.verdictOf(dll, "writes18"));
        assertTrue(AuditControlsTest.verdictOf(dll, "peeks").matches(
                "unsupported bl #\\d+ at \\+0x4 in the prologue: the callee 0x[0-9a-f]+ stops at 0x[0-9a-f]+ \\(ldr x16, \\[x18, #48\\]\\):"
                        + " reads 8 bytes of the TEB \\(x18\\) at \\+0x30, which the audit does not model"),
                AuditControlsTest.verdictOf(dll, "peeks"));
    }

    @Test
    void inAnObjectOnlyChkstkIsKnownOutsideTheObject() {
        // MC resolves a branch to a label of the same section: the helper is in the object and runs
        assertEquals("ok", AuditControlsTest.verdictOf(AuditFixtures.object(listing(COOKIE)), "cookie"));
        Bytes obj = AuditFixtures.object(COOKIE.replace("bl push16", "bl __security_push_cookie")
                .replace("bl pop16", "bl __security_pop_cookie"));
        assertEquals("unsupported bl #0 at +0x4 in the prologue: calls __security_push_cookie, outside the object"
                + " (the audit does not link)", AuditControlsTest.verdictOf(obj, "cookie"));
        assertEquals("ok", AuditControlsTest.verdictOf(AuditFixtures.object(AuditFixtures.CHKSTK), "bigframe"));
    }
}
