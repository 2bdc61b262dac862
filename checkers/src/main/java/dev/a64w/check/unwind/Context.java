package dev.a64w.check.unwind;

import java.util.Arrays;

/**
 * The register state the unwinder works on, shaped like Windows' ARM64 {@code CONTEXT}: x0..x30,
 * sp, pc, the full 128-bit v0..v31 (low and high halves as raw bits), and the
 * {@code CONTEXT_UNWOUND_TO_CALL} flag. {@code d(n)} is the low half of vn; the callee-saved state
 * the ABI asks an unwind to recover is x19..x30, sp, pc and d8..d15 (low halves only).
 *
 * <p>The four-argument constructor takes d8..d15 only and leaves every other vector half zero.
 * Immutable; the {@code with*} methods return changed copies.
 */
public final class Context {
    private final long[] x;
    private final long sp;
    private final long pc;
    private final long[] vLow;
    private final long[] vHigh;
    private final boolean unwoundToCall;

    /** x0..x30, sp, pc and d8..d15 (the low halves of v8..v15); all other vector bits zero. */
    public Context(long[] x, long sp, long pc, long[] d) {
        this(x, sp, pc, lowsFromD(d), new long[32], false);
    }

    /** Full state: x0..x30, sp, pc, low and high halves of v0..v31, and the unwound-to-call flag. */
    public Context(long[] x, long sp, long pc, long[] vLow, long[] vHigh, boolean unwoundToCall) {
        if (x.length != 31 || vLow.length != 32 || vHigh.length != 32) {
            throw new IllegalArgumentException("context needs 31 x registers and 32 vector halves each, got "
                    + x.length + "/" + vLow.length + "/" + vHigh.length);
        }
        this.x = x.clone();
        this.sp = sp;
        this.pc = pc;
        this.vLow = vLow.clone();
        this.vHigh = vHigh.clone();
        this.unwoundToCall = unwoundToCall;
    }

    private static long[] lowsFromD(long[] d) {
        if (d.length != 8) {
            throw new IllegalArgumentException("context needs d8..d15 (8 values), got " + d.length);
        }
        long[] lows = new long[32];
        System.arraycopy(d, 0, lows, 8, 8);
        return lows;
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

    /** The low 64 bits of vn (dn), n = 0..31; the callee-saved ones are 8..15. */
    public long d(int n) {
        return vLow[n];
    }

    /** The high 64 bits of vn, n = 0..31 (only q-register restores and special frames write them). */
    public long vHigh(int n) {
        return vHigh[n];
    }

    /** Windows' CONTEXT_UNWOUND_TO_CALL: set by an ordinary unwind, cleared by trap/machine/EC frames. */
    public boolean unwoundToCall() {
        return unwoundToCall;
    }

    public Context withX(int n, long v) {
        long[] c = x.clone();
        c[n] = v;
        return new Context(c, sp, pc, vLow, vHigh, unwoundToCall);
    }

    public Context withSp(long v) {
        return new Context(x, v, pc, vLow, vHigh, unwoundToCall);
    }

    public Context withPc(long v) {
        return new Context(x, sp, v, vLow, vHigh, unwoundToCall);
    }

    /** Sets the low half of vn (dn), n = 0..31. */
    public Context withD(int n, long v) {
        long[] c = vLow.clone();
        c[n] = v;
        return new Context(x, sp, pc, c, vHigh, unwoundToCall);
    }

    /** Sets both halves of vn (qn), n = 0..31. */
    public Context withV(int n, long low, long high) {
        long[] l = vLow.clone();
        long[] h = vHigh.clone();
        l[n] = low;
        h[n] = high;
        return new Context(x, sp, pc, l, h, unwoundToCall);
    }

    public Context withUnwoundToCall(boolean v) {
        return new Context(x, sp, pc, vLow, vHigh, v);
    }

    long[] xArray() {
        return x.clone();
    }

    long[] vLowArray() {
        return vLow.clone();
    }

    long[] vHighArray() {
        return vHigh.clone();
    }

    /** True if sp, pc, x19..x30 and d8..d15 are equal: what an unwind must recover. */
    public boolean sameCalleeSaved(Context o) {
        return sp == o.sp && pc == o.pc && Arrays.equals(x, 19, 31, o.x, 19, 31)
                && Arrays.equals(vLow, 8, 16, o.vLow, 8, 16);
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
        for (int i = 8; i <= 15; i++) {
            if (vLow[i] != expected.vLow[i]) {
                sb.append(String.format("d%d 0x%x (expected 0x%x) ", i, vLow[i], expected.vLow[i]));
            }
        }
        return sb.toString().trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && sp == c.sp && pc == c.pc && unwoundToCall == c.unwoundToCall
                && Arrays.equals(x, c.x) && Arrays.equals(vLow, c.vLow) && Arrays.equals(vHigh, c.vHigh);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(vLow) * 17 + Arrays.hashCode(vHigh)
                + Long.hashCode(sp) * 7 + Long.hashCode(pc) + (unwoundToCall ? 1 : 0);
    }

    @Override
    public String toString() {
        return String.format("Context[pc=0x%x sp=0x%x fp=0x%x lr=0x%x x19=0x%x]", pc, sp, x[29], x[30], x[19]);
    }
}
