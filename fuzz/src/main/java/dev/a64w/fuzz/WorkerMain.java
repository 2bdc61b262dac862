package dev.a64w.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.a64w.diff.Harness;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A fuzz worker: {@code java -cp ... dev.a64w.fuzz.WorkerMain}, started by {@link FuzzCampaign} once per
 * job. It reads {@link WorkerCommand}s from stdin and writes {@link WorkerReport}s to stdout (one JSON
 * object per line; anything else the JVM prints goes to stderr, which the campaign sends to a log file).
 * When its stdin ends (the campaign is gone, even by {@code kill -9}) it stops at once, whatever it is
 * doing: a case it had not reported done is checked again on {@code --resume}. An error that escapes a
 * case ends the process with status {@value #DIED} after a last stderr line saying what it was.
 */
public final class WorkerMain {
    /** The exit status of a worker that an error (out of memory, stack overflow, ...) escaped. */
    public static final int DIED = 70;

    private WorkerMain() {}

    public static void main(String[] args) {
        run(CaseChecker.Hook.NONE);
    }

    /** Serves the campaign on this process's stdin and stdout, {@code hook} in every case's check; never returns normally. */
    public static void run(CaseChecker.Hook hook) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("a64w-worker-stdin").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    commands.add(line);
                }
            } catch (IOException e) {
                // the campaign is gone either way
            }
            Runtime.getRuntime().halt(0);
        });
        int status = 0;
        try {
            serve(() -> {
                try {
                    return commands.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }, line -> {
                synchronized (protocol) {
                    protocol.println(line);
                    protocol.flush();
                }
            }, hook);
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.println("a64w worker: died on " + t);
            System.err.flush();
            status = DIED;
        }
        Runtime.getRuntime().halt(status);
    }

    /** A blocking source of command lines; {@code null} at the end. */
    @FunctionalInterface
    interface Lines {
        String next();
    }

    /**
     * The worker's loop: {@link WorkerCommand.Setup} first, then batches until {@link WorkerCommand.Quit} or the
     * end of the commands. A line that is not a command is a broken protocol: an {@link IllegalStateException}.
     */
    static void serve(Lines in, Consumer<String> out, CaseChecker.Hook hook) {
        WorkerCommand first = command(in.next());
        if (first == null || first instanceof WorkerCommand.Quit) return;
        if (!(first instanceof WorkerCommand.Setup setup)) {
            throw new IllegalStateException("worker: expected setup first, got " + first);
        }
        try (Harness harness = new Harness(setup.stream().harness())) {
            CaseChecker checker = new CaseChecker(setup.stream(), Path.of(setup.out()), harness, hook);
            CaseChecker.Listener listener = new CaseChecker.Listener() {
                @Override
                public void batchStarted(List<Long> cases) {
                    out.accept(Json.line(new WorkerReport.BatchStarted(cases)));
                }

                @Override
                public void caseStarted(long index) {
                    out.accept(Json.line(new WorkerReport.CaseStarted(index)));
                }

                @Override
                public void caseDone(CaseRecord record) {
                    out.accept(Json.line(new WorkerReport.CaseDone(record)));
                }
            };
            out.accept(Json.line(new WorkerReport.Ready()));
            while (true) {
                WorkerCommand c = command(in.next());
                switch (c) {
                    case null -> {
                        return;
                    }
                    case WorkerCommand.Quit q -> {
                        return;
                    }
                    case WorkerCommand.Setup s -> throw new IllegalStateException("worker: set up twice");
                    case WorkerCommand.Check check -> {
                        checker.check(check.cases(), listener);
                        out.accept(Json.line(new WorkerReport.BatchDone()));
                    }
                }
            }
        }
    }

    private static WorkerCommand command(String line) {
        if (line == null) return null;
        try {
            return Json.read(line, WorkerCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("worker: not a command: " + line, e);
        }
    }
}
