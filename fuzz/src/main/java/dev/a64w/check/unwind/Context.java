package dev.a64w.check.unwind;

import java.util.Arrays;

/**
 * The register state the unwinder works on: x0..x30, sp, pc and d8..d15 (the callee-saved low
 * halves of v8..v15, as raw bits). Immutable; the {@code with*} methods return changed copies.
 */
public final class Context {
    private final long[] x;
    private final long sp;
    private final long pc;
    private final long[] d;

    public Context(long[] x, long sp, long pc, long[] d) {
        if (x.length != 31 || d.length != 8) {
            throw new IllegalArgumentException("context needs 31 x registers and d8..d15, got " + x.length + "/" + d.length);
        }
        this.x = x.clone();
        this.sp = sp;
        this.pc = pc;
        this.d = d.clone();
    }

    public static Context zero() {
        return new Context(new long[31], 0, 0, new long[8]);
    }

    public long x(int n) {
        return x[n];
    }

    public long lr() {
        return x[30];
    }

    public long fp() {
        return x[29];
    }

    public long sp() {
        return sp;
    }

    public long pc() {
        return pc;
    }

    /** d8..d15 by architectural number (8..15). */
    public long d(int n) {
        return d[n - 8];
    }

    public Context withX(int n, long v) {
        long[] c = x.clone();
        c[n] = v;
        return new Context(c, sp, pc, d);
    }

    public Context withSp(long v) {
        return new Context(x, v, pc, d);
    }

    public Context withPc(long v) {
        return new Context(x, sp, v, d);
    }

    public Context withD(int n, long v) {
        long[] c = d.clone();
        c[n - 8] = v;
        return new Context(x, sp, pc, c);
    }

    long[] xArray() {
        return x.clone();
    }

    long[] dArray() {
        return d.clone();
    }

    /** True if sp, pc, x19..x30 and d8..d15 are equal: what an unwind must recover. */
    public boolean sameCalleeSaved(Context o) {
        return sp == o.sp && pc == o.pc && Arrays.equals(x, 19, 31, o.x, 19, 31) && Arrays.equals(d, o.d);
    }

    /** Names the callee-saved registers that differ, with both values; empty if none. */
    public String calleeSavedDiff(Context expected) {
        StringBuilder sb = new StringBuilder();
        if (sp != expected.sp) {
            sb.append(String.format("sp 0x%x (expected 0x%x) ", sp, expected.sp));
        }
        if (pc != expected.pc) {
            sb.append(String.format("pc 0x%x (expected 0x%x) ", pc, expected.pc));
        }
        for (int i = 19; i <= 30; i++) {
            if (x[i] != expected.x[i]) {
                sb.append(String.format("x%d 0x%x (expected 0x%x) ", i, x[i], expected.x[i]));
            }
        }
        for (int i = 0; i < 8; i++) {
            if (d[i] != expected.d[i]) {
                sb.append(String.format("d%d 0x%x (expected 0x%x) ", i + 8, d[i], expected.d[i]));
            }
        }
        return sb.toString().trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && sp == c.sp && pc == c.pc && Arrays.equals(x, c.x) && Arrays.equals(d, c.d);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(d) + Long.hashCode(sp) * 7 + Long.hashCode(pc);
    }

    @Override
    public String toString() {
        return String.format("Context[pc=0x%x sp=0x%x fp=0x%x lr=0x%x x19=0x%x]", pc, sp, x[29], x[30], x[19]);
    }
}
