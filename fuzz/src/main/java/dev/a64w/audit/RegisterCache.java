package dev.a64w.audit;

/**
 * What {@link AuditCpu} knows of its engine's registers without asking it: the values of x19–x30,
 * SP and d8–d15 last read or written (what every unwind check reads), and which registers of any
 * kind were written since the state it last took or put back. Bits and slots are
 * {@link RegisterWrites}' layout: xN at N, SP at 31, vN at 32 + N. Pure bookkeeping, no engine.
 */
final class RegisterCache {
    /** The registers whose values are kept. */
    static final long KEPT = RegisterWrites.CALLEE_SAVED;

    private final long[] values = new long[64];
    private long valid;
    private long dirty;

    /** True if slot's value is kept and known. */
    boolean known(int slot) {
        return (valid & (1L << slot)) != 0;
    }

    static boolean kept(int slot) {
        return (KEPT & (1L << slot)) != 0;
    }

    long value(int slot) {
        return values[slot];
    }

    /** slot's value, as read from the engine. */
    void read(int slot, long v) {
        if (kept(slot)) {
            values[slot] = v;
            valid |= 1L << slot;
        }
    }

    /** slot written with v. */
    void wrote(int slot, long v) {
        read(slot, v);
        dirty |= 1L << slot;
    }

    /** The registers in {@code set} changed to values not known here (an instruction ran). */
    void changed(long set) {
        valid &= ~set;
        dirty |= set;
    }

    /** Any register may have changed. */
    void changedAll() {
        changed(RegisterWrites.ALL);
    }

    /** Registers written since {@link #clean()}. */
    long dirty() {
        return dirty;
    }

    /** The engine's state is now the one last taken or put back. */
    void clean() {
        dirty = 0;
    }
}
