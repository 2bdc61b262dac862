package dev.a64w.fuzz;

/**
 * What reaches the campaign from one of its workers, in the order it happened: a report the worker
 * wrote, or the end of the worker (its process exited, or its thread ended) with its exit status
 * (0: it quit when told) and what it left behind (exit status, signal, last stderr line).
 */
sealed interface WorkerEvent {
    WorkerHandle worker();

    record Reported(WorkerHandle worker, WorkerReport report) implements WorkerEvent {
    }

    record Exited(WorkerHandle worker, int status, String detail) implements WorkerEvent {
    }
}
