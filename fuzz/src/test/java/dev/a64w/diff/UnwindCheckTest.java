package dev.a64w.diff;

import static dev.a64w.diff.UnwindCheckFixtures.HOST;
import static dev.a64w.diff.UnwindCheckFixtures.func;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import dev.a64w.exec.RuntimeFunction;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Correct frames pass the unwind check at every instruction boundary: a non-leaf with an xdata
 * frame, a leaf without {@code .pdata}, two epilogues sharing prologue codes, a 8 KiB frame probed
 * with {@code __chkstk}, packed unwind data, nested and indirect calls, import calls both through a
 * linker thunk and through the IAT.
 */
@Epic("fuzz")
@Feature("unwind check")
class UnwindCheckTest {
    static final List<String> EXPORTS = List.of("leaf", "nonleaf", "twoexits", "bigframe", "packed", "outer", "spin");

    static final String LISTING = "\t.text\n"
            + func("leaf") + "\tadd x0, x0, #1\n\tret\n"
            + func("nonleaf") + """
            \t.seh_proc nonleaf
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tmov x29, sp
            \t.seh_set_fp
            \tstp x19, x20, [sp, #16]
            \t.seh_save_regp x19, 16
            \tsub sp, sp, #32
            \t.seh_stackalloc 32
            \t.seh_endprologue
            \tmov x19, x0
            \tmov x20, #3
            \tstr x19, [sp, #8]
            \tbl leaf
            \tldr x1, [sp, #8]
            \tadd x0, x0, x1
            \tadd x0, x0, x20
            \t.seh_startepilogue
            \tadd sp, sp, #32
            \t.seh_stackalloc 32
            \tldp x19, x20, [sp, #16]
            \t.seh_save_regp x19, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            + func("twoexits") + """
            \t.seh_proc twoexits
            \tstp x19, x20, [sp, #-48]!
            \t.seh_save_regp_x x19, 48
            \tstp d8, d9, [sp, #16]
            \t.seh_save_fregp d8, 16
            \tstp x29, x30, [sp, #32]
            \t.seh_save_fplr 32
            \tadd x29, sp, #32
            \t.seh_add_fp 32
            \t.seh_endprologue
            \tmov x19, x0
            \tfmov d8, x0
            \tfmov d9, x0
            \tcbz x0, 1f
            \tbl leaf
            \tfmov x1, d8
            \tadd x0, x0, x1
            \t.seh_startepilogue
            \tldp x29, x30, [sp, #32]
            \t.seh_save_fplr 32
            \tldp d8, d9, [sp, #16]
            \t.seh_save_fregp d8, 16
            \tldp x19, x20, [sp], #48
            \t.seh_save_regp_x x19, 48
            \t.seh_endepilogue
            \tret
            1:
            \tmov x0, #7
            \t.seh_startepilogue
            \tldp x29, x30, [sp, #32]
            \t.seh_save_fplr 32
            \tldp d8, d9, [sp, #16]
            \t.seh_save_fregp d8, 16
            \tldp x19, x20, [sp], #48
            \t.seh_save_regp_x x19, 48
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            + func("bigframe") + """
            \t.seh_proc bigframe
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \tmov x15, #0x200
            \t.seh_nop
            \tbl __chkstk
            \t.seh_nop
            \tsub sp, sp, x15, uxtx #4
            \t.seh_stackalloc 8192
            \t.seh_endprologue
            \tstr x0, [sp, #4096]
            \tbl leaf
            \tldr x1, [sp, #4096]
            \tadd x0, x0, x1
            \t.seh_startepilogue
            \tadd sp, sp, #2, lsl #12
            \t.seh_stackalloc 8192
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            // the canonical packed frame of reference §5.1's worked example (RegI=2, CR=3)
            + func("packed") + """
            \t.seh_proc packed
            \tstp x19, x20, [sp, #-16]!
            \t.seh_save_r19r20_x 16
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x19, x0
            \tbl leaf
            \tadd x0, x0, x19
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \tldp x19, x20, [sp], #16
            \t.seh_save_r19r20_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            + func("outer") + """
            \t.seh_proc outer
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tstr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x19, x0
            \tbl nonleaf
            \tmov x0, x19
            \tbl twoexits
            \tbl packed
            \tadrp x8, bigframe
            \tadd x8, x8, :lo12:bigframe
            \tblr x8
            \tbl hostfn
            \tadrp x8, __imp_hostfn
            \tldr x8, [x8, :lo12:__imp_hostfn]
            \tblr x8
            \tadd x0, x0, x19
            \t.seh_startepilogue
            \tldr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """
            + func("spin") + """
            \t.seh_proc spin
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x1, #0
            1:
            \tadd x1, x1, x0
            \tsubs x0, x0, #1
            \tb.ne 1b
            \tmov x0, x1
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    static PeImage image;

    @BeforeAll
    static void build() {
        image = UnwindCheckFixtures.link(LISTING, EXPORTS);
    }

    static UnwindReport check(Invocation... invs) {
        return UnwindCheck.run(image, HOST, List.of(invs), 1_000_000);
    }

    static void assertPass(UnwindReport r, int calls) {
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertEquals(calls, r.lines().size(), String.join("\n", r.lines()));
        for (String line : r.lines()) {
            assertTrue(line.contains("returned"), line);
        }
    }

    @Test
    void imageHasXdataAndPackedEntries() {
        assertTrue(image.runtimeFunctions().stream().anyMatch(RuntimeFunction::packed), "packed entry expected");
        assertTrue(image.runtimeFunctions().stream().anyMatch(f -> !f.packed()), "xdata entry expected");
    }

    @Test
    void leafWithoutPdataPasses() {
        UnwindReport r = check(new Invocation("leaf", List.of(41L)));
        assertPass(r, 1);
        assertEquals(2, r.instructionsChecked(), r.lines().toString());
    }

    @Test
    void nonLeafFrameUnwindsAtEveryInstruction() {
        UnwindReport r = check(new Invocation("nonleaf", List.of(5L)));
        assertPass(r, 1);
        // nonleaf's 15 instructions plus leaf's 2
        assertEquals(15 + 2, r.instructionsChecked(), r.lines().toString());
    }

    @Test
    void twoEpiloguesBothUnwind() {
        UnwindReport r = check(new Invocation("twoexits", List.of(0L)), new Invocation("twoexits", List.of(9L)));
        assertPass(r, 2);
    }

    @Test
    void chkstkFrameUnwinds() {
        UnwindReport r = check(new Invocation("bigframe", List.of(3L)));
        assertPass(r, 1);
        // 12 of bigframe, 2 of leaf, 3 of the lld thunk for __chkstk (the stub itself is outside the image)
        assertEquals(12 + 2 + 3, r.instructionsChecked(), r.lines().toString());
    }

    @Test
    void packedFrameUnwinds() {
        assertPass(check(new Invocation("packed", List.of(3L))), 1);
    }

    @Test
    void nestedDirectIndirectAndImportCallsUnwind() {
        UnwindReport r = check(new Invocation("outer", List.of(4L)), new Invocation("outer", List.of(0L)),
                new Invocation("leaf", List.of(1L)));
        assertPass(r, 3);
    }

    @Test
    void budgetIsSharedByTheInvocations() {
        UnwindReport r = UnwindCheck.run(image, HOST, List.of(new Invocation("spin", List.of(100L)),
                new Invocation("spin", List.of(1_000L)), new Invocation("leaf", List.of(1L))), 1_000);
        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(3, r.lines().size(), String.join("\n", r.lines()));
        assertTrue(r.lines().get(0).contains("returned"), r.lines().get(0));
        assertTrue(r.lines().get(1).contains("exhausted its budget"), r.lines().get(1));
        assertTrue(r.lines().get(2).contains("1 invocation(s) not checked"), r.lines().get(2));
        // Unicorn calls the code hook once more for the instruction at which its count stops it
        assertTrue(r.instructionsChecked() >= 1_000 && r.instructionsChecked() <= 1_001, r.lines().toString());
    }

    @Test
    void throughput() {
        check(new Invocation("spin", List.of(1_000L))); // warm up: first engine, JIT
        long n = 50_000;
        long t0 = System.nanoTime();
        UnwindReport r = check(new Invocation("spin", List.of(n)));
        long ns = System.nanoTime() - t0;
        assertPass(r, 1);
        assertEquals(3 * n + 6, r.instructionsChecked(), r.lines().toString());
        System.out.printf("unwind check: %d instruction boundaries in %.1f ms = %.0f instructions/s%n",
                r.instructionsChecked(), ns / 1e6, r.instructionsChecked() * 1e9 / ns);
    }
}
