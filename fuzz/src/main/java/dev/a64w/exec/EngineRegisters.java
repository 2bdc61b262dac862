package dev.a64w.exec;

import unicorn.Arm64Const;
import unicorn.Unicorn;

/** {@link RegisterFile} and {@link MemoryView} reading a live Unicorn ARM64 engine on demand. */
final class EngineRegisters implements RegisterFile, MemoryView {
    private final Unicorn uc;

    EngineRegisters(Unicorn uc) {
        this.uc = uc;
    }

    /** Unicorn's register id for x0..x30. */
    static int xId(int n) {
        if (n >= 0 && n <= 28) {
            return Arm64Const.UC_ARM64_REG_X0 + n;
        }
        if (n == 29) {
            return Arm64Const.UC_ARM64_REG_X29;
        }
        if (n == 30) {
            return Arm64Const.UC_ARM64_REG_X30;
        }
        throw new ExecException("register x" + n + ": no such register (x0..x30)");
    }

    static int dId(int n) {
        if (n < 0 || n > 31) {
            throw new ExecException("register d" + n + ": no such register (d0..d31)");
        }
        return Arm64Const.UC_ARM64_REG_D0 + n;
    }

    long get(int id) {
        return ((Number) uc.reg_read(id)).longValue();
    }

    void set(int id, long value) {
        uc.reg_write(id, value);
    }

    @Override
    public long x(int n) {
        return get(xId(n));
    }

    @Override
    public long sp() {
        return get(Arm64Const.UC_ARM64_REG_SP);
    }

    @Override
    public long pc() {
        return get(Arm64Const.UC_ARM64_REG_PC);
    }

    @Override
    public long d(int n) {
        return get(dId(n));
    }

    @Override
    public dev.a64w.util.Bytes read(long address, int size) {
        try {
            return dev.a64w.util.Bytes.of(uc.mem_read(address, size));
        } catch (RuntimeException e) {
            throw new ExecException("memory read 0x" + Long.toHexString(address) + "+0x" + Integer.toHexString(size)
                    + ": " + e.getMessage(), e);
        }
    }
}
