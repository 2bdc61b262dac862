package dev.a64w.audit;

/**
 * A state of {@link AuditCpu} to come back to: x0–x30, SP, pc, NZCV, q8–q15, and the bytes of the
 * stack written since the function was entered (the rest of the stack holds its slot values).
 * Taken and restored by the CPU only; immutable.
 */
final class CpuSnapshot {
    private final long[] x;
    private final long sp;
    private final long pc;
    private final long nzcv;
    private final byte[][] q;
    private final long writtenLow;
    private final byte[] written;

    CpuSnapshot(long[] x, long sp, long pc, long nzcv, byte[][] q, long writtenLow, byte[] written) {
        this.x = x.clone();
        this.sp = sp;
        this.pc = pc;
        this.nzcv = nzcv;
        this.q = q.clone();
        this.writtenLow = writtenLow;
        this.written = written.clone();
    }

    long x(int n) {
        return x[n];
    }

    long sp() {
        return sp;
    }

    long pc() {
        return pc;
    }

    long nzcv() {
        return nzcv;
    }

    /** The 16 bytes of qN, N in 8..15. */
    byte[] q(int n) {
        return q[n - 8].clone();
    }

    long writtenLow() {
        return writtenLow;
    }

    byte[] written() {
        return written.clone();
    }
}
