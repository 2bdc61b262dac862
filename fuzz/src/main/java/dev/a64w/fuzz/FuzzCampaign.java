package dev.a64w.fuzz;

import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Generates and checks cases until the time or case limit is reached, on {@code jobs} workers (worker
 * processes, or threads for the benchmark: {@link Workers}). Case {@code i} always comes from seed
 * {@link CaseSeeds#of}(seed, i), so a seed repeats a run. The campaign hands out batches of case indices
 * and always knows which case, or which batch, each worker is on ({@link WorkerReport}). A worker writes
 * each finding to its side's folder ({@code subject/}, {@code llvm-o0/}, {@code llvm-o2/},
 * {@code cranelift/}) before it reports the case done; the campaign adds the case's {@link CaseRecord} to
 * its counts. Case {@code i}'s Cranelift leg uses {@link dev.a64w.cranelift.CraneliftVariant#forCase}(i),
 * written into every reproducer's header.
 *
 * <p>A worker process that dies (non-zero exit, native fault, out of memory) or takes longer than the case
 * timeout is replaced, and the case it was on is first saved as a {@code worker-crash} or {@code timeout}
 * finding in {@code subject/} (generated again here from the seed); the rest of its batch is handed out
 * again. A batch that kills a worker before any one case is blamed is handed out again case by case. A
 * worker stopped by SIGINT or SIGTERM from outside is no finding: its cases are handed out again.
 *
 * <p>{@code campaign.json} ({@link CampaignState}) is written at the start, after every batch and every
 * dead worker, and at the end; SIGINT or SIGTERM write it and kill the workers (a shutdown hook); after a
 * {@code kill -9} the workers see their input end and stop. {@link #resume} goes on from it. Findings are not
 * reduced here: that is the step after the campaign. Progress goes to {@code progress} every few seconds.
 */
public final class FuzzCampaign {
    /** How long a worker may take to start (load LLVM, Unicorn) before it counts as failing to. */
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    /** Workers in a row that fail to start before the campaign gives up. */
    private static final int START_FAILURES = 3;
    /** Workers in a row that die with no case done in between before the campaign stops handing out cases. */
    private static final int DEATHS_IN_A_ROW = 10;

    private final FuzzOptions options;
    private final CaseStream stream;
    private final Path out;
    private final CaseRanges done;
    private final CampaignCounts counts;
    private final FindingLedger ledger;
    private final WorkQueue work;
    private final BlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
    /** Guards the state below and everything above that changes; the shutdown hook takes it too. */
    private final Object lock = new Object();
    private WorkerSlot[] slots = new WorkerSlot[0];
    private PrintStream progress = System.err;
    private boolean signalled;
    private boolean finished;
    private boolean stopping;
    private int startFailures;
    private int deathsInARow;
    private long casesNow;
    private long instructionsNow;

    /** A new campaign (its {@code campaign.json} replaces any in the findings folder). */
    public FuzzCampaign(FuzzOptions options) {
        this(options, new CaseRanges(), new CampaignCounts(), new FindingLedger());
    }

    private FuzzCampaign(FuzzOptions options, CaseRanges done, CampaignCounts counts, FindingLedger ledger) {
        this.options = options;
        this.stream = options.stream();
        this.out = options.out();
        this.done = done;
        this.counts = counts;
        this.ledger = ledger;
        this.work = new WorkQueue(done, options.maxCases());
    }

    /**
     * The campaign {@code state} describes, going on with {@code options} (made by {@link FuzzOptions#resuming}):
     * the cases it checked are not checked again, its counts go on, and its findings are those on disk.
     */
    public static FuzzCampaign resume(FuzzOptions options, CampaignState state) {
        if (!options.stream().equals(state.stream())) {
            throw new IllegalArgumentException("resume: the options' case stream differs from the campaign's");
        }
        return new FuzzCampaign(options, CaseRanges.of(state.done()), state.counts(), FindingLedger.scan(options.out(), options.seed()));
    }

    public FuzzSummary run(PrintStream progress) throws InterruptedException {
        this.progress = progress;
        long start = System.nanoTime();
        long deadline = saturatedAdd(start, options.time().toNanos());
        Thread hook = Thread.ofPlatform().name("a64w-fuzz-stop").unstarted(this::stopBySignal);
        synchronized (lock) {
            writeState();
        }
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            synchronized (lock) {
                slots = new WorkerSlot[options.jobs()];
                for (int k = 0; k < slots.length; k++) {
                    slots[k] = new WorkerSlot(k);
                    spawn(slots[k], System.nanoTime());
                }
            }
            long nextReport = start + options.progressEvery().toNanos();
            while (true) {
                WorkerEvent first = events.poll(100, TimeUnit.MILLISECONDS);
                synchronized (lock) {
                    if (signalled) break;
                    for (WorkerEvent e = first; e != null; e = events.poll()) {
                        handle(e, System.nanoTime() < deadline);
                    }
                    long now = System.nanoTime();
                    enforceLimits(now);
                    boolean accepting = now < deadline && !stopping;
                    if (accepting) handOut(now);
                    if (allIdle() && (!accepting || work.exhausted())) break;
                }
                if (System.nanoTime() >= nextReport) {
                    double secs = (System.nanoTime() - start) / 1e9;
                    synchronized (lock) {
                        progress.printf(Locale.ROOT, "fuzz: %d cases, %.1f cases/s, %d findings, %d unsupported (%.0fs)%n",
                                counts.cases(), casesNow / secs, ledger.count(), counts.unsupported(), secs);
                    }
                    nextReport += options.progressEvery().toNanos();
                }
            }
            quitAll();
        } catch (RuntimeException | Error | InterruptedException e) {
            synchronized (lock) {
                for (WorkerSlot s : slots) {
                    if (s.worker != null) s.worker.kill();
                }
            }
            throw e;
        } finally {
            synchronized (lock) {
                if (!signalled) {
                    finished = true;
                    writeState();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (or ran) and writes the state
            }
        }
        synchronized (lock) {
            return summary((System.nanoTime() - start) / 1e9);
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** The shutdown hook: SIGINT or SIGTERM while the campaign runs. Writes the state, then kills the workers. */
    private void stopBySignal() {
        synchronized (lock) {
            if (finished) return;
            signalled = true;
            writeState();
            for (WorkerSlot s : slots) {
                if (s.worker != null) s.worker.kill();
            }
            progress.println("fuzz: stopped after " + done.count() + " cases; go on with: a64w fuzz --resume " + out);
            progress.flush();
        }
    }

    private void spawn(WorkerSlot slot, long now) {
        long limit = Math.max(START_LIMIT.toNanos(), options.caseTimeout().toNanos());
        WorkerHandle w = switch (options.workers()) {
            case Workers.Threads t -> ThreadWorker.start(slot.id, events::add);
            case Workers.Processes p -> {
                try {
                    yield ProcessWorker.start(slot.id, p, workersDir(), events::add);
                } catch (IOException e) {
                    throw new FuzzException("fuzz: cannot start a worker: " + e.getMessage(), e);
                }
            }
        };
        slot.starting(w, saturatedAdd(now, limit));
        w.send(new WorkerCommand.Setup(stream, out.toAbsolutePath().toString()));
    }

    private Path workersDir() {
        return out.resolve("workers");
    }

    private WorkerSlot slotOf(WorkerHandle w) {
        for (WorkerSlot s : slots) {
            if (s.worker == w) return s;
        }
        return null;
    }

    private void handle(WorkerEvent e, boolean accepting) {
        WorkerSlot slot = slotOf(e.worker());
        if (slot == null) return; // a worker already replaced
        long now = System.nanoTime();
        switch (e) {
            case WorkerEvent.Reported r -> report(slot, r.report(), now);
            case WorkerEvent.Exited x -> exited(slot, x, accepting && !stopping, now);
        }
    }

    private void report(WorkerSlot slot, WorkerReport report, long now) {
        if (slot.quitting) return;
        switch (report) {
            case WorkerReport.Ready r -> {
                slot.state = WorkerSlot.State.IDLE;
                slot.deadline = WorkerSlot.NO_DEADLINE;
                startFailures = 0;
            }
            case WorkerReport.BatchStarted b -> {
                slot.inBatch = true;
                slot.current = -1;
                slot.deadline = now + batchLimit(b.cases().size());
            }
            case WorkerReport.CaseStarted c -> {
                slot.inBatch = false;
                slot.current = c.index();
                slot.deadline = now + options.caseTimeout().toNanos();
            }
            case WorkerReport.CaseDone d -> {
                record(d.record(), true);
                slot.assigned.remove(d.record().index());
                slot.current = -1;
                slot.deadline = now + options.caseTimeout().toNanos();
                deathsInARow = 0;
            }
            case WorkerReport.BatchDone b -> {
                work.handBack(slot.assigned);
                slot.assigned.clear();
                slot.state = WorkerSlot.State.IDLE;
                slot.current = -1;
                slot.deadline = WorkerSlot.NO_DEADLINE;
                writeState();
            }
        }
    }

    /**
     * The time a batch checked together may take: the case timeout for the first case and an eighth of it for
     * each further one. A batch over it is not a finding: its cases are checked again one by one.
     */
    private long batchLimit(int cases) {
        long t = options.caseTimeout().toNanos();
        return t + (cases - 1) * (t / 8);
    }

    private void record(CaseRecord r, boolean checkedNow) {
        if (done.add(r.index())) {
            counts.add(r);
            if (checkedNow) {
                casesNow++;
                instructionsNow += r.instructions();
            }
        }
        r.findings().forEach(ledger::add);
    }

    private void exited(WorkerSlot slot, WorkerEvent.Exited x, boolean respawn, long now) {
        String name = slot.worker.name();
        if (slot.quitting) {
            slot.worker = null;
            slot.state = WorkerSlot.State.GONE;
            return;
        }
        if (slot.state == WorkerSlot.State.STARTING) {
            if (++startFailures >= START_FAILURES) {
                throw new FuzzException("fuzz: workers do not start (" + startFailures + " in a row); the last, " + name + ": "
                        + (slot.killedForTime ? "not ready within " + START_LIMIT.toSeconds() + "s; " : "") + x.detail()
                        + " (logs in " + workersDir() + ")");
            }
        } else if (!slot.killedForTime && (x.status() == 128 + 2 || x.status() == 128 + 15)) {
            // stopped from outside (SIGINT, SIGTERM): not a bug of the case
            work.handBack(slot.assigned);
            progress.println("fuzz: " + name + " was stopped by a signal (" + x.detail() + "); its cases go to another worker");
        } else {
            died(slot, name, x.detail());
        }
        slot.worker = null;
        slot.state = WorkerSlot.State.GONE;
        slot.assigned.clear();
        if (!stopping && respawn) spawn(slot, now);
        writeState();
    }

    /** A worker died or was killed for its time: save its case as a finding, hand the rest out again. */
    private void died(WorkerSlot slot, String name, String detail) {
        long blamed = slot.blame();
        if (blamed >= 0) {
            Verdict v = slot.killedForTime
                    ? new Verdict.Timeout("case still running after " + options.caseTimeout().toSeconds() + "s, worker killed ("
                            + detail + ")")
                    : new Verdict.WorkerCrash(detail);
            CaseRecord.FindingRef ref = CaseFindings.save(out, stream, blamed, Side.SUBJECT, v, CaseFindings.regenerate(stream, blamed));
            record(CaseRecord.failed(blamed, stream.otherLegs(blamed), List.of(ref)), true);
            slot.assigned.remove(blamed);
            work.handBack(slot.assigned);
            progress.println("fuzz: " + name + (slot.killedForTime ? " hung" : " died") + " on case " + blamed + " (" + detail
                    + "); saved as " + out.resolve(ref.path()) + "; replacing it");
        } else if (slot.state != WorkerSlot.State.IDLE && slot.inBatch && slot.assigned.size() > 1) {
            work.handBackOneByOne(slot.assigned);
            progress.println("fuzz: " + name + (slot.killedForTime ? " hung" : " died") + " on a batch of " + slot.assigned.size()
                    + " cases (" + detail + "); checking them one by one");
        } else {
            work.handBack(slot.assigned);
            progress.println("fuzz: " + name + " died between cases (" + detail + "); replacing it");
        }
        if (++deathsInARow >= DEATHS_IN_A_ROW) {
            stopping = true;
            progress.println("fuzz: " + deathsInARow + " workers died in a row with no case checked between; stopping"
                    + " (logs in " + workersDir() + ")");
        }
    }

    /** Kills workers past their deadline (a worker thread cannot be killed: it has none). */
    private void enforceLimits(long now) {
        for (WorkerSlot s : slots) {
            if (s.worker != null && s.worker.killable() && !s.killedForTime && now > s.deadline) {
                s.killedForTime = true;
                s.worker.kill();
            }
        }
    }

    private void handOut(long now) {
        for (WorkerSlot s : slots) {
            if (s.state != WorkerSlot.State.IDLE) continue;
            List<Long> batch = work.take(options.batch());
            if (batch.isEmpty()) return;
            s.assigned.addAll(batch);
            s.state = WorkerSlot.State.BUSY;
            s.inBatch = true;
            s.current = -1;
            s.deadline = now + batchLimit(batch.size());
            s.worker.send(new WorkerCommand.Check(batch));
        }
    }

    private boolean allIdle() {
        for (WorkerSlot s : slots) {
            if (s.state == WorkerSlot.State.BUSY) return false;
        }
        return true;
    }

    /** Tells every worker to quit and waits a little for them; kills the ones still there. */
    private void quitAll() throws InterruptedException {
        synchronized (lock) {
            for (WorkerSlot s : slots) {
                if (s.worker == null) continue;
                s.quitting = true;
                if (s.state == WorkerSlot.State.IDLE) s.worker.send(new WorkerCommand.Quit());
                else s.worker.kill();
            }
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            synchronized (lock) {
                if (signalled) return;
                boolean any = false;
                for (WorkerSlot s : slots) any |= s.worker != null;
                if (!any) return;
            }
            WorkerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null) {
                synchronized (lock) {
                    handle(e, false);
                }
            }
        }
        synchronized (lock) {
            for (WorkerSlot s : slots) {
                if (s.worker != null) s.worker.kill();
            }
        }
    }

    private void writeState() {
        new CampaignState(CampaignState.VERSION, stream, options.batch(), options.maxCases(), done.ranges(), ledger.count(), counts)
                .write(out);
    }

    private FuzzSummary summary(double seconds) {
        Map<Side, Long> bySide = ledger.bySide();
        LegShare share = new LegShare(stream.legShare());
        return new FuzzSummary(counts.cases(), ledger.count(), counts.unsupported(), seconds, stream.seed(), ledger.bySignature(),
                counts.tally().lines(), stream.stats() ? counts.stats().lines() : List.of(), counts.llvmSkips(),
                bySide.isEmpty() ? Map.of(Side.SUBJECT, 0L) : new EnumMap<>(bySide), counts.unwindForms().lines(),
                counts.craneliftSkips(), "other legs (LLVM, Cranelift) on " + share.describe() + ": " + counts.legCases() + " of "
                        + counts.cases() + " cases", counts.instructions(), casesNow, instructionsNow, counts.unsupportedReasons());
    }
}
