package dev.a64w.ir.verify;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immediate dominators of a function's blocks (Cooper, Harvey and Kennedy's iterative algorithm
 * over reverse postorder). Blocks are identified by their index in layout order; the entry is 0.
 * Branches to blocks that do not exist are ignored (the verifier reports them separately).
 */
final class Dominators {
    private final int[] idom;
    private final int[] rpoNumber;

    Dominators(Function f) {
        int n = f.blocks().size();
        Map<BlockRef, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) index.putIfAbsent(f.blocks().get(i).ref(), i);
        List<List<Integer>> succ = new ArrayList<>();
        List<List<Integer>> pred = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>());
            pred.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Block b = f.blocks().get(i);
            for (BlockCall c : b.terminator().successors()) {
                Integer t = index.get(c.block());
                if (t != null) {
                    succ.get(i).add(t);
                    pred.get(t).add(i);
                }
            }
        }
        rpoNumber = new int[n];
        java.util.Arrays.fill(rpoNumber, -1);
        List<Integer> post = new ArrayList<>();
        if (n > 0) postorder(succ, post, n);
        List<Integer> rpo = post.reversed();
        for (int k = 0; k < rpo.size(); k++) rpoNumber[rpo.get(k)] = k;
        idom = new int[n];
        java.util.Arrays.fill(idom, -1);
        if (n == 0) return;
        idom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b : rpo) {
                if (b == 0) continue;
                int newIdom = -1;
                for (int p : pred.get(b)) {
                    if (idom[p] < 0) continue;
                    newIdom = newIdom < 0 ? p : intersect(p, newIdom);
                }
                if (newIdom >= 0 && idom[b] != newIdom) {
                    idom[b] = newIdom;
                    changed = true;
                }
            }
        }
    }

    /** Iterative depth-first postorder from the entry. */
    private void postorder(List<List<Integer>> succ, List<Integer> out, int n) {
        boolean[] seen = new boolean[n];
        int[] stackBlock = new int[n];
        int[] stackEdge = new int[n];
        int sp = 0;
        stackBlock[sp] = 0;
        stackEdge[sp++] = 0;
        seen[0] = true;
        while (sp > 0) {
            int b = stackBlock[sp - 1];
            if (stackEdge[sp - 1] < succ.get(b).size()) {
                int s = succ.get(b).get(stackEdge[sp - 1]++);
                if (!seen[s]) {
                    seen[s] = true;
                    stackBlock[sp] = s;
                    stackEdge[sp++] = 0;
                }
            } else {
                out.add(b);
                sp--;
            }
        }
    }

    private int intersect(int a, int b) {
        while (a != b) {
            while (rpoNumber[a] > rpoNumber[b]) a = idom[a];
            while (rpoNumber[b] > rpoNumber[a]) b = idom[b];
        }
        return a;
    }

    boolean reachable(int b) {
        return rpoNumber[b] >= 0;
    }

    /** True when block {@code a} dominates block {@code b} (both reachable); a block dominates itself. */
    boolean dominates(int a, int b) {
        if (!reachable(a) || !reachable(b)) return false;
        while (true) {
            if (a == b) return true;
            if (b == 0) return false;
            b = idom[b];
        }
    }
}
