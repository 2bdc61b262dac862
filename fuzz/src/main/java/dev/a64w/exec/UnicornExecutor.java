package dev.a64w.exec;

import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import unicorn.Arm64Const;
import unicorn.BlockHook;
import unicorn.CodeHook;
import unicorn.EventMemHook;
import unicorn.InterruptHook;
import unicorn.Unicorn;
import unicorn.UnicornConst;
import unicorn.UnicornException;

/**
 * Runs a linked DLL on the Unicorn ARM64 emulator (ARMv8.0). One engine per image, reused for
 * every call (the first engine in a JVM costs ~60 ms, later ones ~0.3 ms).
 *
 * <p>Memory: the image at its ImageBase (no relocation: {@link Linker} links at a fixed base),
 * sections protected as their characteristics say; a stub page where import {@code i}'s IAT slot
 * points to {@code STUBS + 8*i}: {@code brk #0xa64f; ret} — the interrupt hook sees the brk, calls
 * {@link HostFunctions} with x0-x7, writes x0, records an {@link ImportCall}, and resumes at the
 * {@code ret}. {@code __chkstk} (from {@link Linker#RUNTIME_DLL}) is handled there too: it checks
 * that SP - 16*x15 stays inside the stack, changes no register and is not traced. A fake TEB with
 * x18 pointing at it; a stack ({@code stackSize}, SP 16-aligned); a sentinel page that LR points
 * at: reaching it is a return.
 *
 * <p>Stack overflow, as Windows has it: one guard page ({@link #GUARD_SIZE}) lies right below the
 * stack, mapped with no access. Windows commits a thread's stack on demand until it reaches "the
 * reserved size minus one page (which is used as a guard page to prevent stack overflow)" (Microsoft
 * Learn, "Thread Stack Size", learn.microsoft.com/windows/win32/procthread/thread-stack-size); when
 * that last guard page is touched it raises {@code EXCEPTION_STACK_OVERFLOW} and no guard page is
 * left below, so an access further down is an access violation (Microsoft Learn, C runtime
 * "_resetstkoflw", learn.microsoft.com/cpp/c-runtime-library/reference/resetstkoflw). Here any
 * load, store or fetch that touches the guard page ends the call as {@link ExecResult.StackOverflow}
 * (the {@code stk_ovf} trap of CLIF), and {@code __chkstk} asking for more than is left does too,
 * since Windows' {@code __chkstk} probes every page from SP down and so touches the guard page first.
 * An access below the guard page stays a fault: that is a wild access, not an overflow. The whole
 * stack is committed (mapped) from the start, so frames of any size below {@code stackSize} work
 * whether or not their code probes; only code that skips the guard page (a frame over a page with no
 * probe, Windows' rule being to probe every page in order) faults where Windows would too.
 *
 * <p>Checks: x19-x29 and d8-d15 are seeded with distinctive values and must be unchanged at the
 * return, as must x18 and SP, and the caller's frame above the stack arguments (filled with a
 * pattern before the call: a callee owns only its incoming argument slots, ARM64 has no home area). SP must be 16-byte aligned at every function entry (exports and
 * {@code .pdata} starts: where every call lands) and at every import call; with a
 * {@link StepObserver}, at every instruction. A misaligned SP inside a function that is realigned
 * before its next call is not seen in fast mode. All hooks and the instruction-count guard exist
 * before the first {@code emu_start} (added later, they would not apply to translated code).
 *
 * <p>Registers are written one by one before each call (about 60 native calls): Unicorn's saved
 * contexts would be cheaper but this binding cannot free them ({@code uc_free} on one corrupts
 * the heap), and one leaked context per engine adds up over a long fuzz run.
 */
