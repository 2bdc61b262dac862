package dev.a64w.exec;

import unicorn.Unicorn;
import unicorn.UnicornConst;

/**
 * Maps what {@link UnicornExecutor} runs: the image at its base with per-section protections
 * (PE "Section Flags": MEM_READ/WRITE/EXECUTE), the import stub page, the sentinel page, the fake
 * TEB (NT_TIB StackBase +0x08, StackLimit +0x10, Self +0x30), the stack and its guard page.
 */
final class ImageLoader {
    static final long PAGE = 0x1000;
    static final long TEB_SIZE = 0x2000;
    private static final long RET = 0xd65f_03c0L;

    private ImageLoader() {}

    static void mapImage(Unicorn uc, PeImage image, byte[] initial) {
        long base = image.imageBase();
        uc.mem_map(base, roundUp(image.sizeOfImage()), UnicornConst.UC_PROT_ALL);
        uc.mem_write(base, initial);
        if (image.sectionAlignment() % PAGE != 0) {
            return; // sections share pages: leave the image RWX
        }
        long firstSection = image.sections().stream().mapToLong(PeSection::virtualAddress).min().orElse(image.sizeOfImage());
        uc.mem_protect(base, roundUp(firstSection), UnicornConst.UC_PROT_READ);
        for (PeSection s : image.sections()) {
            if (s.virtualSize() == 0) {
                continue;
            }
            int prot = UnicornConst.UC_PROT_READ;
            if (s.writable()) {
                prot |= UnicornConst.UC_PROT_WRITE;
            }
            if (s.executable()) {
                prot |= UnicornConst.UC_PROT_EXEC;
            }
            uc.mem_protect(base + s.virtualAddress(), roundUp(s.virtualSize()), prot);
        }
    }

    static void mapRuntime(Unicorn uc, int n, long stackSize) {
        byte[] stubs = new byte[(int) roundUp(Math.max(8L * n, 1))];
        for (int i = 0; i < n; i++) {
            putU32(stubs, 8 * i, UnicornExecutor.BRK | ((long) UnicornExecutor.STUB_BRK << 5));
            putU32(stubs, 8 * i + 4, RET);
        }
        uc.mem_map(UnicornExecutor.STUBS, stubs.length, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
        uc.mem_write(UnicornExecutor.STUBS, stubs);
        byte[] sentinel = new byte[(int) PAGE];
        for (int i = 0; i < sentinel.length; i += 4) {
            putU32(sentinel, i, UnicornExecutor.BRK | (0xdead << 5));
        }
        uc.mem_map(UnicornExecutor.SENTINEL, PAGE, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
        uc.mem_write(UnicornExecutor.SENTINEL, sentinel);
        byte[] teb = new byte[(int) TEB_SIZE];
        putU64(teb, 0x08, UnicornExecutor.STACK_TOP); // NT_TIB.StackBase
        putU64(teb, 0x10, UnicornExecutor.STACK_TOP - stackSize); // NT_TIB.StackLimit
        putU64(teb, 0x30, UnicornExecutor.TEB); // NT_TIB.Self
        uc.mem_map(UnicornExecutor.TEB, TEB_SIZE, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_WRITE);
        uc.mem_write(UnicornExecutor.TEB, teb);
        uc.mem_map(UnicornExecutor.STACK_TOP - stackSize, stackSize, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_WRITE);
        // the guard page: mapped with no access, so nothing else lands there and a touch is a protection fault
        uc.mem_map(UnicornExecutor.STACK_TOP - stackSize - UnicornExecutor.GUARD_SIZE, UnicornExecutor.GUARD_SIZE, UnicornConst.UC_PROT_NONE);
    }

    static long roundUp(long size) {
        return (size + PAGE - 1) & -PAGE;
    }

    static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putU64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
