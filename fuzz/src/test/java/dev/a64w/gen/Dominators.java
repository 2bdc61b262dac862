package dev.a64w.gen;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Immediate dominators (Cooper-Harvey-Kennedy iteration over reverse postorder), for the checker. */
final class Dominators {
    private Dominators() {}

    /** Immediate dominator index per block; -1 for unreachable blocks; the entry is its own. */
    static int[] idom(List<Block> blocks, Map<BlockRef, Integer> idx) {
        int n = blocks.size();
        List<List<Integer>> preds = new ArrayList<>();
        for (int k = 0; k < n; k++) preds.add(new ArrayList<>());
        for (int k = 0; k < n; k++) {
            for (BlockCall s : blocks.get(k).terminator().successors()) {
                Integer t = idx.get(s.block());
                if (t == null) continue;
                preds.get(t).add(k);
            }
        }
        // reverse postorder
        List<Integer> order = new ArrayList<>();
        boolean[] seen = new boolean[n];
        dfs(0, blocks, idx, seen, order);
        java.util.Collections.reverse(order);
        int[] rpo = new int[n];
        for (int k = 0; k < order.size(); k++) rpo[order.get(k)] = k;
        int[] idom = new int[n];
        java.util.Arrays.fill(idom, -1);
        idom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b : order) {
                if (b == 0) continue;
                int nd = -1;
                for (int p : preds.get(b)) {
                    if (idom[p] == -1) continue;
                    nd = nd == -1 ? p : intersect(idom, rpo, p, nd);
                }
                if (nd != idom[b]) { idom[b] = nd; changed = true; }
            }
        }
        return idom;
    }

    private static int intersect(int[] idom, int[] rpo, int a, int b) {
        while (a != b) {
            while (rpo[a] > rpo[b]) a = idom[a];
            while (rpo[b] > rpo[a]) b = idom[b];
        }
        return a;
    }

    private static void dfs(int k, List<Block> blocks, Map<BlockRef, Integer> idx, boolean[] seen, List<Integer> post) {
        if (seen[k]) return;
        seen[k] = true;
        for (BlockCall s : blocks.get(k).terminator().successors()) {
            Integer t = idx.get(s.block());
            if (t != null) dfs(t, blocks, idx, seen, post);
        }
        post.add(k);
    }

}
