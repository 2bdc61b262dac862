package dev.a64w.diff;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listings assembled by real LLVM MC, and byte patches on the resulting objects (section headers read by hand). */
final class McFixtures {
    /**
     * f: frame record, call to an external, address and load of a data object; g: saves x20 and calls f;
     * leaf: no frame, no .pdata.
     */
    static final String LISTING = """
            \t.text
            \t.def f
            \t.scl 2
            \t.type 32
            \t.endef
            \t.globl f
            \t.p2align 2
            f:
            \t.seh_proc f
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tbl ext
            \tadrp x8, tab
            \tadd x8, x8, :lo12:tab
            \tadrp x9, tab
            \tldr x0, [x9, :lo12:tab]
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endfunclet
            \t.seh_endproc
            \t.def g
            \t.scl 2
            \t.type 32
            \t.endef
            \t.globl g
            \t.p2align 2
            g:
            \t.seh_proc g
            \tstr x20, [sp, #-16]!
            \t.seh_save_reg_x x20, 16
            \t.seh_endprologue
            \tbl f
            \t.seh_startepilogue
            \tldr x20, [sp], #16
            \t.seh_save_reg_x x20, 16
            \t.seh_endepilogue
            \tret
            \t.seh_endfunclet
            \t.seh_endproc
            \t.def leaf
            \t.scl 2
            \t.type 32
            \t.endef
            \t.globl leaf
            \t.p2align 2
            leaf:
            \tadd x0, x0, x1
            \tret
            \t.data
            \t.p2align 3
            tab:
            \t.xword 42
            \t.xword 7
            """;

    private McFixtures() {
    }

    static Bytes assemble(LlvmMc mc, String listing) {
        McResult r = mc.assemble(listing);
        assertTrue(r.ok(), () -> "LLVM MC rejected the test listing: " + r.errors());
        return r.object();
    }

    /** File offset of the section header of the first section with this (short) name. */
    static int header(Bytes obj, String name) {
        int count = obj.u16(2);
        int table = 20 + obj.u16(16);
        for (int i = 0; i < count; i++) {
            int at = table + 40 * i;
            String n = new String(obj.slice(at, at + 8).toArray(), StandardCharsets.US_ASCII).replace("\0", "");
            if (n.equals(name)) {
                return at;
            }
        }
        throw new AssertionError("no section " + name);
    }

    static int rawData(Bytes obj, String section) {
        return (int) obj.u32(header(obj, section) + 20);
    }

    static int relocationTable(Bytes obj, String section) {
        return (int) obj.u32(header(obj, section) + 24);
    }

    static Bytes patch8(Bytes obj, int at, int value) {
        byte[] b = obj.toArray();
        b[at] = (byte) value;
        return Bytes.of(b);
    }

    static Bytes patch16(Bytes obj, int at, int value) {
        return patch8(patch8(obj, at, value), at + 1, value >>> 8);
    }

    static Bytes patch32(Bytes obj, int at, long value) {
        return patch16(patch16(obj, at, (int) value), at + 2, (int) (value >>> 16));
    }

    /** Sets the IMAGE_SCN_ALIGN_* field of a section to {@code bytes} (a power of two, 1..8192). */
    static Bytes setAlignment(Bytes obj, String section, int bytes) {
        int at = header(obj, section) + 36;
        long ch = obj.u32(at) & ~0x00F0_0000L;
        long code = Integer.numberOfTrailingZeros(bytes) + 1;
        return patch32(obj, at, ch | (code << 20));
    }
}
