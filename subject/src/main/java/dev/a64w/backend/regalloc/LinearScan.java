package dev.a64w.backend.regalloc;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.a64.Gpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Linear-scan register allocation over live intervals (Poletto and Sarkar). The code is numbered
 * in layout order, two positions per item (uses at 2i, defs at 2i+1; block params are an item at
 * the top of the block); an interval is the hull of every position where the value is live, so it
 * is conservative across loops. Intervals that cross a call get a callee-saved register
 * (x19..x28, lowest first) or a spill slot; the others prefer the caller-saved x0..x14. Never
 * allocated: x15, x16, x17 (reload/move scratch, import and veneer scratch), x18 (TEB), x29, x30,
 * sp. When no register is free the interval that ends last is spilled (temps never are). A value
 * that is a parameter, call result, call argument or return value at position k (k &lt; 8) first
 * tries x<i>k</i> (the first such position in layout order), which saves the move there.
 */
public final class LinearScan {
    /** Caller-saved registers handed out, in preference order. */
    public static final List<Gpr> CALLER_SAVED = regs(0, 14);
    /** Callee-saved registers handed out, lowest first (so the saved set is a contiguous run from x19). */
    public static final List<Gpr> CALLEE_SAVED = regs(19, 28);

    private LinearScan() {}

    private static List<Gpr> regs(int from, int to) {
        List<Gpr> r = new ArrayList<>();
        for (int i = from; i <= to; i++) r.add(Gpr.x(i));
        return List.copyOf(r);
    }

    private static final class Interval {
        final int vreg;
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        boolean temp;
        boolean crossesCall;
        Gpr reg;

        Interval(int vreg) {
            this.vreg = vreg;
        }

        void extend(int p) {
            start = Math.min(start, p);
            end = Math.max(end, p);
        }
    }

    public static Allocation allocate(VCode code) {
        return allocate(code, CALLER_SAVED, CALLEE_SAVED);
    }

    /** Allocation with restricted register sets (tests use small sets to force spilling). */
    public static Allocation allocate(VCode code, List<Gpr> callerSaved, List<Gpr> calleeSaved) {
        OperandTable table = OperandTable.of(code);
        Interval[] iv = new Interval[code.vregCount()];
        for (int v = 0; v < iv.length; v++) iv[v] = new Interval(v);
        int[] callPos = extend(iv, table, Liveness.of(table));
        List<Interval> order = order(iv, callPos);
        Loc[] locs = new Loc[iv.length];
        int spills = scan(code.name(), order, table, callerSaved, calleeSaved, locs);
        int maxCallee = 18;
        for (Interval x : order) {
            if (x.reg != null) {
                locs[x.vreg] = Loc.InReg.of(x.reg);
                if (x.reg.n() >= 19 && x.reg.n() <= 28) maxCallee = Math.max(maxCallee, x.reg.n());
            }
        }
        return new Allocation(locs, spills, maxCallee - 18);
    }

    /**
     * Extends each vreg's interval over every position where it is live or an operand; returns the
     * use positions of the calls, in order.
     */
    private static int[] extend(Interval[] iv, OperandTable table, Liveness live) {
        int[] callPos = new int[16];
        int calls = 0;
        for (int b = 0; b < table.blocks(); b++) {
            int top = table.top(b), term = table.terminator(b);
            BitSet in = live.liveIn(b);
            for (int v = in.nextSetBit(0); v >= 0; v = in.nextSetBit(v + 1)) iv[v].extend(2 * top);
            for (int i = top; i <= term; i++) {
                // the top's operands are the block parameters (defs); the terminator has uses only
                for (int k = table.first(i), end = table.first(i + 1); k < end; k++) {
                    Interval x = iv[table.vreg(k)];
                    switch (table.role(k)) {
                        case OperandTable.USE -> x.extend(2 * i);
                        case OperandTable.DEF -> x.extend(2 * i + 1);
                        case OperandTable.EARLY_DEF -> {
                            x.extend(2 * i + 1);
                            x.extend(2 * i);
                        }
                        default -> { // TEMP
                            x.extend(2 * i);
                            x.extend(2 * i + 1);
                            x.temp = true;
                        }
                    }
                }
                if (table.isCall(i)) {
                    if (calls == callPos.length) callPos = Arrays.copyOf(callPos, 2 * calls);
                    callPos[calls++] = 2 * i;
                }
            }
            BitSet out = live.liveOut(b);
            for (int v = out.nextSetBit(0); v >= 0; v = out.nextSetBit(v + 1)) iv[v].extend(2 * term + 1);
        }
        return Arrays.copyOf(callPos, calls);
    }

    /** The intervals that occur, by start (equal starts in vreg order), each marked when it crosses a call. */
    private static List<Interval> order(Interval[] iv, int[] callPos) {
        List<Interval> order = new ArrayList<>(iv.length);
        for (Interval x : iv) {
            if (x.start == Integer.MAX_VALUE) continue;
            int k = Arrays.binarySearch(callPos, x.start);
            int first = k >= 0 ? k : -k - 1; // first call at or after start
            x.crossesCall = first < callPos.length && callPos[first] + 1 <= x.end;
            order.add(x);
        }
        // the list is in vreg order and the sort is stable
        order.sort((a, b) -> Integer.compare(a.start, b.start));
        return order;
    }

