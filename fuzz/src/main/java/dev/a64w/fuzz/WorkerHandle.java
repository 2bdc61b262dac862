package dev.a64w.fuzz;

/**
 * One worker as the campaign drives it: a process ({@link ProcessWorker}, the default: a crash or a hang
 * costs only that process) or a thread of the campaign's own JVM ({@link ThreadWorker}, for the
 * benchmark: nothing is isolated, a hang cannot be stopped). Either one delivers its
 * {@link WorkerEvent}s to the campaign, ending with one {@link WorkerEvent.Exited}.
 */
sealed interface WorkerHandle permits ProcessWorker, ThreadWorker {
    /** Sends one command; a worker that is gone ignores it (its exit event is on the way). */
    void send(WorkerCommand command);

    /** Whether {@link #kill} can stop the worker wherever it is (so a per-case time limit holds). */
    boolean killable();

    /** Stops the worker now, with what it started (a no-op for a thread). */
    void kill();

    /** {@code worker N} or {@code worker N (pid P)}, for messages. */
    String name();
}
