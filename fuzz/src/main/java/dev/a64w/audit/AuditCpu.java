package dev.a64w.audit;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 *
 * <p>The registers an unwind is compared on (x19–x30, SP, d8–d15) are cached: a step reads again
 * only those the instruction may have written ({@link RegisterWrites}), a helper run in place all
 * of them. A {@link CpuSnapshot} puts back a state (registers and the stack the run wrote) without
 * running the code that made it again.
 */
final class AuditCpu implements AutoCloseable {
    private static final long PAGE = 0x1000;
    /** An address execution never reaches: {@code emu_start}'s until. */
    private static final long NEVER = 0x4;
    /** The slot region: one 16-byte slot per distinct instruction word, {@code word; udf; udf; udf}. */
    private static final long SLOTS = 0x7fc0_0000_0000L;
    private static final int SLOT_COUNT = 1 << 16;
    private static final long FILL_STEP = 1L << 16;
    /** How far below SP stores and probes may reach before the slots there must hold their values. */
    static final long BELOW_SP = 0x1_0000;

    private final Unicorn uc;
    private final WordSlots slots = new WordSlots(SLOT_COUNT);
    /** Slot values exist from here to the top; lower parts are filled when SP gets near them. */
    private long filledLow;
    private long writtenLow = Long.MAX_VALUE;
    private long writtenHigh = Long.MIN_VALUE;
    private String fault;
    private final RegisterCache regs = new RegisterCache();
    private long mappedBase;
    private long mappedSize;
    /** The snapshot the registers equal but for {@link RegisterCache#dirty()}; null after {@link #enter}. */
    private CpuSnapshot current;

    /** {@link #AuditCpu()} with {@code target} loaded. */
    AuditCpu(AuditTarget target) {
        this();
        try {
            load(target);
        } catch (AuditException e) {
            uc.closeAll();
            throw e;
        }
    }

