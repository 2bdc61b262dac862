package dev.a64w.backend.regalloc;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.RegClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Linear-scan register allocation over live intervals (Poletto and Sarkar), one scan per register
 * class over the same numbering. The code is numbered in layout order, two positions per item
 * (uses at 2i, defs at 2i+1; block params are an item at the top of the block); an interval is the
 * hull of every position where the value is live, so it is conservative across loops. Intervals
 * that cross a call get a callee-saved register of their class (lowest first) or a spill slot; the
 * others prefer the caller-saved ones. When no register is free the interval that ends last is
 * spilled (temps never are). A value that is a parameter, call result, call argument or return
 * value at position k among the values of its class (k &lt; 8) first tries register k of its class
 * (x<i>k</i> or v<i>k</i>, the first such position in layout order), which saves the move there.
 * <ul>
 *   <li>INT: caller-saved x0..x14, callee-saved x19..x28. Never allocated: x15, x16, x17 (reload
 *       and move scratch, import and veneer scratch), x18 (TEB), x29, x30, sp.</li>
 *   <li>FLOAT: caller-saved v0..v7 and v16..v28, callee-saved d8..d15 (the low 64 bits of
 *       v8..v15, all a scalar uses). Never allocated: v29, v30, v31, the emitter's reload scratch
 *       for spilled float operands; v31 is also the cycle-breaking scratch of float parallel moves.
 *       A call clobbers v0..v7, v16..v31 and the upper halves of v8..v15.</li>
 * </ul>
 * Spill slots (8 bytes) are shared by both classes.
 */
public final class LinearScan {
    /** Caller-saved registers handed out, in preference order. */
    public static final List<Gpr> CALLER_SAVED = gprs(0, 14);
    /** Callee-saved registers handed out, lowest first (so the saved set is a contiguous run from x19). */
    public static final List<Gpr> CALLEE_SAVED = gprs(19, 28);
    /** Caller-saved fp registers handed out, in preference order (argument registers first). */
    public static final List<FReg> FLOAT_CALLER_SAVED = concat(fregs(0, 7), fregs(16, 28));
    /** Callee-saved fp registers handed out, lowest first (d8 up, a contiguous run). */
    public static final List<FReg> FLOAT_CALLEE_SAVED = fregs(8, 15);

    /** The registers of one class the allocator may hand out. */
    public record Pool(List<? extends MReg> callerSaved, List<? extends MReg> calleeSaved) {
        public Pool {
            callerSaved = List.copyOf(callerSaved);
            calleeSaved = List.copyOf(calleeSaved);
        }
    }

    public static final Pool INT_POOL = new Pool(CALLER_SAVED, CALLEE_SAVED);
    public static final Pool FLOAT_POOL = new Pool(FLOAT_CALLER_SAVED, FLOAT_CALLEE_SAVED);

    private LinearScan() {}

    private static List<Gpr> gprs(int from, int to) {
        List<Gpr> r = new ArrayList<>();
        for (int i = from; i <= to; i++) r.add(Gpr.x(i));
        return List.copyOf(r);
    }

    private static List<FReg> fregs(int from, int to) {
        List<FReg> r = new ArrayList<>();
        for (int i = from; i <= to; i++) r.add(FReg.v(i));
        return List.copyOf(r);
    }

    private static List<FReg> concat(List<FReg> a, List<FReg> b) {
        List<FReg> r = new ArrayList<>(a);
        r.addAll(b);
        return List.copyOf(r);
    }

    private static final class Interval {
        final int vreg;
        final RegClass cls;
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        boolean temp;
        boolean crossesCall;
        int reg = -1; // register number in the interval's class, or -1

        Interval(int vreg, RegClass cls) {
            this.vreg = vreg;
            this.cls = cls;
        }

        void extend(int p) {
            start = Math.min(start, p);
            end = Math.max(end, p);
        }
    }

    public static Allocation allocate(VCode code) {
        return allocate(code, INT_POOL, FLOAT_POOL);
    }

    /** Allocation with restricted integer register sets (tests use small sets to force spilling). */
    public static Allocation allocate(VCode code, List<Gpr> callerSaved, List<Gpr> calleeSaved) {
        return allocate(code, new Pool(callerSaved, calleeSaved), FLOAT_POOL);
    }