    /**
     * The linear scan: gives each interval in {@code order} a register ({@link Interval#reg}) or a
     * spill slot (in {@code locs}); returns the number of spill slots.
     */
    private static int scan(String function, List<Interval> order, OperandTable table, List<Gpr> callerSaved, List<Gpr> calleeSaved,
            Loc[] locs) {
        int spills = 0;
        HintedStarts hintedStarts = new HintedStarts(order, table);
        // the register numbers an interval may take, in preference order, and the same as a mask
        int[] anyReg = new int[callerSaved.size() + calleeSaved.size()];
        for (int k = 0; k < anyReg.length; k++) {
            anyReg[k] = (k < callerSaved.size() ? callerSaved.get(k) : calleeSaved.get(k - callerSaved.size())).n();
        }
        int[] calleeReg = Arrays.copyOfRange(anyReg, callerSaved.size(), anyReg.length);
        int anyMask = mask(anyReg), calleeMask = mask(calleeReg);
        List<Interval> active = new ArrayList<>(32);
        int taken = 0; // registers of the active intervals (no two share one)
        for (Interval cur : order) {
            taken = expire(active, cur.start, taken);
            int allowedMask = cur.crossesCall ? calleeMask : anyMask;
            Gpr free = free(cur, table.hint(cur.vreg), cur.crossesCall ? calleeReg : anyReg, allowedMask, taken, hintedStarts);
            if (free != null) {
                cur.reg = free;
                active.add(cur);
                taken |= 1 << free.n();
                continue;
            }
            Interval victim = null;
            for (Interval a : active) {
                if (a.temp || (allowedMask & 1 << a.reg.n()) == 0) continue;
                if (victim == null || a.end > victim.end) victim = a;
            }
            if (!cur.temp && (victim == null || victim.end <= cur.end)) {
                locs[cur.vreg] = new Loc.Spill(spills++);
                continue;
            }
            if (victim == null) throw new CompileException(function + ": no register for temporary %" + cur.vreg);
            cur.reg = victim.reg;
            victim.reg = null;
            active.remove(victim);
            locs[victim.vreg] = new Loc.Spill(spills++);
            active.add(cur);
        }
        return spills;
    }

    /**
     * A free register for {@code cur}: its hint if allowed and free, else the first free one of
     * {@code allowed} that no hinted interval starting inside {@code cur} wants, else the first
     * free one; null when none is free.
     */
    private static Gpr free(Interval cur, int hint, int[] allowed, int allowedMask, int taken, HintedStarts hintedStarts) {
        if (hint >= 0 && (allowedMask & 1 << hint) != 0 && (taken & 1 << hint) == 0) return Gpr.x(hint);
        int wanted = hintedStarts.wanted(cur.start, cur.end);
        int fallback = -1;
        for (int g : allowed) {
            if ((taken & 1 << g) != 0) continue;
            if (fallback < 0) fallback = g;
            if ((wanted & 1 << g) == 0) return Gpr.x(g);
        }
        return fallback >= 0 ? Gpr.x(fallback) : null;
    }

    /** Drops the active intervals that end before {@code pos} (keeping the others' order); returns the registers still taken. */
    private static int expire(List<Interval> active, int pos, int taken) {
        int kept = 0;
        for (int k = 0; k < active.size(); k++) {
            Interval a = active.get(k);
            if (a.end < pos) {
                taken &= ~(1 << a.reg.n());
            } else {
                active.set(kept++, a);
            }
        }
        while (active.size() > kept) active.removeLast();
        return taken;
    }

    private static int mask(int[] regs) {
        int m = 0;
        for (int g : regs) m |= 1 << g;
        return m;
    }

    /**
     * Per hint register k (x0..x7) the sorted starts of the intervals hinted to it, and a cursor per
     * register past the starts at or before the last interval asked about (intervals are asked about
     * in the order of their starts, so each cursor only moves forward).
     */
    private static final class HintedStarts {
        private final int[][] starts = new int[8][];
        private final int[] next = new int[8];

        HintedStarts(List<Interval> order, OperandTable table) {
            int[] count = new int[8];
            for (Interval x : order) if (table.hint(x.vreg) >= 0) count[table.hint(x.vreg)]++;
            for (int k = 0; k < 8; k++) starts[k] = new int[count[k]];
            int[] n = new int[8];
            for (Interval x : order) { // sorted by start already
                int k = table.hint(x.vreg);
                if (k >= 0) starts[k][n[k]++] = x.start;
            }
        }

        /** The hint registers (as a mask by number) of the hinted intervals starting in (from, to]; {@code from} never decreases. */
        int wanted(int from, int to) {
            int m = 0;
            for (int k = 0; k < 8; k++) {
                int[] s = starts[k];
                int i = next[k];
                while (i < s.length && s[i] <= from) i++;
                next[k] = i;
                if (i < s.length && s[i] <= to) m |= 1 << k;
            }
            return m;
        }
    }
}
