package dev.a64w.check.unwind;

/**
 * The custom unwind codes 0xE8–0xEC as Windows executes them, and the failure of every other code
 * Windows rejects (docs/unwind-windows.md "Custom codes", "Reserved codes"). Each custom frame reads a
 * structure at the current sp; all of them stop pc from being taken from lr at the end (Windows'
 * FinalPcFromLr = FALSE), and the codes after them keep running on the restored state.
 *
 * <p>Layouts (byte offsets): ARM64 KTRAP_FRAME: VfpState pointer +0x10, Sp +0x98, X0..X18 +0xA0, Lr
 * +0x138, Fp +0x140, Pc +0x148; KARM64_VFP_STATE: Fpcr +0x8, Fpsr +0xC, V0..V31 +0x10. ARM64
 * CONTEXT: ContextFlags +0x0, X0..X28 +0x8, Fp +0xF0, Lr +0xF8, Sp +0x100, Pc +0x108, V0..V31
 * +0x110. AMD64 CONTEXT (ARM64EC): ContextFlags +0x30, Rax..R15 +0x78, Rip +0xF8, legacy
 * MM0..MM7 +0x120, Xmm0..Xmm15 +0x1A0.
 */
final class SpecialFrames {
    /** CONTEXT_UNWOUND_TO_CALL in ContextFlags (winnt.h, ARM64 and AMD64). */
    static final long CONTEXT_UNWOUND_TO_CALL = 0x2000_0000L;

    private SpecialFrames() {
    }

    static void apply(UnwindMachine m, int code) {
        switch (code) {
            case 0xE8 -> trapFrame(m);
            case 0xE9 -> machineFrame(m);
            case 0xEA -> context(m);
            case 0xEB -> ecContext(m);
            case 0xEC -> {
                // MSFT_OP_CLEAR_UNWOUND_TO_CALL: pc = lr as it is now; later lr restores no longer move pc
                m.pc = m.x[30];
                m.pcSet = true;
                m.unwoundToCall = false;
            }
            default -> throw new MalformedUnwindException(String.format("unwind code 0x%02x: Windows fails the "
                    + "unwind when it executes this reserved code (STATUS_UNWIND_INVALID_SEQUENCE); "
                    + "expected a code of the ARM64 table", code));
        }
    }

    /** MSFT_OP_TRAP_FRAME: x0..x18, sp, fp, lr, pc and (if saved) v0..v31 from a kernel trap frame. */
    private static void trapFrame(UnwindMachine m) {
        long base = m.sp;
        for (int i = 0; i < 19; i++) {
            m.x[i] = m.read(base + 0xA0 + 8L * i, "x" + i + " from the trap frame");
        }
        long vfp = m.read(base + 0x10, "the trap frame's VfpState pointer");
        if (vfp != 0) {
            long fpcr = m.read32(vfp + 0x8, "Fpcr from the VFP state");
            long fpsr = m.read32(vfp + 0xC, "Fpsr from the VFP state");
            if (fpcr != 0xFFFF_FFFFL && fpsr != 0xFFFF_FFFFL) {
                readVectors(m, vfp + 0x10, "the VFP state");
            }
        }
        m.x[29] = m.read(base + 0x140, "fp from the trap frame");
        m.x[30] = m.read(base + 0x138, "lr from the trap frame");
        m.pc = m.read(base + 0x148, "pc from the trap frame");
        m.sp = m.read(base + 0x98, "sp from the trap frame");
        m.pcSet = true;
        m.unwoundToCall = false;
    }

    /** MSFT_OP_MACHINE_FRAME: sp = [sp], pc = [sp+8]. */
    private static void machineFrame(UnwindMachine m) {
        long base = m.sp;
        m.pc = m.read(base + 8, "pc from the machine frame");
        m.sp = m.read(base, "sp from the machine frame");
        m.pcSet = true;
        m.unwoundToCall = false;
    }

