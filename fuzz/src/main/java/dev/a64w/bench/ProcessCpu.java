package dev.a64w.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time another process has used so far, in nanoseconds: the sum over its threads of
 * Linux's {@code /proc/PID/task/TID/schedstat} (first field, time on CPU). Where that cannot be
 * read (not Linux, or the process is gone) {@link #readable()} is false and {@link #nanos()} 0.
 */
final class ProcessCpu {
    private final Path tasks;
    private final boolean readable;

    ProcessCpu(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
        this.readable = read() >= 0;
    }

    boolean readable() {
        return readable;
    }

    long nanos() {
        return readable ? Math.max(0, read()) : 0;
    }

    private long read() {
        long sum = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : threads.toList()) {
                try {
                    String line = Files.readString(t.resolve("schedstat")).trim();
                    sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // a thread that ended between the listing and the read: its time is gone with it
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }
}
