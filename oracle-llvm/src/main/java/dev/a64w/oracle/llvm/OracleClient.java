package dev.a64w.oracle.llvm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Oracle} served by a long-lived worker JVM ({@link Worker}): an LLVM abort or a hang kills
 * only the child. The child starts on first use; when one dies the request that was running comes
 * back {@link WorkerResult.Crashed} (exit status / signal and the child's last stderr lines) and
 * the next request starts a fresh child. A request running past
 * {@link WorkerConfig#requestTimeout()} has its child killed and is reported
 * {@code Crashed("timeout ...")}. A batch ({@link #runAll}) is one round trip for all its items,
 * with the timeout and a crash charged to the item that was running. Calls are serialized; run
 * several clients for parallelism.
 * Only an environment that cannot start a JVM at all makes a call throw {@link OracleException}.
 */
public final class OracleClient implements Oracle {
    @FunctionalInterface
    private interface Send {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Receive<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final WorkerConfig config;
    private final ScheduledExecutorService watchdog;
    private ChildProcess child;
    private int started;
    private boolean closed;

    public OracleClient() {
        this(WorkerConfig.defaults());
    }

    public OracleClient(WorkerConfig config) {
        this.config = config;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "a64w-worker-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public synchronized WorkerResult<Long> ping() {
        return call(Protocol.OP_PING, out -> {}, DataInputStream::readLong);
    }

    @Override
    public synchronized WorkerResult<McResult> assemble(String listing) {
        return call(Protocol.OP_ASSEMBLE, out -> Protocol.writeString(out, listing), Protocol::readMcResult);
    }

    @Override
    public synchronized WorkerResult<McResult> compileIr(String llvmIr, LlvmCodegen.OptLevel level) {
        return call(Protocol.OP_COMPILE_IR, out -> {
            Protocol.writeString(out, llvmIr);
            out.writeByte(level.ordinal());
        }, Protocol::readMcResult);
    }

    @Override
    public synchronized WorkerResult<List<Optional<String>>> disassemble(int[] words) {
        int[] copy = words.clone();
        return call(Protocol.OP_DISASSEMBLE, out -> Protocol.writeWords(out, copy), Protocol::readDisassembly);
    }

    /**
     * One request for the whole batch, one answer frame per item. The timeout applies per item
     * (the timer restarts at every answer), so a hang is charged to the item that hangs. When the
     * child dies, or breaks the protocol, on item {@code k}, item {@code k} is {@code Crashed} and the
     * items after it are sent again, as a new batch, to a fresh child.
     */
    @Override
    public synchronized List<WorkerResult<McResult>> runAll(List<? extends OracleRequest> requests) {
        List<OracleRequest> all = List.copyOf(requests);
        List<WorkerResult<McResult>> out = new ArrayList<>(all.size());
        while (out.size() < all.size()) {
            int before = out.size();
            runBatch(all.subList(before, all.size()), out);
            if (out.size() == before) {
                throw new IllegalStateException("runAll: a batch of " + (all.size() - before) + " gave no result");
            }
        }
        return List.copyOf(out);
    }

    /** Sends {@code batch} to the child and appends its answers to {@code out}, up to the first that ends the child. */
    private void runBatch(List<OracleRequest> batch, List<WorkerResult<McResult>> out) {
        WorkerResult<McResult> failedStart = ensureChild();
        if (failedStart != null) {
            out.add(failedStart);
            return;
        }
        ChildProcess c = child;
        String name = Protocol.opName(Protocol.OP_RUN_ALL);
        ScheduledFuture<?> timer = arm(c);
        try {
            c.out.writeByte(Protocol.OP_RUN_ALL);
            Protocol.writeRequests(c.out, batch);
            c.out.flush();
            for (int i = 0; i < batch.size(); i++) {
                byte status = readStatus(c);
                switch (status) {
                    case Protocol.OK -> out.add(new WorkerResult.Ok<>(Protocol.readMcResult(c.in)));
                    case Protocol.FAILED -> out.add(new WorkerResult.Failed<>(Protocol.readString(c.in)));
                    case Protocol.FATAL -> {
                        String message = Protocol.readString(c.in);
                        retire();
                        out.add(new WorkerResult.Failed<>(message + " (worker restarted)"));
                        return;
                    }
                    default -> throw unknownStatus(status);
                }
                timer.cancel(false);
                timer = arm(c);
            }
        } catch (IOException e) {
            timer.cancel(false);
            out.add(new WorkerResult.Crashed<>(bury(name + " item " + out.size(), e)));
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * For tests of the crash path: makes the child abort natively inside LLVM. Returns
     * {@code Crashed} with the child's exit status; the next call runs on a new child.
     */
    public synchronized WorkerResult<Void> crash() {
        return call(Protocol.OP_CRASH, out -> {}, in -> null);
    }

    /** How many worker processes this client has started (restarts show as increments). */
    public synchronized int childrenStarted() {
        return started;
    }

    private <T> WorkerResult<T> call(byte op, Send send, Receive<T> receive) {
        WorkerResult<T> failedStart = ensureChild();
        if (failedStart != null) {
            return failedStart;
        }
        ChildProcess c = child;
        ScheduledFuture<?> timer = arm(c);
        try {
            c.out.writeByte(op);
            send.write(c.out);
            c.out.flush();
            byte status = readStatus(c);
            return switch (status) {
                case Protocol.OK -> new WorkerResult.Ok<>(receive.read(c.in));
                case Protocol.FAILED -> new WorkerResult.Failed<>(Protocol.readString(c.in));
                case Protocol.FATAL -> {
                    String message = Protocol.readString(c.in);
                    retire();
                    yield new WorkerResult.Failed<>(message + " (worker restarted)");
                }
                default -> throw unknownStatus(status);
            };
        } catch (IOException e) {
            timer.cancel(false);
            return new WorkerResult.Crashed<>(bury(Protocol.opName(op), e));
        } finally {
            timer.cancel(false);
        }
    }

    /** A live child (started if needed): null, or the result to report when none could be started. */
    private <T> WorkerResult<T> ensureChild() {
        if (closed) {
            throw new OracleException("OracleClient: used after close");
        }
        if (child == null || !child.alive()) {
            if (child != null) {
                child.kill();
            }
            child = null;
            return startChild();
        }
        return null;
    }

    /** Kills {@code c} if the timer is not cancelled within the request timeout. */
    private ScheduledFuture<?> arm(ChildProcess c) {
        long timeoutMs = config.requestTimeout().toMillis();
        return watchdog.schedule(() -> {
            c.killedBecause = "timeout after " + timeoutMs + " ms";
            c.process.destroyForcibly();
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The magic and status that open every answer frame. */
    private static byte readStatus(ChildProcess c) throws IOException {
        int magic = c.in.readInt();
        if (magic != Protocol.MAGIC) {
            throw new IOException("protocol: expected magic 0x" + Integer.toHexString(Protocol.MAGIC)
                    + ", got 0x" + Integer.toHexString(magic));
        }
        return c.in.readByte();
    }

    private static IOException unknownStatus(byte status) {
        return new IOException("protocol: unknown status 0x" + Integer.toHexString(status & 0xff));
    }

    /** Starts a child and reads its hello; null on success, else the result to report. */
    private <T> WorkerResult<T> startChild() {
        ChildProcess c = ChildProcess.start(config);
        started++;
        long timeoutMs = config.startTimeout().toMillis();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            c.killedBecause = "start timeout after " + timeoutMs + " ms";
            c.process.destroyForcibly();
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            int magic = c.in.readInt();
            byte status = c.in.readByte();
            long pid = c.in.readLong();
            if (magic != Protocol.MAGIC || status != Protocol.OK || pid != c.pid()) {
                throw new IOException("protocol: bad hello (magic 0x" + Integer.toHexString(magic) + ", status "
                        + status + ", pid " + pid + ")");
            }
            child = c;
            return null;
        } catch (IOException e) {
            child = c;
            return new WorkerResult.Crashed<>(bury("start", e));
        } finally {
            timer.cancel(false);
        }
    }

    /** The child died or broke the protocol: describe it and forget it. */
    private String bury(String during, IOException e) {
        ChildProcess c = child;
        child = null;
        String detail = c.deathDetail(during);
        c.kill();
        return e instanceof java.io.EOFException ? detail : detail + " (" + e.getMessage() + ")";
    }

    private void retire() {
        if (child != null) {
            child.shutdown();
            child = null;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            retire();
            watchdog.shutdownNow();
        }
    }
}
