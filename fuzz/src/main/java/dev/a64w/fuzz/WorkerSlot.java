package dev.a64w.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * One job of a campaign as the campaign tracks it: its current worker, what that worker is doing, the
 * cases handed to it and not yet done, the case it is on ({@code -1}: the batch as a whole, or between
 * cases), and until when it may take (a {@link System#nanoTime} deadline). Guarded by the campaign.
 */
final class WorkerSlot {
    enum State { STARTING, IDLE, BUSY, GONE }

    static final long NO_DEADLINE = Long.MAX_VALUE;

    final int id;
    WorkerHandle worker;
    State state = State.GONE;
    final List<Long> assigned = new ArrayList<>();
    long current = -1;
    boolean inBatch;
    long deadline = NO_DEADLINE;
    /** Set when the campaign kills the worker for its time limit. */
    boolean killedForTime;
    /** Set when the campaign told the worker to quit: its end is no finding. */
    boolean quitting;

    WorkerSlot(int id) {
        this.id = id;
    }

    /** A fresh worker, starting. */
    void starting(WorkerHandle w, long deadline) {
        worker = w;
        state = State.STARTING;
        assigned.clear();
        current = -1;
        inBatch = false;
        killedForTime = false;
        quitting = false;
        this.deadline = deadline;
    }

    /** The case a death now is blamed on: the case it is on, or the only case of its batch; {@code -1}: none. */
    long blame() {
        if (state != State.BUSY) return -1;
        if (current >= 0) return current;
        return assigned.size() == 1 ? assigned.getFirst() : -1;
    }
}