public final class UnicornExecutor implements Executor {
    public static final long STUBS = 0x7ff0_0000_0000L;
    public static final long SENTINEL = 0x7ff0_1000_0000L;
    public static final long TEB = 0x7ff0_2000_0000L;
    public static final long STACK_TOP = 0x7ff1_0000_0000L;
    /** Windows' default stack reserve (link.exe /STACK, 1 MB). */
    public static final long DEFAULT_STACK_SIZE = 1L << 20;
    /** The guard page below the stack: an access there is a stack overflow. */
    public static final long GUARD_SIZE = ImageLoader.PAGE;
    /** The brk immediate in import stubs. */
    public static final int STUB_BRK = 0xa64f;
    /** Space left above the entry SP (never touched by a correct callee). */
    private static final long ABOVE_ENTRY = 0x1000;
    /** The pattern byte filling the caller's frame above the stack arguments. */
    private static final byte CALLER_FRAME_FILL = (byte) 0xc5;
    static final long BRK = 0xd420_0000L;
    /** {@code udf #imm16}: the top half-word is zero (Arm ARM C6.2.387, UDF). */
    static final long UDF = 0x0000_0000L;
    private static final int EXCP_BKPT = 7;

    private final PeImage image;
    private final HostFunctions host;
    private final StepObserver observer;
    private final long stackSize;
    private final Unicorn uc;
    private final EngineRegisters regs;
    private final byte[] initial;
    private final List<ImportCall> trace = new ArrayList<>();
    private ExecResult stop;

    public UnicornExecutor(PeImage image, HostFunctions host) {
        this(image, host, null, DEFAULT_STACK_SIZE);
    }

    /** {@code observer} may be null (fast mode: block-level SP checks only). */
    public UnicornExecutor(PeImage image, HostFunctions host, StepObserver observer, long stackSize) {
        this.image = image;
        this.host = host;
        this.observer = observer;
        this.stackSize = stackSize;
        long end = image.imageBase() + ImageLoader.roundUp(image.sizeOfImage());
        if ((image.imageBase() & (ImageLoader.PAGE - 1)) != 0 || image.imageBase() <= 0 || end > STUBS) {
            throw new ExecException("image base 0x" + Long.toHexString(image.imageBase())
                    + ": not page aligned or overlaps the executor's regions at 0x" + Long.toHexString(STUBS));
        }
        if (stackSize < 2 * ABOVE_ENTRY || stackSize % ImageLoader.PAGE != 0) {
            throw new ExecException("stack size 0x" + Long.toHexString(stackSize) + ": must be a multiple of 0x1000, >= 0x2000");
        }
        this.initial = image.mapped().toArray();
        for (int i = 0; i < image.imports().size(); i++) {
            ImageLoader.putU64(initial, (int) image.imports().get(i).iatRva(), STUBS + 8L * i);
        }
        try {
            this.uc = new Unicorn(UnicornConst.UC_ARCH_ARM64, UnicornConst.UC_MODE_ARM);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ExecException("unicorn: cannot create an ARM64 engine: " + e, e);
        }
        this.regs = new EngineRegisters(uc);
        try {
            ImageLoader.mapImage(uc, image, initial);
            ImageLoader.mapRuntime(uc, image.imports().size(), stackSize);
            regs.set(Arm64Const.UC_ARM64_REG_CPACR_EL1, 3L << 20); // FP/SIMD enabled at EL0/EL1
            installHooks();
        } catch (RuntimeException e) {
            uc.closeAll();
            throw new ExecException("loading image at 0x" + Long.toHexString(image.imageBase()) + ": " + e.getMessage(), e);
        }
    }

    private void installHooks() {
        uc.hook_add_new((InterruptHook) (u, intno, user) -> guarded(() -> onInterrupt(intno)), null);
        uc.hook_add_new((EventMemHook) (u, address, size, value, user) -> {
            onInvalidAccess(address, size);
            return false; // not handled: the access fails, and the call ends with stop (or a fault)
        }, UnicornConst.UC_HOOK_MEM_INVALID, null);
        long base = image.imageBase();
        if (observer == null) {
            for (long entry : functionEntries()) {
                uc.hook_add_new((BlockHook) (u, address, size, user) -> guarded(() -> checkSp(address, "function entry")),
                        entry, entry, null);
            }
        } else {
            uc.hook_add_new((CodeHook) (u, address, size, user) -> guarded(() -> {
                if (checkSp(address, "instruction")) {
                    observer.before(address, regs, regs);
                }
            }), base, base + image.sizeOfImage() - 1, null);
        }
    }

