package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Special codes and {@code end_c}: 0xEC (clear_unwound_to_call) is audited, the custom frames and
 * reserved codes are unsupported with their names, and an {@code end_c} with nothing after it is
 * audited as an ordinary function.
 */
@Epic("fuzz")
@Feature("audit")
class AuditSpecialCodesTest {
    /** MSVC's __security_pop_cookie: no prologue; the epilogue deallocates the cookie and clears unwound-to-call. */
    static final String POP = AuditFixtures.func("popcookie") + """
            \t.seh_endprologue
            \tldr x16, [sp, #8]
            \t.seh_startepilogue
            \tadd sp, sp, #16
            \t.seh_stackalloc 16
            \t.seh_clear_unwound_to_call
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** A frame described as a machine frame (0xE9): nothing the synthetic entry state holds. */
    static final String MACHINE = AuditFixtures.func("machframe") + """
            \t.seh_pushframe
            \tsub sp, sp, #16
            \t.seh_stackalloc 16
            \t.seh_endprologue
            \t.seh_startepilogue
            \tadd sp, sp, #16
            \t.seh_stackalloc 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    @Test
    void clearUnwoundToCallIsAuditedAndCustomFramesAreUnsupported() {
        Bytes dll = AuditFixtures.dll(POP + MACHINE, List.of("popcookie", "machframe"));
        assertEquals("ok", AuditControlsTest.verdictOf(dll, "popcookie"));
        assertEquals("unsupported special unwind code 0xE9 (machine frame): restores from a structure at sp that the"
                + " synthetic entry state does not hold", AuditControlsTest.verdictOf(dll, "machframe"));
    }

    @Test
    void reservedCodesAreNamed() {
        assertEquals(Optional.of("reserved code 0xDF (SVE alloc_z in LLVM 21+), not modelled"),
                FunctionAuditor.unsupportedSpecial(0xDF));
        assertEquals(Optional.of("reserved code 0xF0 (Windows fails the unwind when it executes it), not modelled"),
                FunctionAuditor.unsupportedSpecial(0xF0));
        assertEquals(Optional.empty(), FunctionAuditor.unsupportedSpecial(0xEC));
    }
}
