package dev.a64w.audit;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.Memory;
import java.util.Optional;
import unicorn.Arm64Const;
import unicorn.InterruptHook;
import unicorn.ReadHook;
import unicorn.Unicorn;
import unicorn.UnicornConst;
import unicorn.UnicornException;
import unicorn.WriteHook;

/**
 * The one Unicorn engine of an audit (ARMv8.0): the target mapped read/execute at its base, and
 * the audit stack ({@link EntryState#STACK_BOTTOM} to {@link EntryState#STACK_TOP}, read/write,
 * unmapped pages on both sides as guards) filled with {@link EntryState#slot} values. Instructions
 * are executed one at a time ({@code emu_start} with count 1); the engine is reused for every
 * function, so {@link #enter} puts back only the stack slots the previous run wrote.
 *
 * <p>A store outside the stack is refused (the image is not writable, and the write hook names the
 * address); an interrupt (an instruction the emulator traps on) stops the step. Both come back from
 * {@link #step()} as a reason, never as an exception.
 */
final class AuditCpu implements AutoCloseable {
    private static final long PAGE = 0x1000;
    /** An address execution never reaches: {@code emu_start}'s until. */
    private static final long NEVER = 0x4;
    /** The slot region: one 16-byte slot per distinct instruction word, {@code word; udf; udf; udf}. */
    private static final long SLOTS = 0x7fc0_0000_0000L;
    private static final int SLOT_COUNT = 1 << 16;
    private static final long FILL_STEP = 1L << 20;
    /** How far below SP stores and probes may reach before the slots there must hold their values. */
    static final long BELOW_SP = 0x1_0000;

    private final Unicorn uc;
    private final java.util.Map<Integer, Long> slots = new java.util.HashMap<>();
    /** Slot values exist from here to the top; lower parts are filled when SP gets near them. */
    private long filledLow;
    private long writtenLow = Long.MAX_VALUE;
    private long writtenHigh = Long.MIN_VALUE;
    private String fault;