    /** Allocation with the given pools per class. */
    public static Allocation allocate(VCode code, Pool intPool, Pool floatPool) {
        OperandTable table = OperandTable.of(code);
        Interval[] iv = new Interval[code.vregCount()];
        for (int v = 0; v < iv.length; v++) iv[v] = new Interval(v, table.cls(v));
        int[] callPos = extend(iv, table, Liveness.of(table));
        List<Interval> order = order(iv, callPos);
        List<Interval> ints = new ArrayList<>(order.size()), floats = new ArrayList<>();
        for (Interval x : order) (x.cls == RegClass.FLOAT ? floats : ints).add(x);
        Loc[] locs = new Loc[iv.length];
        int[] spills = {0};
        scan(code.name(), ints, table, intPool, locs, spills);
        if (!floats.isEmpty()) scan(code.name(), floats, table, floatPool, locs, spills);
        int maxGpr = 18, maxFreg = 7;
        for (Interval x : order) {
            if (x.reg < 0) continue;
            if (x.cls == RegClass.FLOAT) {
                locs[x.vreg] = Loc.InReg.of(FReg.v(x.reg));
                if (x.reg >= 8 && x.reg <= 15) maxFreg = Math.max(maxFreg, x.reg);
            } else {
                locs[x.vreg] = Loc.InReg.of(Gpr.x(x.reg));
                if (x.reg >= 19 && x.reg <= 28) maxGpr = Math.max(maxGpr, x.reg);
            }
        }
        return new Allocation(locs, spills[0], gprs(19, maxGpr), fregs(8, maxFreg));
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
     * The linear scan over the intervals of one class: gives each interval in {@code order} a
     * register ({@link Interval#reg}) or a spill slot (in {@code locs}, numbered from
     * {@code spills[0]}, which it advances).
     */
    private static void scan(String function, List<Interval> order, OperandTable table, Pool pool, Loc[] locs, int[] spills) {
        HintedStarts hintedStarts = new HintedStarts(order, table);
        // the register numbers an interval may take, in preference order, and the same as a mask
        List<? extends MReg> callerSaved = pool.callerSaved(), calleeSaved = pool.calleeSaved();
        int[] anyReg = new int[callerSaved.size() + calleeSaved.size()];
        for (int k = 0; k < anyReg.length; k++) {
            anyReg[k] = (k < callerSaved.size() ? callerSaved.get(k) : calleeSaved.get(k - callerSaved.size())).encoding();
        }
        int[] calleeReg = Arrays.copyOfRange(anyReg, callerSaved.size(), anyReg.length);
        int anyMask = mask(anyReg), calleeMask = mask(calleeReg);
        List<Interval> active = new ArrayList<>(32);
        int taken = 0; // registers of the active intervals (no two share one)
        for (Interval cur : order) {
            taken = expire(active, cur.start, taken);
            int allowedMask = cur.crossesCall ? calleeMask : anyMask;
            int free = free(cur, table.hint(cur.vreg), cur.crossesCall ? calleeReg : anyReg, allowedMask, taken, hintedStarts);
            if (free >= 0) {
                cur.reg = free;
                active.add(cur);
                taken |= 1 << free;
                continue;
            }
            Interval victim = null;
            for (Interval a : active) {
                if (a.temp || (allowedMask & 1 << a.reg) == 0) continue;
                if (victim == null || a.end > victim.end) victim = a;
            }
            if (!cur.temp && (victim == null || victim.end <= cur.end)) {
                locs[cur.vreg] = new Loc.Spill(spills[0]++);
                continue;
            }
            if (victim == null) throw new CompileException(function + ": no register for temporary %" + cur.vreg);
            cur.reg = victim.reg;
            victim.reg = -1;
            active.remove(victim);
            locs[victim.vreg] = new Loc.Spill(spills[0]++);
            active.add(cur);
        }
    }

    /**
     * A free register for {@code cur}: its hint if allowed and free, else the first free one of
     * {@code allowed} that no hinted interval starting inside {@code cur} wants, else the first
     * free one; -1 when none is free.
     */
    private static int free(Interval cur, int hint, int[] allowed, int allowedMask, int taken, HintedStarts hintedStarts) {
        if (hint >= 0 && (allowedMask & 1 << hint) != 0 && (taken & 1 << hint) == 0) return hint;
        int wanted = hintedStarts.wanted(cur.start, cur.end);
        int fallback = -1;
        for (int g : allowed) {
            if ((taken & 1 << g) != 0) continue;
            if (fallback < 0) fallback = g;
            if ((wanted & 1 << g) == 0) return g;
        }
        return fallback;
    }

    /** Drops the active intervals that end before {@code pos} (keeping the others' order); returns the registers still taken. */
    private static int expire(List<Interval> active, int pos, int taken) {
        int kept = 0;
        for (int k = 0; k < active.size(); k++) {
            Interval a = active.get(k);
            if (a.end < pos) {
                taken &= ~(1 << a.reg);
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
     * Per hint register k (register k of the scanned class, k &lt; 8) the sorted starts of the intervals hinted to it, and a cursor per
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