    /** MSFT_OP_CONTEXT: x0..x28, fp, lr, sp, pc, v0..v31 from an ARM64 CONTEXT; the flag is inherited. */
    private static void context(UnwindMachine m) {
        long base = m.sp;
        for (int i = 0; i < 29; i++) {
            m.x[i] = m.read(base + 8 + 8L * i, "x" + i + " from the context");
        }
        readVectors(m, base + 0x110, "the context");
        m.x[29] = m.read(base + 0xF0, "fp from the context");
        m.x[30] = m.read(base + 0xF8, "lr from the context");
        m.pc = m.read(base + 0x108, "pc from the context");
        m.unwoundToCall = (m.read32(base, "ContextFlags from the context") & CONTEXT_UNWOUND_TO_CALL) != 0;
        m.sp = m.read(base + 0x100, "sp from the context");
        m.pcSet = true;
    }

    /**
     * MSFT_OP_EC_CONTEXT: an x64 CONTEXT mapped onto ARM64 registers by the ARM64EC register
     * correspondence, as Windows does it (Wine tests/unwind.c test_virtual_unwind_arm64 function_16
     * records the values): x0 rcx, x1 rdx, x2..x5 r8..r11, x8 rax, x19..x22 r12..r15, x25 rsi, x26 rdi,
     * x27 rbx, fp rbp, sp rsp, pc rip, lr mm0, x6/x7/x9..x12/x15 the low 64 bits of mm1/mm2/mm3..mm6/mm7,
     * x16/x17 the 16-bit tops of mm0..mm3/mm4..mm7, v0..v15 xmm0..xmm15; x13, x14, x18, x23, x24, x28
     * and v16..v31 have no x64 counterpart and become zero.
     */
    private static void ecContext(UnwindMachine m) {
        long b = m.sp;
        int[][] gprs = {{0, 0x80}, {1, 0x88}, {2, 0xB8}, {3, 0xC0}, {4, 0xC8}, {5, 0xD0}, {8, 0x78},
                {19, 0xD8}, {20, 0xE0}, {21, 0xE8}, {22, 0xF0}, {25, 0xA8}, {26, 0xB0}, {27, 0x90}, {29, 0xA0}};
        int[][] mmLow = {{30, 0}, {6, 1}, {7, 2}, {9, 3}, {10, 4}, {11, 5}, {12, 6}, {15, 7}};
        long[] x = new long[31];
        for (int[] g : gprs) {
            x[g[0]] = m.read(b + g[1], "x" + g[0] + " from the x64 context");
        }
        for (int[] g : mmLow) {
            x[g[0]] = m.read(b + 0x120 + 16L * g[1], "x" + g[0] + " from mm" + g[1]);
        }
        for (int half = 0; half < 2; half++) {
            long v = 0;
            for (int k = 0; k < 4; k++) {
                int mm = 4 * half + k;
                v |= (m.read(b + 0x128 + 16L * mm, "the top of mm" + mm) & 0xFFFF) << (16 * k);
            }
            x[16 + half] = v;
        }
        System.arraycopy(x, 0, m.x, 0, 31);
        for (int i = 0; i < 32; i++) {
            m.vLow[i] = i < 16 ? m.read(b + 0x1A0 + 16L * i, "v" + i + " from xmm" + i) : 0;
            m.vHigh[i] = i < 16 ? m.read(b + 0x1A8 + 16L * i, "v" + i + " from xmm" + i) : 0;
        }
        m.pc = m.read(b + 0xF8, "pc from rip");
        m.unwoundToCall = (m.read32(b + 0x30, "ContextFlags from the x64 context") & CONTEXT_UNWOUND_TO_CALL) != 0;
        m.sp = m.read(b + 0x98, "sp from rsp");
        m.pcSet = true;
    }

    private static void readVectors(UnwindMachine m, long at, String from) {
        for (int i = 0; i < 32; i++) {
            m.vLow[i] = m.read(at + 16L * i, "v" + i + " (low half) from " + from);
            m.vHigh[i] = m.read(at + 16L * i + 8, "v" + i + " (high half) from " + from);
        }
    }
}