    /** An engine with the stack, the TEB and the slot region, and no target yet ({@link #load}). */
    AuditCpu() {
        try {
            uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new AuditException("unicorn: cannot create an ARM64 engine: " + e);
        }
        try {
            uc.mem_map(SLOTS, 16L * SLOT_COUNT, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
            uc.mem_map(EntryState.STACK_BOTTOM, EntryState.STACK_SIZE, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_WRITE);
            uc.mem_map(EntryState.TEB, PAGE, UnicornConst.UC_PROT_READ);
            byte[] tib = new byte[24];
            put(tib, 8, EntryState.STACK_TOP);
            put(tib, 16, EntryState.STACK_LIMIT);
            uc.mem_write(EntryState.TEB, tib);
            uc.hook_add_new((ReadHook) (u, address, size1, user) -> onTebRead(address, size1), EntryState.TEB,
                    EntryState.TEB + PAGE - 1, null);
            filledLow = EntryState.STACK_TOP;
            ensureFilled(EntryState.ENTRY_SP - BELOW_SP);
            uc.reg_write(Arm64Const.UC_ARM64_REG_CPACR_EL1, 3L << 20); // FP/SIMD enabled
            uc.hook_add_new((WriteHook) (u, address, size1, value, user) -> onWrite(address, size1), 1, 0, null);
            uc.hook_add_new((InterruptHook) (u, intno, user) -> {
                fault = "the emulator raised exception " + intno;
                u.emu_stop();
            }, null);
        } catch (RuntimeException e) {
            uc.closeAll();
            throw new AuditException("setting up the emulator's stack and slots: " + e.getMessage());
        }
    }

    /**
     * Maps {@code target} read/execute at its base, in place of the one loaded before (which is
     * unmapped). The engine keeps the code it translated for addresses it executed at: a caller that
     * loads one target after another gives each a base no earlier one had. The slots stay: they hold
     * instruction words, whatever target they came from.
     */
    void load(AuditTarget target) {
        if (mappedSize > 0) {
            uc.mem_unmap(mappedBase, mappedSize);
            mappedSize = 0;
        }
        long size = (target.sizeOfImage() + PAGE - 1) & -PAGE;
        try {
            uc.mem_map(target.imageBase(), size, UnicornConst.UC_PROT_READ | UnicornConst.UC_PROT_EXEC);
            mappedBase = target.imageBase();
            mappedSize = size;
            for (AuditTarget.Segment s : target.segments()) {
                uc.mem_write(target.imageBase() + s.rva(), s.data().toArray());
            }
        } catch (RuntimeException e) {
            throw new AuditException("mapping the " + target.kind() + " at 0x" + Long.toHexString(target.imageBase())
                    + " for emulation: " + e.getMessage());
        }
    }

    /** Slots not yet written: when they run out, words run in place (slower). */
    int slotsLeft() {
        return SLOT_COUNT - slots.size();
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
            long[] v = new long[(int) (end - chunk) / 8];
            for (int i = 0; i < v.length; i++) {
                v[i] = EntryState.slot(chunk + 8L * i);
            }
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
            uc.mem_write(chunk, b.array());
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
        setSp(EntryState.ENTRY_SP);
        for (int n = 8; n <= 15; n++) {
            regs.read(32 + n, EntryState.d(n));
        }
        current = null;
        setPc(pc);
    }

    /** The state now, to come back to ({@link #restore}). */
    CpuSnapshot snapshot() {
        long[] xs = new long[31];
        for (int n = 0; n <= 30; n++) {
            xs[n] = x(n);
        }
        byte[][] q = new byte[8][];
        for (int n = 8; n <= 15; n++) {
            q[n - 8] = uc.reg_read(Arm64Const.UC_ARM64_REG_Q0 + n, 16);
        }
        byte[] written = writtenLow < writtenHigh ? uc.mem_read(writtenLow, writtenHigh - writtenLow) : new byte[0];
        current = new CpuSnapshot(xs, sp(), pc(), num(Arm64Const.UC_ARM64_REG_NZCV), q, writtenLow, written);
        regs.clean();
        return current;
    }

    /**
     * Puts the state of {@code s} back: the stack written since is given its slot values again, then
     * s's bytes; the registers (all of them, or only those written since if s is the state last
     * taken or restored).
     */
    void restore(CpuSnapshot s) {
        if (writtenLow < writtenHigh) {
            fillStack(writtenLow, writtenHigh);
        }
        byte[] written = s.written();
        if (written.length > 0) {
            uc.mem_write(s.writtenLow(), written);
        }
        fault = null;
        long write = s == current ? regs.dirty() : RegisterWrites.ALL;
        for (int n = 0; n <= 30; n++) {
            if ((write & RegisterWrites.x(n)) != 0) {
                setX(n, s.x(n));
            }
        }
        for (int n = 8; n <= 15; n++) {
            if ((write & RegisterWrites.v(n)) != 0) {
                uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, s.q(n));
                regs.read(32 + n, ByteBuffer.wrap(s.q(n)).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
            }
        }
        uc.reg_write(Arm64Const.UC_ARM64_REG_NZCV, s.nzcv());
        if ((write & RegisterWrites.SP) != 0) {
            setSp(s.sp());
        }
        setPc(s.pc());
        current = s;
        regs.clean();
    }

    /**
     * Executes {@code word}, the instruction at pc, and advances pc by 4; empty if it completed, else
     * why not. Not a branch (branches are never stepped). The word runs in its own slot: QEMU
     * translates from the start address to the next branch however few instructions are to run,
     * which in place costs up to a millisecond per step in long straight-line code; a slot ends after
     * one instruction and is translated once per distinct word. The PC-relative words, whose meaning
     * depends on where they are (ADR, ADRP, LDR literal), are done here ({@link PcRelative}).
     */
    Optional<String> step(int word) {
        long pc = pc();
        fault = null;
        if (PcRelative.is(word)) {
            Optional<String> failed = pcRelative(word, pc);
            if (failed.isEmpty()) {
                setPc(pc + 4);
            }
            return failed;
        }
        long at = slot(word);
        try {
            setPc(at);
            uc.emu_start(at, NEVER, 0, 1);
        } catch (UnicornException e) {
            regs.changedAll();
            return Optional.of(fault != null ? fault : "the emulator stopped: " + e.getMessage());
        }
        if (fault != null) {
            regs.changedAll();
            return Optional.of(fault);
        }
        regs.changed(RegisterWrites.of(word));
        if (pc() != at + 4) {
            regs.changedAll();
            return Optional.of(String.format("the emulator stopped at 0x%x instead of after it", pc()));
        }
        setPc(pc + 4);
        ensureFilled(sp() - BELOW_SP);
        return Optional.empty();
    }

    /** Does {@code word}, which {@link PcRelative#is} PC-relative, at {@code pc}; empty if done, else why not. */
    private Optional<String> pcRelative(int word, long pc) {
        switch (PcRelative.of(word, pc)) {
            case PcRelative.SetX(int n, long value) -> {
                if (n != 31) {
                    setX(n, value);
                }
            }
            case PcRelative.Load(int n, long address, int size, boolean signed, boolean simd) -> {
                byte[] b;
                try {
                    b = uc.mem_read(address, size);
                } catch (UnicornException e) {
                    return Optional.of(String.format("loads %d bytes from 0x%x, which is not mapped", size, address));
                }
                if (simd) {
                    byte[] q = new byte[16];
                    System.arraycopy(b, 0, q, 0, size);
                    uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, q);
                    regs.changed(RegisterWrites.v(n));
                } else if (n != 31) {
                    ByteBuffer v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                    setX(n, size == 8 ? v.getLong(0) : signed ? v.getInt(0) : v.getInt(0) & 0xFFFF_FFFFL);
                }
            }
            case PcRelative.Nothing() -> {
            }
            case PcRelative.Unallocated() -> {
                return Optional.of("an unallocated LDR (literal, SIMD&FP) encoding");
            }
        }
        return Optional.empty();
    }

