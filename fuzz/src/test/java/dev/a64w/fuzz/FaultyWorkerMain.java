package dev.a64w.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker main for tests: the production worker ({@link WorkerMain#run}) with a {@link CaseChecker.Hook} that
 * misbehaves on chosen cases, as a native crash, a hang or a harness failure would. Arguments
 * ({@code --worker-arg} on the command line, {@link Workers.Processes#args()} in a test):
 * <ul>
 * <li>{@code halt=N}: the JVM halts with status 134 (as on SIGABRT) when it records case N;</li>
 * <li>{@code halt-batch=N}: the same while the batch holding case N is checked together;</li>
 * <li>{@code hang=N}: it sleeps for good when it records case N;</li>
 * <li>{@code oom=N}: recording case N asks for an 8 GiB array (out of memory at once, whatever the heap);</li>
 * <li>{@code fail=N}: recording case N throws (a harness failure: a finding the worker writes itself);</li>
 * <li>{@code trace=FILE}: every case it records is appended to FILE, one index a line, before anything else.</li>
 * </ul>
 */
public final class FaultyWorkerMain {
    private FaultyWorkerMain() {}

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        long halt = number(a, "halt");
        long haltBatch = number(a, "halt-batch");
        long hang = number(a, "hang");
        long fail = number(a, "fail");
        long oom = number(a, "oom");
        Path trace = a.containsKey("trace") ? Path.of(a.get("trace")) : null;
        WorkerMain.run((index, batch) -> {
            if (batch) {
                if (index == haltBatch) Runtime.getRuntime().halt(134);
                return;
            }
            if (trace != null) {
                try {
                    Files.writeString(trace, index + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (index == halt) {
                System.err.println("faulty worker: halting on case " + index);
                Runtime.getRuntime().halt(134);
            }
            if (index == hang) {
                System.err.println("faulty worker: hanging on case " + index);
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (index == oom) {
                long[] big = new long[1 << 30];
                System.err.println("faulty worker: got " + big.length);
            }
            if (index == fail) throw new IllegalStateException("injected failure on case " + index);
        });
    }

    private static long number(Map<String, String> a, String key) {
        return a.containsKey(key) ? Long.parseLong(a.get(key)) : -1;
    }
}