    /** An unmapped or protected access: a stack overflow when it touches the guard page. */
    private void onInvalidAccess(long address, int size) {
        guarded(() -> {
            if (inGuard(address, Math.max(size, 1))) {
                halt(new ExecResult.StackOverflow(address, safePc()));
            }
        });
    }

    /** The lowest address of the stack ({@code NT_TIB.StackLimit}). */
    public long stackLimit() {
        return STACK_TOP - stackSize;
    }

    /** True when {@code [address, address + size)} overlaps the guard page. */
    private boolean inGuard(long address, long size) {
        long low = stackLimit() - GUARD_SIZE;
        return address < stackLimit() && address + size > low;
    }

    /** Exported code and every {@code .pdata} function start: where calls land. */
    private java.util.SortedSet<Long> functionEntries() {
        java.util.SortedSet<Long> entries = new java.util.TreeSet<>();
        for (long rva : image.exports().values()) {
            if (image.sections().stream().anyMatch(s -> s.executable() && s.contains(rva))) {
                entries.add(image.imageBase() + rva);
            }
        }
        for (RuntimeFunction f : image.runtimeFunctions()) {
            entries.add(image.imageBase() + f.beginRva());
        }
        return entries;
    }

    /** Entry values: fillers in scratch registers, seeds in callee-saved ones, x18 = TEB, LR = sentinel. */
    private void seedRegisters() {
        for (int n = 0; n <= 17; n++) {
            regs.set(EngineRegisters.xId(n), filler(n));
        }
        regs.set(Arm64Const.UC_ARM64_REG_X18, TEB);
        for (int n = 19; n <= 29; n++) {
            regs.set(EngineRegisters.xId(n), seed(n));
        }
        regs.set(Arm64Const.UC_ARM64_REG_X30, SENTINEL);
        regs.set(Arm64Const.UC_ARM64_REG_NZCV, 0);
        for (int n = 0; n < 32; n++) {
            regs.set(EngineRegisters.dId(n), n >= 8 && n <= 15 ? dSeed(n) : filler(100 + n));
        }
    }

    @Override
    public PeImage image() {
        return image;
    }

    @Override
    public Execution runTyped(String export, List<Arg> args, long instructionBudget) {
        if (instructionBudget < 1) {
            throw new ExecException("instruction budget " + instructionBudget + ": must be >= 1");
        }
        long entry = image.exportAddress(export);
        if (!image.sectionAt(image.exportRva(export)).executable()) {
            throw new ExecException("export '" + export + "': not in an executable section");
        }
        trace.clear();
        stop = null;
        // Windows ARM64: integers in x0-x7, floats in v0-v7, counted separately; the rest in order on the stack
        List<Long> x = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        List<Long> onStack = new ArrayList<>();
        for (Arg a : args) {
            List<Long> regsOfClass = switch (a) {
                case Arg.Int i -> x;
                case Arg.Fp f -> v;
            };
            (regsOfClass.size() < 8 ? regsOfClass : onStack).add(a.bits());
        }
        int nStack = onStack.size();
        long sp = STACK_TOP - ABOVE_ENTRY - ((8L * nStack + 15) & -16L);
        // the argument slots, then the caller's frame (alignment padding included) up to the stack top
        byte[] stackArgs = new byte[(int) (STACK_TOP - sp)];
        java.util.Arrays.fill(stackArgs, 8 * nStack, stackArgs.length, CALLER_FRAME_FILL);
        for (int i = 0; i < nStack; i++) {
            ImageLoader.putU64(stackArgs, 8 * i, onStack.get(i));
        }
        try {
            uc.mem_write(sp, stackArgs);
            seedRegisters();
            for (int n = 0; n < x.size(); n++) {
                regs.set(EngineRegisters.xId(n), x.get(n));
            }
            for (int n = 0; n < v.size(); n++) {
                regs.set(EngineRegisters.dId(n), v.get(n));
            }
            regs.set(Arm64Const.UC_ARM64_REG_SP, sp);
        } catch (UnicornException e) {
            throw new ExecException("setting up call of '" + export + "': " + e.getMessage(), e);
        }
        ExecResult result;
        try {
            uc.emu_start(entry, SENTINEL, 0, instructionBudget);
            result = stop != null ? stop : finish(sp, sp + 8L * nStack, instructionBudget);
        } catch (UnicornException e) {
            result = stop != null ? stop
                    : new ExecResult.Faulted(e.getMessage() + " at pc 0x" + Long.toHexString(safePc()));
        }
        return new Execution(result, trace);
    }