    /**
     * Executes the instruction at pc where it is, whatever it is (a branch included): how a helper
     * called from a prologue or epilogue runs. Empty if it completed, else why not.
     */
    Optional<String> stepInPlace() {
        long pc = pc();
        fault = null;
        regs.changedAll();
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

    /**
     * Writes the slots of {@code words} (those without one, while slots are left) in one go. Writing
     * a slot later, once code near it has been translated, costs QEMU a re-translation; a caller that
     * knows which words it will step (the static check: the words of every function with unwind
     * data) preloads them before the first step.
     */
    void preload(int[] words) {
        int[] fresh = slots.missing(words);
        int n = Math.min(fresh.length, slotsLeft());
        if (n == 0) {
            return;
        }
        long first = SLOTS + 16L * slots.size();
        byte[] b = new byte[16 * n];
        for (int i = 0; i < n; i++) {
            put(b, 16 * i, fresh[i] & 0xFFFF_FFFFL);
            slots.add(fresh[i]);
        }
        uc.mem_write(first, b);
    }

    /** The slot holding {@code word}, written on first use; in place (the pc) once all slots are taken. */
    private long slot(int word) {
        int index = slots.indexOf(word);
        if (index < 0) {
            index = slots.add(word);
            if (index < 0) {
                return pc();
            }
            byte[] b = new byte[16];
            put(b, 0, word & 0xFFFF_FFFFL);
            uc.mem_write(SLOTS + 16L * index, b); // udf #0 (all zero) after it ends the translation block
        }
        return SLOTS + 16L * index;
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
        return cached(n, xId(n));
    }

    void setX(int n, long v) {
        uc.reg_write(xId(n), v);
        regs.wrote(n, v);
    }

    long d(int n) {
        return cached(32 + n, Arm64Const.UC_ARM64_REG_D0 + n);
    }

    /** The upper half of vN. */
    long qHigh(int n) {
        return ByteBuffer.wrap(uc.reg_read(Arm64Const.UC_ARM64_REG_Q0 + n, 16)).order(ByteOrder.LITTLE_ENDIAN).getLong(8);
    }

    /** Writes the low half of vN, keeping the upper half. */
    void setD(int n, long v) {
        byte[] q = uc.reg_read(Arm64Const.UC_ARM64_REG_Q0 + n, 16);
        put(q, 0, v);
        uc.reg_write(Arm64Const.UC_ARM64_REG_Q0 + n, q);
        regs.wrote(32 + n, v);
    }

    long sp() {
        return cached(31, Arm64Const.UC_ARM64_REG_SP);
    }

    long pc() {
        return num(Arm64Const.UC_ARM64_REG_PC);
    }

    void setSp(long sp) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_SP, sp);
        regs.wrote(31, sp);
    }

    void setPc(long pc) {
        uc.reg_write(Arm64Const.UC_ARM64_REG_PC, pc);
    }

    /**
     * The registers the unwinder reads and the comparison needs: x19–x30, SP, pc and d8–d15. x0–x18
     * are left zero: no unwind code reads them, and an unwind is not compared on them.
     */
    Context context() {
        long[] xs = new long[31];
        for (int n = 19; n <= 30; n++) {
            xs[n] = x(n);
        }
        long[] ds = new long[8];
        for (int n = 8; n <= 15; n++) {
            ds[n - 8] = d(n);
        }
        return new Context(xs, sp(), pc(), ds);
    }

    private long cached(int slot, int id) {
        if (!RegisterCache.kept(slot)) {
            return num(id);
        }
        if (!regs.known(slot)) {
            regs.read(slot, num(id));
        }
        return regs.value(slot);
    }

    /** The 8-byte values of [from, to) (8-byte aligned, mapped). */
    long[] read64s(long from, long to) {
        long[] out = new long[(int) ((to - from) / 8)];
        ByteBuffer.wrap(uc.mem_read(from, to - from)).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
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
