package dev.a64w.audit;

import dev.a64w.check.unwind.Context;

/**
 * The synthetic values of an audit: every register and every stack slot gets a value that occurs
 * nowhere else, so an unwinder that restores a register from the wrong place, or forgets it,
 * produces a value that cannot be mistaken for the right one.
 *
 * <ul>
 *   <li>entry: {@code xN = 0xE17E_00NN_0000_00NN}, {@code dN/qN} halves {@code 0xD0E7_..}, SP =
 *       {@link #ENTRY_SP}, LR = {@link #RETURN_ADDRESS}; x18, Windows' platform register, holds the
 *       address of a synthetic {@link #TEB} whose only readable fields are the stack bounds;</li>
 *   <li>body (registers an epilogue restores, given before it runs): {@code 0xB0D1_..};</li>
 *   <li>{@code __chkstk} clobbers of x16/x17: {@code 0xC1B0_..};</li>
 *   <li>stack slot at address A (8-byte aligned): {@code 0x57AC_0000_0000_0000 | A}.</li>
 * </ul>
 */
public final class EntryState {
    /** Highest address + 1 of the audit stack; the page above is unmapped (guard). */
    public static final long STACK_TOP = 0x7fe0_0000_0000L;
    /** 16 MiB of stack below the top; the page below is unmapped (guard). */
    public static final long STACK_SIZE = 16L << 20;
    public static final long STACK_BOTTOM = STACK_TOP - STACK_SIZE;
    /** The SP at function entry: 64 KiB of the caller's frame above it. */
    public static final long ENTRY_SP = STACK_TOP - 0x1_0000;
    /** The return address in LR at entry (never executed: stepping stops before the return). */
    public static final long RETURN_ADDRESS = 0x7fd0_0000_1230L;
    /**
     * x18 at entry: the thread's TEB, one read-only page of which only NT_TIB's StackBase (+0x8,
     * {@link #STACK_TOP}) and StackLimit (+0x10, {@link #STACK_LIMIT}) may be read: what a stack
     * probe helper such as MSVC's {@code __chkstk} reads.
     */
    public static final long TEB = 0x7fd8_0000_0000L;
    /** The committed stack's low end in the TEB: the page of the entry SP, so that probes below it run. */
    public static final long STACK_LIMIT = ENTRY_SP & -0x1000L;

    private EntryState() {
    }

    public static long x(int n) {
        if (n == 18) {
            return TEB;
        }
        return 0xE17E_0000_0000_0000L | ((long) n << 40) | n;
    }

    public static long d(int n) {
        return 0xD0E7_0000_0000_0000L | ((long) n << 40) | n;
    }

    /** The upper half of qN at entry. */
    public static long qHigh(int n) {
        return 0xD0E8_0000_0000_0000L | ((long) n << 40) | n;
    }

    public static long bodyX(int n) {
        return 0xB0D1_0000_0000_0000L | ((long) n << 40) | n;
    }

    public static long bodyD(int n) {
        return 0xB0D2_0000_0000_0000L | ((long) n << 40) | n;
    }

    public static long clobber(int n) {
        return 0xC1B0_0000_0000_0000L | ((long) n << 40) | n;
    }

    public static long slot(long address) {
        return 0x57AC_0000_0000_0000L | (address & 0x0000_FFFF_FFFF_FFF8L);
    }

    /** What unwinding any boundary of a function must give: the caller's SP, pc = LR and its callee-saved registers. */
    public static Context expectedCaller() {
        long[] xs = new long[31];
        for (int n = 0; n < 30; n++) {
            xs[n] = x(n);
        }
        xs[30] = RETURN_ADDRESS;
        long[] ds = new long[8];
        for (int n = 8; n <= 15; n++) {
            ds[n - 8] = d(n);
        }
        return new Context(xs, ENTRY_SP, RETURN_ADDRESS, ds);
    }
}
