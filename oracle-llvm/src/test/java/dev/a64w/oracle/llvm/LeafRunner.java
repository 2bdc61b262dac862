package dev.a64w.oracle.llvm;

import dev.a64w.util.Bytes;
import unicorn.Arm64Const;
import unicorn.Unicorn;
import unicorn.UnicornConst;

/**
 * Test helper: runs the first function of a COFF object's {@code .text} on the Unicorn emulator,
 * for leaf code without relocations (pure arithmetic). Each load gets a fresh code page, so no
 * stale translation is ever executed. Not thread-safe; one per test class.
 */
final class LeafRunner implements AutoCloseable {
    /** How a call ended: returned x0/x1, or hit {@code brk #imm} (any other exception: imm -1). */
    sealed interface Outcome {
        record Returned(long x0, long x1) implements Outcome {}

        record Trapped(int imm) implements Outcome {}
    }

    private static final long SENTINEL = 0x7000_0000L;
    private static final long STACK = 0x6000_0000L;
    private static final long STACK_SIZE = 0x10000;
    private final Unicorn uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
    private long nextPage = 0x1000_0000L;
    private long trapPc = -1;

    LeafRunner() {
        uc.reg_write(Arm64Const.UC_ARM64_REG_CPACR_EL1, 3L << 20); // FP/SIMD on (LLVM's popcnt uses cnt v.8b)
        uc.mem_map(SENTINEL, 0x1000, UnicornConst.UC_PROT_ALL);
        uc.mem_map(STACK, STACK_SIZE, UnicornConst.UC_PROT_ALL);
        uc.hook_add((unicorn.InterruptHook) (u, intno, user) -> {
            trapPc = ((Number) u.reg_read(Arm64Const.UC_ARM64_REG_PC)).longValue();
            u.emu_stop();
        }, null);
    }

    /** Maps the object's {@code .text} (which must have no relocations); returns its address. */
    long load(Bytes object) {
        int sections = object.u16(2);
        int table = 20 + object.u16(16);
        for (int i = 0; i < sections; i++) {
            int h = table + 40 * i;
            String name = new String(object.slice(h, h + 8).toArray()).replace("\0", "");
            if (name.equals(".text")) {
                int size = (int) object.u32(h + 16);
                int raw = (int) object.u32(h + 20);
                if (object.u16(h + 32) != 0) {
                    throw new IllegalStateException(".text has relocations; LeafRunner runs leaf code only");
                }
                long pages = (size + 0xfffL) & ~0xfffL;
                long at = nextPage;
                nextPage += pages + 0x1000;
                uc.mem_map(at, Math.max(pages, 0x1000), UnicornConst.UC_PROT_ALL);
                uc.mem_write(at, object.slice(raw, raw + size).toArray());
                return at;
            }
        }
        throw new IllegalStateException("no .text section");
    }

    Outcome call(long entry, long... args) {
        return callMixed(entry, args, new long[0], false);
    }

    /**
     * Calls with integer arguments in x0.. and float arguments (raw bits) in d0..; the result is
     * x0/x1, or d0/d1 when {@code floatResult}.
     */
    Outcome callMixed(long entry, long[] args, long[] fpArgs, boolean floatResult) {
        for (int i = 0; i < args.length; i++) {
            uc.reg_write(Arm64Const.UC_ARM64_REG_X0 + i, args[i]);
        }
        for (int i = 0; i < fpArgs.length; i++) {
            uc.reg_write(Arm64Const.UC_ARM64_REG_D0 + i, fpArgs[i]);
        }
        uc.reg_write(Arm64Const.UC_ARM64_REG_SP, STACK + STACK_SIZE - 64);
        uc.reg_write(Arm64Const.UC_ARM64_REG_LR, SENTINEL);
        trapPc = -1;
        uc.emu_start(entry, SENTINEL, 0, 100_000);
        if (trapPc >= 0) {
            long word = Bytes.of(uc.mem_read(trapPc, 4)).u32(0);
            boolean brk = (word & 0xffe0001fL) == 0xd4200000L;
            return new Outcome.Trapped(brk ? (int) ((word >> 5) & 0xffff) : -1);
        }
        int r0 = floatResult ? Arm64Const.UC_ARM64_REG_D0 : Arm64Const.UC_ARM64_REG_X0;
        return new Outcome.Returned(((Number) uc.reg_read(r0)).longValue(),
                ((Number) uc.reg_read(r0 + 1)).longValue());
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
