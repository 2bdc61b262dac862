package dev.a64w.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A worker on a thread of the campaign's JVM, running the same loop as a worker process
 * ({@link WorkerMain#serve}) over in-memory lines. An error that escapes the loop ends the worker with
 * status {@link WorkerMain#DIED}, as it would end a process; a hang cannot be stopped.
 */
final class ThreadWorker implements WorkerHandle {
    private static final String END = "\u0000end";

    private final int id;
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

    private ThreadWorker(int id) {
        this.id = id;
    }

    static ThreadWorker start(int id, Consumer<WorkerEvent> sink) {
        ThreadWorker w = new ThreadWorker(id);
        Thread.ofPlatform().daemon().name("fuzz-job-" + id).start(() -> w.serve(sink));
        return w;
    }

    private void serve(Consumer<WorkerEvent> sink) {
        int status = 0;
        String detail = "exit status 0";
        try {
            WorkerMain.serve(this::next, line -> sink.accept(new WorkerEvent.Reported(this, parse(line))), CaseChecker.Hook.NONE);
        } catch (Throwable t) {
            status = WorkerMain.DIED;
            detail = "thread died on " + t;
        }
        sink.accept(new WorkerEvent.Exited(this, status, detail));
    }

    private String next() {
        try {
            String line = commands.take();
            return line.equals(END) ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static WorkerReport parse(String line) {
        try {
            return Json.read(line, WorkerReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("worker wrote a line that is no report: " + line, e);
        }
    }

    @Override
    public void send(WorkerCommand command) {
        commands.add(Json.line(command));
    }

    @Override
    public boolean killable() {
        return false;
    }

    @Override
    public void kill() {
        commands.add(END);
    }

    @Override
    public String name() {
        return "worker " + id;
    }
}