    private ExecResult finish(long entrySp, long callerFrame, long budget) {
        if (regs.pc() != SENTINEL) {
            return new ExecResult.BudgetExhausted(budget);
        }
        List<String> broken = new ArrayList<>();
        byte[] above = uc.mem_read(callerFrame, STACK_TOP - callerFrame);
        for (int i = 0; i < above.length; i++) {
            if (above[i] != CALLER_FRAME_FILL) {
                broken.add("caller's frame above the stack arguments written at entry sp+0x"
                        + Long.toHexString(callerFrame - entrySp + i) + " (0x" + Long.toHexString(callerFrame + i) + ")");
                break;
            }
        }
        expect(broken, "sp", entrySp, regs.sp());
        expect(broken, "x18", TEB, regs.x(18));
        for (int n = 19; n <= 29; n++) {
            expect(broken, "x" + n, seed(n), regs.x(n));
        }
        for (int n = 8; n <= 15; n++) {
            expect(broken, "d" + n, dSeed(n), regs.d(n));
        }
        if (!broken.isEmpty()) {
            return new ExecResult.AbiViolation(String.join("; ", broken));
        }
        List<Long> x = new ArrayList<>(8);
        List<Long> v = new ArrayList<>(8);
        for (int n = 0; n < 8; n++) {
            x.add(regs.x(n));
            v.add(regs.d(n));
        }
        return new ExecResult.Returned(x, v);
    }

    private static void expect(List<String> broken, String reg, long want, long got) {
        if (want != got) {
            broken.add(reg + " not preserved: expected 0x" + Long.toHexString(want) + ", got 0x" + Long.toHexString(got));
        }
    }

    private void onInterrupt(int intno) {
        long pc = regs.pc();
        int nImports = image.imports().size();
        if (intno == EXCP_BKPT && pc >= STUBS && pc < STUBS + 8L * nImports && (pc - STUBS) % 8 == 0) {
            callImport(image.imports().get((int) ((pc - STUBS) / 8)));
            if (stop == null) {
                regs.set(Arm64Const.UC_ARM64_REG_PC, pc + 4);
            }
            return;
        }
        long word = -1;
        try {
            word = regs.read(pc, 4).u32(0);
        } catch (ExecException e) {
            // leave word -1: reported below
        }
        if (intno == EXCP_BKPT && (word & 0xffe0_001fL) == BRK) {
            halt(new ExecResult.Trapped((int) ((word >> 5) & 0xffff), pc));
        } else if (word >= 0 && (word & 0xffff_0000L) == UDF) {
            halt(new ExecResult.Faulted("udf #0x" + Long.toHexString(word & 0xffff) + " at pc 0x" + Long.toHexString(pc)
                    + " (exception " + intno + ")", java.util.OptionalLong.of(pc)));
        } else {
            halt(new ExecResult.Faulted("exception " + intno + " at pc 0x" + Long.toHexString(pc) + " (word 0x"
                    + Long.toHexString(word) + ")"));
        }
    }

