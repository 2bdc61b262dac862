package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;
import java.util.List;

/**
 * Test images for the audit: hand-written listings with {@code .seh_*} directives, assembled by
 * LLVM MC (which packs the canonical frames itself) and linked by lld-link, covering full and
 * packed unwind data, {@code __chkstk}, PAC, tail calls, several epilogues and FP saves.
 */
final class AuditFixtures {
    private AuditFixtures() {
    }

    static String func(String name) {
        return "\t.def " + name + "\n\t.scl 2\n\t.type 32\n\t.endef\n\t.globl " + name + "\n\t.p2align 2\n" + name
                + ":\n\t.seh_proc " + name + "\n";
    }

    /** Frame record plus x19 below it: Microsoft's frame type 5, needs .xdata. */
    static final String CHAINED = func("chained") + """
            \tstp x29, x30, [sp, #-32]!
            \t.seh_save_fplr_x 32
            \tstr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x19, x0
            \tadd x0, x19, #1
            \t.seh_startepilogue
            \tldr x19, [sp, #16]
            \t.seh_save_reg x19, 16
            \tldp x29, x30, [sp], #32
            \t.seh_save_fplr_x 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** The worked example of LLVM issue 54879: packed RegI=2, CR=3, FrameSize=2. */
    static final String PACKED = func("packed") + """
            \tstp x19, x20, [sp, #-16]!
            \t.seh_save_regp_x x19, 16
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov w0, wzr
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \tldp x19, x20, [sp], #16
            \t.seh_save_regp_x x19, 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** Integer and FP saves and a local area, no frame record (packs as RegI=4, RegF=1, CR=0). */
    static final String FP_SAVES = func("fpsaves") + """
            \tstp x19, x20, [sp, #-48]!
            \t.seh_save_regp_x x19, 48
            \tstp x21, x22, [sp, #16]
            \t.seh_save_regp x21, 16
            \tstp d8, d9, [sp, #32]
            \t.seh_save_fregp d8, 32
            \tsub sp, sp, #32
            \t.seh_stackalloc 32
            \t.seh_endprologue
            \tfmov d8, x0
            \tmov x19, x1
            \t.seh_startepilogue
            \tadd sp, sp, #32
            \t.seh_stackalloc 32
            \tldp d8, d9, [sp, #32]
            \t.seh_save_fregp d8, 32
            \tldp x21, x22, [sp, #16]
            \t.seh_save_regp x21, 16
            \tldp x19, x20, [sp], #48
            \t.seh_save_regp_x x19, 48
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** An 8 KiB frame allocated after a __chkstk probe. */
    static final String CHKSTK = func("bigframe") + """
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \tmov x15, #0x200
            \t.seh_nop
            \tbl __chkstk
            \t.seh_nop
            \tsub sp, sp, x15, lsl #4
            \t.seh_stackalloc 8192
            \t.seh_endprologue
            \tstr x0, [sp]
            \t.seh_startepilogue
            \tadd sp, sp, #2, lsl #12
            \t.seh_stackalloc 8192
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** Two epilogues (an early return), full .xdata with epilogue scopes. */
    static final String TWO_EPILOGUES = func("twoexits") + """
            \tstp x19, x20, [sp, #-32]!
            \t.seh_save_regp_x x19, 32
            \tstp x29, x30, [sp, #16]
            \t.seh_save_fplr 16
            \tadd x29, sp, #16
            \t.seh_add_fp 16
            \t.seh_endprologue
            \tcbz x0, 1f
            \t.seh_startepilogue
            \tldp x29, x30, [sp, #16]
            \t.seh_save_fplr 16
            \tldp x19, x20, [sp], #32
            \t.seh_save_regp_x x19, 32
            \t.seh_endepilogue
            \tret
            1:
            \tmov x0, #1
            \t.seh_startepilogue
            \tldp x29, x30, [sp, #16]
            \t.seh_save_fplr 16
            \tldp x19, x20, [sp], #32
            \t.seh_save_regp_x x19, 32
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** pacibsp/autibsp around a frame record (packs as CR=2). */
    static final String PAC = func("pac") + """
            \tpacibsp
            \t.seh_pac_sign_lr
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tmov x0, #2
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \tautibsp
            \t.seh_pac_sign_lr
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    /** An epilogue ending in a tail call. */
    static final String TAIL = func("tail") + """
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tadd x0, x0, #3
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tb packed
            \t.seh_endproc
            """;

    /** A leaf with locals and no saved register (packs as CR=0, FrameSize=1). */
    static final String LEAF = func("leafframe") + """
            \tsub sp, sp, #16
            \t.seh_stackalloc 16
            \t.seh_endprologue
            \tstr x0, [sp, #8]
            \t.seh_startepilogue
            \tadd sp, sp, #16
            \t.seh_stackalloc 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """;

    static final List<String> GOOD = List.of(CHAINED, PACKED, FP_SAVES, CHKSTK, TWO_EPILOGUES, PAC, TAIL, LEAF);
    static final List<String> GOOD_NAMES = List.of("chained", "packed", "fpsaves", "bigframe", "twoexits", "pac", "tail",
            "leafframe");

    static Bytes object(String listing) {
        try (LlvmMc mc = new LlvmMc()) {
            McResult r = mc.assemble("\t.text\n" + listing);
            assertEquals(List.of(), r.errors(), "assembling:\n" + listing);
            assertEquals(List.of(), r.warnings(), "assembling:\n" + listing);
            return r.object();
        }
    }

    /** Assembles and links {@code listing} into a DLL exporting {@code exports}. */
    static Bytes dll(String listing, List<String> exports) {
        LinkResult l = new Linker().link(List.of(object(listing)), Imports.of("host.dll", List.of("hostfn")), exports);
        assertTrue(l.clean(), l.errors() + " " + l.warnings());
        return l.dll();
    }

    /** Replaces the only occurrence of {@code from} in {@code b} by {@code to} (same length). */
    static Bytes patch(Bytes b, byte[] from, byte[] to) {
        byte[] a = b.toArray();
        int found = -1;
        for (int i = 0; i + from.length <= a.length; i++) {
            if (java.util.Arrays.equals(a, i, i + from.length, from, 0, from.length)) {
                assertEquals(-1, found, "pattern occurs twice");
                found = i;
            }
        }
        assertTrue(found >= 0, "pattern not found");
        System.arraycopy(to, 0, a, found, to.length);
        return Bytes.of(a);
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
