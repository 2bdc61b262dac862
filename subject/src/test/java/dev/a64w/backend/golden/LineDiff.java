package dev.a64w.backend.golden;

import java.util.ArrayList;
import java.util.List;

/** A unified-diff-like rendering of two line lists (longest common subsequence, 2 lines of context). */
public final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {}

    /** Empty when equal; otherwise {@code ---}/{@code +++} headers and hunks of ' ', '-', '+' lines. */
    public static String unified(String expectedName, List<String> expected, String actualName, List<String> actual) {
        if (expected.equals(actual)) return "";
        int n = expected.size();
        int m = actual.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = expected.get(i).equals(actual.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                ops.add(" " + expected.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add("-" + expected.get(i++));
            } else {
                ops.add("+" + actual.get(j++));
            }
        }
        StringBuilder out = new StringBuilder("--- ").append(expectedName).append("\n+++ ").append(actualName).append('\n');
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).charAt(0) == ' ') {
                k++;
                continue;
            }
            int from = Math.max(0, k - CONTEXT);
            int to = k;
            while (to < ops.size()) {
                if (ops.get(to).charAt(0) != ' ') {
                    to++;
                    continue;
                }
                int run = to;
                while (run < ops.size() && ops.get(run).charAt(0) == ' ') run++;
                if (run - to > 2 * CONTEXT || run == ops.size()) {
                    to = Math.min(ops.size(), to + CONTEXT);
                    break;
                }
                to = run;
            }
            out.append("@@\n");
            for (String op : ops.subList(from, to)) out.append(op).append('\n');
            k = to;
        }
        return out.toString();
    }
}