    private void callImport(PeImport imp) {
        long sp = regs.sp();
        String what = imp.dll() + "!" + imp.name();
        if ((sp & 15) != 0) {
            halt(new ExecResult.AbiViolation("sp 0x" + Long.toHexString(sp) + " not 16-byte aligned at call of " + what));
            return;
        }
        if (imp.dll().equalsIgnoreCase(Linker.RUNTIME_DLL) && imp.name().equals(Linker.CHKSTK)) {
            chkstk(sp, regs.x(15));
            return;
        }
        List<Long> x = new ArrayList<>(8);
        for (int n = 0; n < 8; n++) {
            x.add(regs.x(n));
        }
        long result;
        try {
            result = host.call(imp.dll(), imp.name(), x, regs);
        } catch (RuntimeException e) {
            halt(new ExecResult.Faulted("host function " + what + " failed: " + e.getMessage()));
            return;
        }
        trace.add(new ImportCall(imp.dll(), imp.name(), x, result));
        regs.set(Arm64Const.UC_ARM64_REG_X0, result);
    }

    /**
     * Windows' {@code __chkstk}: probes {@code 16 * x15} bytes below SP one page at a time, from SP
     * down. The first probe below the stack touches the guard page (probes are a page apart), so
     * asking for more than is left is a stack overflow; from an SP already below the guard page it
     * is a fault.
     */
    private void chkstk(long sp, long x15) {
        long bytes = x15 >>> 59 != 0 ? Long.MAX_VALUE : x15 * 16;
        long limit = stackLimit();
        if (sp - bytes >= limit && sp - bytes <= sp) {
            return;
        }
        long firstPage = sp >= limit ? sp - ((sp - limit) / ImageLoader.PAGE + 1) * ImageLoader.PAGE : sp - ImageLoader.PAGE;
        long probe = Math.max(firstPage, sp - Math.min(bytes, sp));
        if (inGuard(probe, 1)) {
            halt(new ExecResult.StackOverflow(probe, regs.pc()));
        } else {
            halt(new ExecResult.Faulted("__chkstk for 0x" + Long.toHexString(bytes) + " bytes at sp 0x" + Long.toHexString(sp)
                    + " probes 0x" + Long.toHexString(probe) + ", below the stack's guard page at 0x"
                    + Long.toHexString(limit - GUARD_SIZE)));
        }
    }

    /** Checks SP alignment; false (and the run stopped) if misaligned. */
    private boolean checkSp(long address, String where) {
        long sp = regs.sp();
        if ((sp & 15) != 0) {
            halt(new ExecResult.AbiViolation("sp 0x" + Long.toHexString(sp) + " not 16-byte aligned at " + where
                    + " 0x" + Long.toHexString(address)));
            return false;
        }
        return true;
    }

    private void halt(ExecResult r) {
        if (stop == null) {
            stop = r;
        }
        uc.emu_stop();
    }

    /** Runs hook code so that no Java exception reaches the native caller. */
    private void guarded(Runnable r) {
        if (stop != null) {
            return;
        }
        try {
            r.run();
        } catch (Throwable t) {
            halt(new ExecResult.Faulted("in hook at pc 0x" + Long.toHexString(safePc()) + ": " + t));
        }
    }

    private long safePc() {
        try {
            return regs.pc();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public Bytes read(String exportedDataSymbol, int size) {
        return regs.read(image.exportAddress(exportedDataSymbol), size);
    }

    /** {@code size} bytes at an absolute address. */
    public Bytes readMemory(long address, int size) {
        return regs.read(address, size);
    }

    @Override
    public void reset() {
        for (PeSection s : image.sections()) {
            if (s.writable() && s.virtualSize() > 0) {
                int from = (int) s.virtualAddress();
                byte[] data = java.util.Arrays.copyOfRange(initial, from, from + (int) s.virtualSize());
                uc.mem_write(image.imageBase() + from, data);
            }
        }
        uc.mem_write(STACK_TOP - stackSize, new byte[(int) stackSize]);
    }

    @Override
    public void close() {
        uc.closeAll();
    }

    static long seed(int n) {
        return 0x5eed_0000_0000_0000L | ((long) n << 40) | ((long) n << 8) | n;
    }

    static long dSeed(int n) {
        return 0x4000_d000_0000_0000L | ((long) n << 32) | n;
    }

    private static long filler(int n) {
        return 0xdead_0000_0000_0000L | ((long) n << 16) | n;
    }


}
