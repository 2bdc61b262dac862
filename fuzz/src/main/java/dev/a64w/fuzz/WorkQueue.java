package dev.a64w.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The batches a campaign hands out: first batches handed back (the rest of a dead worker's batch, or its
 * cases one by one when the batch as a whole died), then fresh batches of the next cases below the case
 * limit that are not checked yet (on {@code --resume}, the holes the stopped run left, then the cases
 * after them). A case is never in two batches at once. Not thread-safe.
 */
final class WorkQueue {
    private final Deque<List<Long>> handedBack = new ArrayDeque<>();
    private final CaseRanges done;
    private final long maxCases;
    private long next;

    WorkQueue(CaseRanges done, long maxCases) {
        this.done = done;
        this.maxCases = maxCases;
    }

    /** The next batch of at most {@code size} cases; empty when there is none. */
    List<Long> take(int size) {
        List<Long> back = handedBack.pollFirst();
        if (back != null) return back;
        List<Long> batch = new ArrayList<>();
        while (batch.size() < size) {
            next = done.nextNotIn(next);
            if (next >= maxCases) break;
            batch.add(next++);
        }
        return batch;
    }

    /** Hands {@code cases} out again as one batch, before any fresh one. */
    void handBack(List<Long> cases) {
        if (!cases.isEmpty()) handedBack.addFirst(List.copyOf(cases));
    }

    /** Hands {@code cases} out again one by one (to find which of them kills a worker). */
    void handBackOneByOne(List<Long> cases) {
        for (int k = cases.size() - 1; k >= 0; k--) {
            handedBack.addFirst(List.of(cases.get(k)));
        }
    }

    /** Whether no case is left to hand out. */
    boolean exhausted() {
        return handedBack.isEmpty() && done.nextNotIn(next) >= maxCases;
    }
}