    AuditCpu(AuditTarget target) {
        try {
            uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new AuditException("unicorn: cannot create an ARM64 engine: " + e);
        }
        try {
            long size = (target.sizeOfImage() + PAGE - 1) & -PAGE;
            uc.mem_map(target.imageBase(), size, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
            for (AuditTarget.Segment s : target.segments()) {
                uc.mem_write(target.imageBase() + s.rva(), s.data().toArray());
            }
            uc.mem_map(SLOTS, 16L * SLOT_COUNT, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
            uc.mem_map(EntryState.STACK_BOTTOM, EntryState.STACK_SIZE, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_WRITE);
            uc.mem_map(EntryState.TEB, PAGE, UnicornConst.UC_PROT_READ);
            byte[] tib = new byte[24];
            put(tib, 8, EntryState.STACK_TOP);
            put(tib, 16, EntryState.STACK_LIMIT);
            uc.mem_write(EntryState.TEB, tib);
            uc.hook_add_new((ReadHook) (u, address, size1, user) -> onTebRead(address, size1), EntryState.TEB,
                    EntryState.TEB + PAGE - 1, null);
            filledLow = EntryState.STACK_TOP - FILL_STEP;
            fillStack(filledLow, EntryState.STACK_TOP);
            uc.reg_write(Arm64Const.UC_ARM64_REG_CPACR_EL1, 3L << 20); // FP/SIMD enabled
            uc.hook_add_new((WriteHook) (u, address, size1, value, user) -> onWrite(address, size1), 1, 0, null);
            uc.hook_add_new((InterruptHook) (u, intno, user) -> {
                fault = "the emulator raised exception " + intno;
                u.emu_stop();
            }, null);
        } catch (RuntimeException e) {
            uc.closeAll();
            throw new AuditException("mapping the " + target.kind() + " at 0x" + Long.toHexString(target.imageBase())
                    + " for emulation: " + e.getMessage());
        }
    }

    private void onWrite(long address, int size) {
        if (address >= EntryState.STACK_BOTTOM && address + size <= EntryState.STACK_TOP) {
            writtenLow = Math.min(writtenLow, address);
            writtenHigh = Math.max(writtenHigh, address + size);
        } else if (fault == null) {
            fault = address >= EntryState.TEB && address < EntryState.TEB + PAGE
                    ? String.format("store of %d bytes to the TEB (x18) at +0x%x", size, address - EntryState.TEB)
                    : String.format("store of %d bytes to 0x%x, outside the stack", size, address);
            uc.emu_stop();
        }
    }

    /** Only NT_TIB's StackBase and StackLimit are modelled; any other read of the TEB stops the step. */
    private void onTebRead(long address, int size) {
        long offset = address - EntryState.TEB;
        if ((offset != 8 && offset != 16 || size != 8) && fault == null) {
            fault = String.format("reads %d bytes of the TEB (x18) at +0x%x, which the audit does not model", size, offset);
            uc.emu_stop();
        }
    }

    /** Makes sure the stack from {@code address} up holds slot values (filled in 1 MiB steps, on demand). */
    void ensureFilled(long address) {
        long low = Math.max(EntryState.STACK_BOTTOM, (address - FILL_STEP) & -FILL_STEP);
        if (low < filledLow) {
            fillStack(low, filledLow);
            filledLow = low;
        }
    }

    private void fillStack(long from, long to) {
        long lo = from & ~7L;
        long hi = (to + 7) & ~7L;
        for (long chunk = lo; chunk < hi; chunk += 1 << 20) {
            long end = Math.min(hi, chunk + (1 << 20));
            byte[] b = new byte[(int) (end - chunk)];
            for (int i = 0; i < b.length; i += 8) {
                long v = EntryState.slot(chunk + i);
                for (int j = 0; j < 8; j++) {
                    b[i + j] = (byte) (v >>> (8 * j));
                }
            }
            uc.mem_write(chunk, b);
        }
    }

    /** The entry state at {@code pc}: stack slots restored, every register distinct, SP and LR set. */
    void enter(long pc) {
        if (writtenLow < writtenHigh) {
            fillStack(writtenLow, writtenHigh);
        }
        writtenLow = Long.MAX_VALUE;
        writtenHigh = Long.MIN_VALUE;
        fault = null;
        for (int n = 0; n <= 29; n++) {
            setX(n, EntryState.x(n));
        }
        setX(30, EntryState.RETURN_ADDRESS);
        byte[] q = new byte[16];
        for (int n = 0; n < 32; n++) {
            put(q, 0, EntryState.d(n));
            put(q, 8, EntryState.qHigh(n));
            uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, q);
        }
        uc.reg_write(Arm64Const.UC_ARM64_REG_NZCV, 0L);
        uc.reg_write(Arm64Const.UC_ARM64_REG_SP, EntryState.ENTRY_SP);
        setPc(pc);
    }

    /**
     * Executes {@code word}, the instruction at pc, and advances pc by 4; empty if it completed, else
     * why not. Not a branch (branches are never stepped). The word runs in its own slot unless it is
     * PC-relative (ADR, ADRP, LDR literal): QEMU translates from the start address to the next branch
     * however few instructions are to run, which in place costs up to a millisecond per step in long
     * straight-line code; a slot ends after one instruction and is translated once per distinct word.
     */
    Optional<String> step(int word) {
        long pc = pc();
        long at = pcRelative(word) ? pc : slot(word);
        fault = null;
        try {
            setPc(at);
            uc.emu_start(at, NEVER, 0, 1);
        } catch (UnicornException e) {
            return Optional.of(fault != null ? fault : "the emulator stopped: " + e.getMessage());
        }
        if (fault != null) {
            return Optional.of(fault);
        }
        if (pc() != at + 4) {
            return Optional.of(String.format("the emulator stopped at 0x%x instead of after it", pc()));
        }
        setPc(pc + 4);
        ensureFilled(sp() - BELOW_SP);
        return Optional.empty();
    }

    /**
     * Executes the instruction at pc where it is, whatever it is (a branch included): how a helper
     * called from a prologue or epilogue runs. Empty if it completed, else why not.
     */
    Optional<String> stepInPlace() {
        long pc = pc();
        fault = null;
        try {
            uc.emu_start(pc, NEVER, 0, 1);
        } catch (UnicornException e) {
            return Optional.of(fault != null ? fault : "the emulator stopped: " + e.getMessage());
        }
        if (fault != null) {
            return Optional.of(fault);
        }
        ensureFilled(sp() - BELOW_SP);
        return Optional.empty();
    }

    private static boolean pcRelative(int word) {
        return (word & 0x1F00_0000) == 0x1000_0000 || (word & 0x3B00_0000) == 0x1800_0000;
    }

    /** The slot holding {@code word}, written on first use; in place (the pc) once all slots are taken. */
    private long slot(int word) {
        Long at = slots.get(word);
        if (at == null) {
            if (slots.size() == SLOT_COUNT) {
                return pc();
            }
            at = SLOTS + 16L * slots.size();
            byte[] b = new byte[16];
            put(b, 0, word & 0xFFFF_FFFFL);
            uc.mem_write(at, b); // udf #0 (all zero) after it ends the translation block
            slots.put(word, at);
        }
        return at;
    }

    /** The instruction word at {@code address}, if mapped. */
    Optional<Integer> fetch(long address) {
        try {
            byte[] b = uc.mem_read(address, 4);
            return Optional.of((b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24);
        } catch (UnicornException e) {
            return Optional.empty();
        }
    }

    long x(int n) {
        return num(xId(n));
    }

    void setX(int n, long v) {
        uc.reg_write(xId(n), v);
    }

    long d(int n) {
        return num(Arm64Const.UC_ARM64_REG_D0 + n);
    }

    /** Writes the low half of vN, keeping the upper half. */
    void setD(int n, long v) {
        byte[] q = uc.reg_read(Arm64Const.UC_ARM64_REG_Q0 + n, 16);
        put(q, 0, v);
        uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, q);
    }

    long sp() {
        return num(Arm64Const.UC_ARM64_REG_SP);
    }

    long pc() {
        return num(Arm64Const.UC_ARM64_REG_PC);
    }

    void setSp(long sp) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_SP, sp);
    }

    void setPc(long pc) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_PC, pc);
    }

    /** The registers the unwinder reads. */
    Context context() {
        long[] xs = new long[31];
        for (int n = 0; n <= 30; n++) {
            xs[n] = x(n);
        }
        long[] ds = new long[8];
        for (int n = 8; n <= 15; n++) {
            ds[n - 8] = d(n);
        }
        return new Context(xs, sp(), pc(), ds);
    }

    /** Emulated memory for the unwinder; unmapped reads throw. */
    Memory memory() {
        return address -> {
            byte[] b = uc.mem_read(address, 8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        };
    }

    private long num(int id) {
        return ((Number) uc.reg_read(id)).longValue();
    }

    private static int xId(int n) {
        return switch (n) {
            case 29 -> Arm64Const.UC_ARM64_REG_X29;
            case 30 -> Arm64Const.UC_ARM64_REG_X30;
            default -> Arm64Const.UC_ARM64_REG_X0 + n;
        };
    }

    private static void put(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public void close() {
        uc.closeAll();
    }
}
