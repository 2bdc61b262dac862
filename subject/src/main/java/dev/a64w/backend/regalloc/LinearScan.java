package dev.a64w.backend.regalloc;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.a64.Gpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
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
        Interval[] iv = new Interval[code.vregCount()];
        for (int v = 0; v < iv.length; v++) iv[v] = new Interval(v);
        Liveness live = Liveness.of(code);
        List<Integer> calls = new ArrayList<>();
        int item = 0;
        for (int b = 0; b < code.blocks().size(); b++) {
            VBlock blk = code.blocks().get(b);
            int top = item++;
            BitSet in = live.liveIn(b);
            for (int v = in.nextSetBit(0); v >= 0; v = in.nextSetBit(v + 1)) iv[v].extend(2 * top);
            for (VReg p : blk.params()) iv[p.id()].extend(2 * top + 1);
            for (VInst inst : blk.insts()) {
                int i = item++;
                for (VReg u : inst.uses()) iv[u.id()].extend(2 * i);
                boolean early = inst instanceof VInst.Op op && op.earlyDef();
                for (VReg d : inst.defs()) {
                    iv[d.id()].extend(2 * i + 1);
                    if (early) iv[d.id()].extend(2 * i);
                }
                if (inst instanceof VInst.Op op) {
                    for (VReg t : op.temps()) {
                        iv[t.id()].extend(2 * i);
                        iv[t.id()].extend(2 * i + 1);
                        iv[t.id()].temp = true;
                    }
                }
                if (inst instanceof VInst.Call) calls.add(2 * i);
            }
            int t = item++;
            for (VReg u : blk.term().uses()) iv[u.id()].extend(2 * t);
            BitSet out = live.liveOut(b);
            for (int v = out.nextSetBit(0); v >= 0; v = out.nextSetBit(v + 1)) iv[v].extend(2 * t + 1);
        }
        int[] hint = hints(code, iv.length);
        int[] callPos = calls.stream().mapToInt(Integer::intValue).toArray();
        List<Interval> order = new ArrayList<>();
        for (Interval x : iv) {
            if (x.start == Integer.MAX_VALUE) continue;
            int k = Arrays.binarySearch(callPos, x.start);
            int first = k >= 0 ? k : -k - 1; // first call at or after start
            x.crossesCall = first < callPos.length && callPos[first] + 1 <= x.end;
            order.add(x);
        }
        order.sort(Comparator.comparingInt((Interval x) -> x.start).thenComparingInt(x -> x.vreg));

        Loc[] locs = new Loc[iv.length];
        int spills = 0;
        int maxCallee = 18;
        int[][] hintedStarts = hintedStarts(order, hint);
        // the registers an interval may take, in preference order, and the same as a mask by number
        List<Gpr> anyReg = new ArrayList<>(callerSaved);
        anyReg.addAll(calleeSaved);
        int anyMask = mask(anyReg), calleeMask = mask(calleeSaved);
        List<Interval> active = new ArrayList<>();
        int taken = 0; // registers of the active intervals (no two share one)
        for (Interval cur : order) {
            taken = expire(active, cur.start, taken);
            List<Gpr> allowed = cur.crossesCall ? calleeSaved : anyReg;
            int allowedMask = cur.crossesCall ? calleeMask : anyMask;
            Gpr free = null;
            int h = hint[cur.vreg];
            if (h >= 0 && (allowedMask & 1 << h) != 0 && (taken & 1 << h) == 0) free = Gpr.x(h);
            if (free == null) {
                // the lowest free register, passing over those wanted by hinted values starting inside this interval
                int wanted = wanted(hintedStarts, cur.start, cur.end);
                Gpr fallback = null;
                for (Gpr g : allowed) {
                    if ((taken & 1 << g.n()) != 0) continue;
                    if (fallback == null) fallback = g;
                    if ((wanted & 1 << g.n()) == 0) { free = g; break; }
                }
                if (free == null) free = fallback;
            }
            if (free != null) {
                cur.reg = free;
                active.add(cur);
                taken |= 1 << free.n();
            } else {
                Interval victim = null;
                for (Interval a : active) {
                    if (a.temp || (allowedMask & 1 << a.reg.n()) == 0) continue;
                    if (victim == null || a.end > victim.end) victim = a;
                }
                if (!cur.temp && (victim == null || victim.end <= cur.end)) {
                    locs[cur.vreg] = new Loc.Spill(spills++);
                    continue;
                }
                if (victim == null) throw new CompileException(code.name() + ": no register for temporary %" + cur.vreg);
                cur.reg = victim.reg;
                victim.reg = null;
                active.remove(victim);
                locs[victim.vreg] = new Loc.Spill(spills++);
                active.add(cur);
            }
        }
        for (Interval x : order) {
            if (x.reg != null) {
                locs[x.vreg] = Loc.InReg.of(x.reg);
                if (x.reg.n() >= 19 && x.reg.n() <= 28) maxCallee = Math.max(maxCallee, x.reg.n());
            }
        }
        return new Allocation(locs, spills, maxCallee - 18);
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
        active.subList(kept, active.size()).clear();
        return taken;
    }

    private static int mask(List<Gpr> regs) {
        int m = 0;
        for (Gpr g : regs) m |= 1 << g.n();
        return m;
    }

    /** Per hint register k (x0..x7): the sorted starts of the intervals hinted to it. */
    private static int[][] hintedStarts(List<Interval> order, int[] hint) {
        int[] count = new int[8];
        for (Interval x : order) if (hint[x.vreg] >= 0) count[hint[x.vreg]]++;
        int[][] starts = new int[8][];
        for (int k = 0; k < 8; k++) starts[k] = new int[count[k]];
        int[] n = new int[8];
        for (Interval x : order) { // sorted by start already
            int k = hint[x.vreg];
            if (k >= 0) starts[k][n[k]++] = x.start;
        }
        return starts;
    }

    /** The hint registers (as a mask by number) of the hinted intervals starting in (from, to]. */
    private static int wanted(int[][] hintedStarts, int from, int to) {
        int m = 0;
        for (int k = 0; k < hintedStarts.length; k++) {
            int[] s = hintedStarts[k];
            int i = Arrays.binarySearch(s, from + 1);
            int first = i >= 0 ? i : -i - 1; // a start equal to from + 1, or the first greater one
            if (first < s.length && s[first] <= to) m |= 1 << k;
        }
        return m;
    }

    /** The preferred register number of each vreg (-1: none), from fixed ABI positions. */
    private static int[] hints(VCode code, int n) {
        int[] hint = new int[n];
        Arrays.fill(hint, -1);
        for (VBlock blk : code.blocks()) {
            for (VInst inst : blk.insts()) {
                switch (inst) {
                    case VInst.Params p -> hint(hint, p.params());
                    case VInst.Call call -> {
                        hint(hint, call.args());
                        hint(hint, call.results());
                    }
                    case VInst.Op op -> { }
                }
            }
            switch (blk.term()) {
                case VTerm.Ret r -> hint(hint, r.values());
                case VTerm.TailCall tc -> hint(hint, tc.args());
                default -> { }
            }
        }
        return hint;
    }

    private static void hint(int[] hint, List<VReg> regs) {
        for (int k = 0; k < regs.size() && k < 8; k++) {
            int v = regs.get(k).id();
            if (hint[v] < 0) hint[v] = k;
        }
    }
}
