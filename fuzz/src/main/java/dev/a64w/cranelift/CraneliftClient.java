package dev.a64w.cranelift;

import dev.a64w.util.Bytes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The driver as a long-lived worker process ({@code a64w-cranelift worker}, protocol in the
 * driver's src/worker.rs): one request per module. A Cranelift panic comes back as
 * {@link CraneliftOutput.Panicked} from a live worker; a worker that dies (abort, stack overflow)
 * or runs past the request timeout is killed, reported {@link CraneliftOutput.Crashed} with its
 * exit status and stderr tail, and replaced on the next request. Calls are serialized.
 */
public final class CraneliftClient implements AutoCloseable {
    static final int MAGIC = 0x6136_3463;
    static final byte OP_COMPILE = 2;
    private static final int MAX = 256 << 20;
    private static final int TAIL = 20;

    private final DriverBinary.Located driver;
    private final Duration timeout;
    private Process process;
    private DataInputStream in;
    private DataOutputStream out;
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private volatile boolean timedOut;

    public CraneliftClient() {
        this(DriverBinary.locate(), Duration.ofSeconds(60));
    }

    public CraneliftClient(DriverBinary.Located driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /** Whether there is a driver to ask (else every answer is {@link CraneliftOutput.Unavailable}). */
    public boolean available() {
        return driver.found();
    }

    public synchronized CraneliftOutput compile(String clif, CraneliftVariant variant) {
        if (!driver.found()) {
            return new CraneliftOutput.Unavailable(driver.reason());
        }
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
        } catch (IOException e) {
            return new CraneliftOutput.Crashed(died("start", e));
        }
        Process p = process;
        timedOut = false;
        Thread watchdog = Thread.ofVirtual().unstarted(() -> {
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the request finished first
            }
        });
        watchdog.start();
        try {
            byte[] text = clif.getBytes(StandardCharsets.UTF_8);
            out.writeByte(OP_COMPILE);
            out.writeInt(text.length);
            out.write(text);
            out.writeByte(variant.optSpeed() ? 1 : 0);
            out.writeByte(variant.pic() ? 1 : 0);
            out.flush();
            return read();
        } catch (IOException e) {
            return new CraneliftOutput.Crashed(died("compile", e));
        } finally {
            watchdog.interrupt();
        }
    }

    private CraneliftOutput read() throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("protocol: expected magic 0x" + Integer.toHexString(MAGIC) + ", got 0x" + Integer.toHexString(magic));
        }
        int status = in.readUnsignedByte();
        return switch (status) {
            case 0 -> {
                Bytes object = Bytes.of(blob());
                int n = in.readInt();
                if (n < 0 || n > MAX / 8) {
                    throw new IOException("protocol: trap count " + n);
                }
                List<TrapSite> traps = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String f = string();
                    int offset = in.readInt();
                    traps.add(new TrapSite(f, offset, string()));
                }
                yield new CraneliftOutput.Compiled(object, traps);
            }
            case 1 -> {
                int kind = in.readUnsignedByte();
                if (kind >= CraneliftOutput.Refusal.values().length) {
                    throw new IOException("protocol: refusal kind " + kind);
                }
                yield new CraneliftOutput.Refused(CraneliftOutput.Refusal.values()[kind], string());
            }
            case 2 -> new CraneliftOutput.Panicked(string());
            default -> throw new IOException("protocol: unknown status " + status);
        };
    }

    private byte[] blob() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX) {
            throw new IOException("protocol: length " + n + " out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private String string() throws IOException {
        return new String(blob(), StandardCharsets.UTF_8);
    }

    private void start() throws IOException {
        stderrTail.clear();
        process = new ProcessBuilder(driver.path().toString(), "worker").start();
        in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        Process p = process;
        Thread.ofPlatform().daemon().name("a64w-cranelift-stderr-" + p.pid()).start(() -> drain(p));
        int magic = in.readInt();
        int status = in.readUnsignedByte();
        long pid = in.readLong();
        if (magic != MAGIC || status != 0 || pid != p.pid()) {
            throw new IOException("protocol: bad hello (magic 0x" + Integer.toHexString(magic) + ", pid " + pid + ")");
        }
    }

    private void drain(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == TAIL) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Describes and forgets a dead (or killed) worker. */
    private String died(String during, IOException e) {
        Process p = process;
        process = null;
        StringBuilder sb = new StringBuilder("cranelift driver during ").append(during).append(": ");
        if (p == null) {
            return sb.append(e.getMessage()).toString();
        }
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                sb.append("protocol broken (").append(e.getMessage()).append("), killed");
            } else if (timedOut) {
                sb.append("timeout after ").append(timeout.toMillis()).append(" ms, killed");
            } else {
                int code = p.exitValue();
                sb.append("exit status ").append(code);
                if (code > 128) {
                    sb.append(" (signal ").append(code - 128).append(')');
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        synchronized (stderrTail) {
            stderrTail.forEach(l -> sb.append("; ").append(l));
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                out.close();
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
            process = null;
        }
    }
}
