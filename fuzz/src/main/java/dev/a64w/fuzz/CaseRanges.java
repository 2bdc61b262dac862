package dev.a64w.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of case indices kept as sorted, disjoint, half-open ranges {@code [from, to)}: the cases a
 * campaign has checked, in the compact form {@code campaign.json} stores. Not thread-safe.
 */
final class CaseRanges {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long count;

    /** The set of {@code ranges} (pairs {@code [from, to)}, in any order; overlaps are merged). */
    static CaseRanges of(List<long[]> ranges) {
        CaseRanges r = new CaseRanges();
        for (long[] pair : ranges) {
            if (pair.length != 2 || pair[0] < 0 || pair[1] < pair[0]) {
                throw new IllegalArgumentException("case range: expected [from, to) with 0 <= from <= to, got "
                        + java.util.Arrays.toString(pair));
            }
            r.add(pair[0], pair[1]);
        }
        return r;
    }

    boolean contains(long i) {
        Map.Entry<Long, Long> e = ranges.floorEntry(i);
        return e != null && i < e.getValue();
    }

    /** Adds {@code i}; returns whether it was new. */
    boolean add(long i) {
        long before = count;
        add(i, i + 1);
        return count != before;
    }

    /** Adds {@code [from, to)}, merged with the ranges it overlaps or touches. */
    void add(long from, long to) {
        if (from >= to) return;
        Map.Entry<Long, Long> below = ranges.floorEntry(from);
        if (below != null && below.getValue() >= from) {
            from = below.getKey();
        }
        var covered = ranges.subMap(from, true, to, true);
        for (Map.Entry<Long, Long> e : covered.entrySet()) {
            to = Math.max(to, e.getValue());
            count -= e.getValue() - e.getKey();
        }
        covered.clear();
        ranges.put(from, to);
        count += to - from;
    }

    /** The smallest index {@code >= from} not in the set. */
    long nextNotIn(long from) {
        Map.Entry<Long, Long> e = ranges.floorEntry(from);
        return e != null && from < e.getValue() ? e.getValue() : from;
    }

    /** How many indices the set holds. */
    long count() {
        return count;
    }

    /** The ranges, ascending, as {@code [from, to)} pairs. */
    List<long[]> ranges() {
        List<long[]> out = new ArrayList<>();
        ranges.forEach((from, to) -> out.add(new long[] {from, to}));
        return out;
    }
}
