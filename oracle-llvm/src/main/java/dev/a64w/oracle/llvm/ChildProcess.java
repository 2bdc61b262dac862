package dev.a64w.oracle.llvm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM as the parent sees it: the process, its protocol streams, and the last lines
 * of its stderr (a bounded tail, drained by a daemon thread so the child never blocks on it).
 */
final class ChildProcess {
    private static final int TAIL_LINES = 40;
    private static final int TAIL_LINE_CHARS = 500;

    final Process process;
    final DataInputStream in;
    final DataOutputStream out;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final Thread drainer;
    /** Set by the watchdog before it kills the child. */
    volatile String killedBecause;

    private ChildProcess(Process process) {
        this.process = process;
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.drainer = Thread.ofPlatform().daemon().name("a64w-worker-stderr-" + process.pid()).start(this::drain);
    }

    static ChildProcess start(WorkerConfig config) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(config.jvmOptions());
        String cacheDir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cacheDir != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Worker.class.getName());
        try {
            return new ChildProcess(new ProcessBuilder(cmd).start());
        } catch (IOException e) {
            throw new OracleException("worker: cannot start " + java + ": " + e.getMessage(), e);
        }
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line.length() > TAIL_LINE_CHARS ? line.substring(0, TAIL_LINE_CHARS) + "..." : line);
                }
            }
        } catch (IOException e) {
            // the child is gone; the tail holds what it said
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive() && killedBecause == null;
    }

    /** Kills the child (idempotent) and waits briefly for it. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes stdin so the child ends by itself; kills it if it does not within a second. */
    void shutdown() {
        try {
            out.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** How the child ended (after it did, or was killed): cause, exit status, stderr tail. */
    String deathDetail(String during) {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
            drainer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder sb = new StringBuilder();
        String why = killedBecause;
        sb.append("worker pid ").append(pid()).append(" during ").append(during).append(": ");
        if (why != null) {
            sb.append(why).append(", killed");
        } else if (process.isAlive()) {
            sb.append("protocol broken, killed");
            kill();
        } else {
            int code = process.exitValue();
            sb.append("exit status ").append(code);
            if (code > 128) {
                sb.append(" (signal ").append(code - 128).append(signalName(code - 128)).append(')');
            }
        }
        List<String> lines;
        synchronized (tail) {
            lines = List.copyOf(tail);
        }
        if (!lines.isEmpty()) {
            sb.append("; stderr tail:\n").append(String.join("\n", lines));
        }
        return sb.toString();
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 4 -> " SIGILL";
            case 6 -> " SIGABRT";
            case 9 -> " SIGKILL";
            case 11 -> " SIGSEGV";
            case 15 -> " SIGTERM";
            default -> "";
        };
    }
}
