package dev.a64w.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.util.ArrayDeque;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker JVM: the same {@code java} binary and class path as this one, this JVM's own flags (heap,
 * stack, native access, system properties; not a debugger or agent), a JVM error file and out-of-memory
 * exit in {@code workers/} of the findings folder, and the worker main class. Its stderr is appended to
 * {@code workers/worker-N.log}; its stdout carries {@link WorkerReport}s, read by a daemon thread that
 * delivers them, and at the end the {@link WorkerEvent.Exited} with the exit status and what the worker
 * last said: the signal and frame of its JVM crash report ({@code workers/hs_err_pidP.log}; the JVM writes
 * that header to stdout), else its last meaningful stderr line, else its last line on stdout that was no
 * report. A line on stdout that looks like JSON but is no report breaks the protocol: the worker is
 * killed and the exit says why.
 */
final class ProcessWorker implements WorkerHandle {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final int LINE_CHARS = 300;

    private final int id;
    private final Process process;
    private final Writer stdin;
    private final Path log;
    private final long logStart;
    private final Path dir;
    private final ArrayDeque<String> strayOutput = new ArrayDeque<>();
    private volatile String brokenBy;

    private ProcessWorker(int id, Process process, Path dir, Path log, long logStart) {
        this.id = id;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.dir = dir;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts worker {@code id} running {@code launch}, its files under {@code dir}, its events to {@code sink}. */
    static ProcessWorker start(int id, Workers.Processes launch, Path dir, Consumer<WorkerEvent> sink) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("worker-" + id + ".log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(command(launch, dir))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ProcessWorker w = new ProcessWorker(id, pb.start(), dir, log, logStart);
        Thread.ofPlatform().daemon().name("a64w-fuzz-worker-" + id + "-out").start(() -> w.read(sink));
        return w;
    }

    /** The command line of a worker JVM. */
    static List<String> command(Workers.Processes launch, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(inheritedJvmOptions());
        cmd.add("-XX:ErrorFile=" + dir.toAbsolutePath().resolve("hs_err_pid%p.log"));
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(launch.mainClass());
        cmd.addAll(launch.args());
        return cmd;
    }

    /** This JVM's flags that a worker should share, without a debugger, agents, or error-file settings of its own. */
    static List<String> inheritedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib:") && !a.startsWith("-agentpath:") && !a.startsWith("-javaagent:")
                        && !a.startsWith("-Xrunjdwp") && !a.startsWith("-XX:ErrorFile=") && !a.equals("-XX:+ExitOnOutOfMemoryError")
                        && !a.startsWith("-XX:OnError") && !a.startsWith("-XX:OnOutOfMemoryError"))
                .toList();
    }

    private void read(Consumer<WorkerEvent> sink) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("{")) { // the JVM's crash header, or native code: not ours, kept for the exit
                    strayOutput.addLast(line);
                    if (strayOutput.size() > 40) strayOutput.removeFirst();
                    continue;
                }
                try {
                    sink.accept(new WorkerEvent.Reported(this, Json.read(line, WorkerReport.class)));
                } catch (JsonProcessingException e) {
                    brokenBy = line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "..." : line;
                    kill();
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit status says how
        }
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            kill();
            status = -1;
        }
        sink.accept(new WorkerEvent.Exited(this, status, describe(status)));
    }

    /** {@code exit status 134 (SIGABRT); JVM crash: SIGSEGV (0xb) in C [lib.so+0x12] (report: ...)}, or {@code ...; last stderr line: ...}. */
    private String describe(int status) {
        StringBuilder sb = new StringBuilder("exit status ").append(status);
        if (status > 128) sb.append(" (").append(signal(status - 128)).append(')');
        if (brokenBy != null) sb.append("; protocol broken by: ").append(brokenBy);
        String crash = crashReport();
        String last = lastStderrLine();
        if (!crash.isEmpty()) {
            sb.append("; JVM crash: ").append(crash);
        } else if (!last.isEmpty()) {
            sb.append("; last stderr line: ").append(last);
        } else {
            String stray = meaningful(List.copyOf(strayOutput));
            if (!stray.isEmpty()) sb.append("; last output line: ").append(stray);
        }
        return sb.toString();
    }

    private static String signal(int n) {
        return switch (n) {
            case 4 -> "SIGILL";
            case 6 -> "SIGABRT";
            case 7 -> "SIGBUS";
            case 8 -> "SIGFPE";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> "signal " + n;
        };
    }

    /** The signal and the problematic frame of this worker's JVM crash report, and where the report is; empty without one. */
    String crashReport() {
        Path report = dir.toAbsolutePath().resolve("hs_err_pid" + process.pid() + ".log");
        if (!Files.isRegularFile(report)) return "";
        List<String> head;
        try (var lines = Files.lines(report, StandardCharsets.ISO_8859_1)) {
            head = lines.limit(40).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return "report in " + report;
        }
        String what = "";
        String frame = "";
        for (int k = 0; k < head.size(); k++) {
            String l = head.get(k);
            if (what.isEmpty() && l.matches("#\\s+(SIG[A-Z]+|EXCEPTION_\\w+|Internal Error|Out of Memory Error).*")) {
                what = l.replaceFirst("^#\\s+", "").replaceFirst(" at pc=.*", "").replaceFirst(", pid=.*", "").strip();
            }
            if (frame.isEmpty() && l.contains("Problematic frame:") && k + 1 < head.size()) {
                frame = head.get(k + 1).replaceFirst("^#\\s*", "").replaceAll("\\s+", " ").strip();
            }
        }
        String text = (what.isEmpty() ? "crash" : what) + (frame.isEmpty() ? "" : " in " + frame);
        return clip(text) + " (report: " + report + ")";
    }

    /**
     * What this worker last wrote to stderr that says something: the frame a JVM crash report names, else the
     * last line with a letter or digit in it.
     */
    String lastStderrLine() {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(logStart, f.length() - TAIL_BYTES);
            byte[] buf = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(buf);
            return meaningful(new String(buf, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return "";
        }
    }

    /** The line after a crash report's {@code Problematic frame:}, else the last line with a letter or digit in it. */
    private static String meaningful(List<String> lines) {
        for (int k = 0; k + 1 < lines.size(); k++) {
            if (lines.get(k).contains("Problematic frame:")) return clip(lines.get(k + 1).replaceFirst("^#\\s*", ""));
        }
        for (int k = lines.size() - 1; k >= 0; k--) {
            if (lines.get(k).chars().anyMatch(Character::isLetterOrDigit)) return clip(lines.get(k).strip());
        }
        return "";
    }

    private static String clip(String s) {
        return s.length() > LINE_CHARS ? s.substring(0, LINE_CHARS) + "..." : s;
    }

    @Override
    public void send(WorkerCommand command) {
        try {
            stdin.write(Json.line(command));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            // gone: the exit event follows
        }
    }

    @Override
    public boolean killable() {
        return true;
    }

    @Override
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits up to {@code millis} for the process to end by itself, then kills it. */
    void awaitOrKill(long millis) {
        try {
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "worker " + id + " (pid " + process.pid() + ")";
    }

    /** This worker's stderr log. */
    Path log() {
        return log;
    }
}
