package dev.a64w.diff;

/**
 * Listings of one framed function of just over 1 MiB (reference §6.2), for the checks that must
 * handle unwind fragments. {@code big(x)} saves x29/x30 and x19, sets x19 = x + 0, branches over
 * 0x40000 nops into its second MiB, returns x19 + 1 there. Layout (bytes): prologue 0x0-0xc,
 * {@code mov x19, x0} at 0xc, {@code b .Lfar} at 0x10, nops, {@code .Lfar: add} at {@link #FAR},
 * epilogue at {@link #EPILOGUE} ({@code ldr x19; ldp x29,x30; ret}), length {@link #LENGTH}.
 */
final class LongFunctionFixtures {
    static final int NOPS = 0x40000;
    static final int FAR = 0x14 + 4 * NOPS;
    static final int EPILOGUE = FAR + 4;
    static final int LENGTH = EPILOGUE + 12;

    /** Prologue codes of the frame (reversed, then end): set_fp, save_reg x19 #16, save_fplr_x 32. */
    static final String PROLOGUE_CODES = "0xe1, 0xd0, 0x02, 0x83, 0xe4";
    /** The same frame as a phantom prologue in a later fragment (after end_c). */
    static final String PHANTOM = "0xe5, " + PROLOGUE_CODES;
    /** A wrong phantom prologue: save_fplr_x 48 instead of 32 (SP comes back 16 bytes too high). */
    static final String WRONG_PHANTOM = "0xe5, 0xe1, 0xd0, 0x02, 0x85, 0xe4";

    private LongFunctionFixtures() {
    }

    private static String body(boolean seh) {
        StringBuilder sb = new StringBuilder("\t.text\n").append(UnwindCheckFixtures.func("big"));
        if (seh) {
            sb.append("\t.seh_proc big\n");
        }
        sb.append("\tstp x29, x30, [sp, #-32]!\n").append(seh ? "\t.seh_save_fplr_x 32\n" : "");
        sb.append("\tstr x19, [sp, #16]\n").append(seh ? "\t.seh_save_reg x19, 16\n" : "");
        sb.append("\tmov x29, sp\n").append(seh ? "\t.seh_set_fp\n\t.seh_endprologue\n" : "");
        sb.append("\tmov x19, x0\n\tb .Lfar\n\t.rept ").append(NOPS).append("\n\tnop\n\t.endr\n.Lfar:\n\tadd x0, x19, #1\n");
        sb.append(seh ? "\t.seh_startepilogue\n" : "");
        sb.append("\tldr x19, [sp, #16]\n").append(seh ? "\t.seh_save_reg x19, 16\n" : "");
        sb.append("\tldp x29, x30, [sp], #32\n").append(seh ? "\t.seh_save_fplr_x 32\n\t.seh_endepilogue\n" : "");
        sb.append("\tret\n").append(seh ? "\t.seh_endproc\n" : "");
        return sb.toString();
    }

    /** The function with {@code .seh_*} directives: LLVM MC cuts it itself (at 0xffffc). */
    static String seh() {
        return body(true);
    }

    /**
     * The function with hand-written unwind data cut at {@code cut} (a multiple of 4 below
     * {@link #FAR}): the first fragment has the prologue and no epilogue (E=0, no scopes); the
     * second starts with {@code secondPrologue} (codes up to and including its {@code end}, at most
     * 6 bytes) and has the final epilogue as a tail of those codes at index {@code epilogueIndex} (E=1).
     */
    static String handSplit(int cut, String secondPrologue, int epilogueIndex) {
        int first = 0x1000_0000 | (cut / 4);
        int second = 0x1000_0000 | (1 << 21) | (epilogueIndex << 22) | ((LENGTH - cut) / 4);
        return body(false) + String.format("""
                \t.section .xdata,"dr"
                \t.p2align 2
                .Lxd1:
                \t.long 0x%08x
                \t.byte %s, 0xe3, 0xe3, 0xe3
                .Lxd2:
                \t.long 0x%08x
                \t.byte %s
                \t.p2align 2, 0xe3
                \t.section .pdata,"dr"
                \t.p2align 2
                \t.rva big
                \t.rva .Lxd1
                \t.rva big+0x%x
                \t.rva .Lxd2
                \t.text
                """, first, PROLOGUE_CODES, second, secondPrologue, cut);
    }
}
