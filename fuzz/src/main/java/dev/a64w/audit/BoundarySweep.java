package dev.a64w.audit;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.Memory;
import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.UnwindOp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The boundaries after the prologue, for {@link AuditScope#EVERY_BOUNDARY}: with the CPU in the
 * state the checked prologue left, every instruction boundary of the function up to its length is
 * checked once.
 * <ol>
 *   <li>The body state: the post-prologue state with a body value ({@link EntryState#bodyX},
 *       {@link EntryState#bodyD}) in every register whose entry value the prologue stored in the
 *       frame — so an unwind that does not restore it is seen — and x29 kept where the prologue
 *       made it the frame pointer.</li>
 *   <li>Each epilogue the unwind data describes is stepped from the body state to its return or
 *       tail branch, unwinding at every boundary ({@link FunctionAuditor}'s epilogue loop).</li>
 *   <li>Each return or branch out of the function ({@link FunctionCode#exits}) that no described
 *       epilogue ends with is stepped to from the start of the straight-line code before it (at most
 *       {@link #WINDOW} instructions, after the prologue, from a branch target on): a frame torn down
 *       there without an epilogue in the unwind data is seen at the first boundary after it.</li>
 *   <li>Every other boundary is unwound in the body state with pc set to it: the prologue codes must
 *       apply there (a wrong epilogue start, scope or function length shows here). If the prologue
 *       sets no frame pointer, no body instruction may write SP ({@link RegisterWrites}).</li>
 * </ol>
 * A function without unwind data is checked by {@link #leaf}.
 */
final class BoundarySweep {
    /** Instructions stepped before a return or branch that no epilogue covers. */
    static final int WINDOW = 32;
    /** How far below the entry SP the prologue's saves are looked for. */
    static final long SAVE_SCAN = 0x1_0000;

    /** Steps one described epilogue from the body state (the auditor's loop), counting the boundaries it checks. */
    interface Epilogues {
        Optional<Verdict> step(UnwindMeaning.Epilog ep, CpuSnapshot body, int[] stepped);
    }

    /** What the sweep found and how many boundaries of each kind it checked. */
    record Result(Optional<Verdict> verdict, Coverage coverage) {
    }

    private final AuditCpu cpu;
    private final AuditTarget target;
    private final InsnNames names;
    private final BoundaryCheck check;

    BoundarySweep(AuditCpu cpu, AuditTarget target, InsnNames names, BoundaryCheck check) {
        this.cpu = cpu;
        this.target = target;
        this.names = names;
        this.check = check;
    }

    /** Everything after the prologue of the function at {@code begin}, whose prologue the CPU has just run. */
    Result afterPrologue(long begin, UnwindMeaning m, Epilogues epilogues) {
        int n = m.prologue().instructionCount();
        FunctionCode code = FunctionCode.of(target, begin, m.functionLengthBytes());
        giveBodyValues();
        CpuSnapshot body = cpu.snapshot();
        Context bodyState = cpu.context();
        boolean[] done = new boolean[code.size() + 1];
        boolean[] ran = new boolean[code.size()];
        for (int k = 0; k <= n && k < done.length; k++) {
            done[k] = true;
        }
        int epilogue = 0;
        for (UnwindMeaning.Epilog ep : m.epilogs()) {
            int[] stepped = {0};
            Optional<Verdict> v = epilogues.step(ep, body, stepped);
            int from = (int) (ep.startOffset() / 4);
            mark(done, ran, from, stepped[0]);
            epilogue += stepped[0];
            if (v.isPresent()) {
                return new Result(where(v, String.format("in the epilogue at +0x%x", ep.startOffset())),
                        new Coverage(0, 0, epilogue, 0, 0));
            }
        }
        int windows = 0;
        for (int k = n; k < code.size(); k++) {
            if (done[k] || !code.live(k) || !code.exits(k)) {
                continue;
            }
            int s = windowStart(code, k, n, done);
            int[] stepped = {0};
            Optional<Verdict> v = window(code, s, k, body, stepped);
            mark(done, ran, s, stepped[0]);
            windows += stepped[0];
            if (v.isPresent()) {
                return new Result(where(v, String.format("before the %s at +0x%x, which no epilogue of the unwind data covers",
                        InsnClass.of(code.word(k)) == InsnClass.RETURN ? "return" : "branch", 4L * k)),
                        new Coverage(0, 0, epilogue, windows, 0));
            }
        }
        cpu.restore(body);
        Memory memory = cached(cpu.memory());
        boolean framePointer = setsFramePointer(m.prologue());
        BoundaryCheck.Memo memo = new BoundaryCheck.Memo();
        int bodies = 0;
        for (int k = n; k < code.size(); k++) {
            if (!done[k]) {
                bodies++;
                Optional<Verdict> v = check.of(bodyState, memory, begin, code.address(k), memo);
                if (v.isPresent()) {
                    return new Result(where(v, "in the body (post-prologue state)"), new Coverage(0, bodies, epilogue, windows, 0));
                }
            }
            if (!framePointer && !ran[k] && code.live(k) && (RegisterWrites.of(code.word(k)) & RegisterWrites.SP) != 0) {
                return new Result(Optional.of(new Verdict.Disagree(4L * (k + 1), String.format("sp written by %s at +0x%x"
                        + " in the body of a frame without frame pointer (the unwind codes give sp its post-prologue value)",
                        names.name(code.word(k)), 4L * k))), new Coverage(0, bodies, epilogue, windows, 0));
            }
        }
        return new Result(Optional.empty(), new Coverage(0, bodies, epilogue, windows, 0));
    }

    /**
     * A function without unwind data: at every boundary, unwinding (no entry covers it: pc = LR)
     * from the entry state must give the caller's state, and no live instruction may write SP,
     * x19–x30 or d8–d15; an encoding {@link RegisterWrites} does not know makes it unsupported.
     */
    Result leaf(LeafFunction f) {
        long begin = target.imageBase() + f.rva();
        FunctionCode code = FunctionCode.of(target, begin, f.endRva() - f.rva());
        Context entry = entryState(begin);
        Memory memory = cpu.memory();
        for (int k = 0; k < code.size(); k++) {
            Optional<Verdict> v = check.of(entry.withPc(code.address(k)), memory, begin);
            if (v.isPresent()) {
                return new Result(where(v, "(no unwind data: unwound as a leaf)"), new Coverage(0, 0, 0, 0, k + 1));
            }
            if (!code.live(k)) {
                continue;
            }
            long writes = RegisterWrites.of(code.word(k));
            if (writes == RegisterWrites.ALL) {
                return new Result(Optional.of(new Verdict.Unsupported(String.format("%s at +0x%x: an encoding whose"
                        + " register writes the leaf check does not know", names.name(code.word(k)), 4L * k))),
                        new Coverage(0, 0, 0, 0, k + 1));
            }
            if ((writes & RegisterWrites.CALLEE_SAVED) != 0) {
                return new Result(Optional.of(new Verdict.Disagree(4L * (k + 1), String.format("%s written by %s at +0x%x"
                        + " in a function without unwind data (unwound as a leaf, it must keep sp, x19-x30 and d8-d15)",
                        RegisterWrites.names(writes & RegisterWrites.CALLEE_SAVED), names.name(code.word(k)), 4L * k))),
                        new Coverage(0, 0, 0, 0, k + 1));
            }
        }
        return new Result(Optional.empty(), new Coverage(0, 0, 0, 0, code.size()));
    }

    /**
     * Gives a body value to every callee-saved register whose entry value the prologue stored
     * between SP and the entry SP (x29 not, if the prologue made it the frame pointer): what the
     * body may do to it, which an unwind must undo.
     */
    private void giveBodyValues() {
        long low = Math.max(cpu.sp(), EntryState.ENTRY_SP - SAVE_SCAN) & ~7L;
        if (low >= EntryState.ENTRY_SP) {
            return;
        }
        Set<Long> stored = new HashSet<>();
        for (long v : cpu.read64s(low, EntryState.ENTRY_SP)) {
            stored.add(v);
        }
        for (int r = 19; r <= 30; r++) {
            long entry = r == 30 ? EntryState.RETURN_ADDRESS : EntryState.x(r);
            if (stored.contains(entry) && cpu.x(r) == entry) {
                cpu.setX(r, EntryState.bodyX(r));
            }
        }
        for (int r = 8; r <= 15; r++) {
            if (stored.contains(EntryState.d(r)) && cpu.d(r) == EntryState.d(r)) {
                cpu.setD(r, EntryState.bodyD(r));
            }
        }
    }

    /** The first instruction of the straight-line code that ends with the exit at {@code t}. */
    private static int windowStart(FunctionCode code, int t, int prologueEnd, boolean[] done) {
        int s = t;
        while (s - 1 >= prologueEnd && t - (s - 1) <= WINDOW && !code.target(s) && !done[s - 1] && code.live(s - 1)
                && steppable(code.word(s - 1))) {
            s--;
        }
        return s;
    }

    private static boolean steppable(int word) {
        InsnClass c = InsnClass.of(word);
        return c == InsnClass.DATA || c == InsnClass.LOAD_STORE || c == InsnClass.FRAME_HINT;
    }

    /**
     * Steps from the body state at {@code s} to the exit at {@code t}, checking every boundary. An
     * instruction the emulator cannot complete (a load through a register that holds no address in
     * the body state) ends the window: the boundaries after it are checked in the body state.
     */
    private Optional<Verdict> window(FunctionCode code, int s, int t, CpuSnapshot body, int[] stepped) {
        cpu.restore(body);
        cpu.setPc(code.address(s));
        long begin = code.address(0);
        for (int k = s; ; k++) {
            stepped[0] = k - s + 1;
            Optional<Verdict> v = check.now(begin);
            if (v.isPresent() || k == t || cpu.step(code.word(k)).isPresent()) {
                return v;
            }
        }
    }

    /** Boundaries [from, from + count) checked by stepping; the instructions before the last one ran. */
    private static void mark(boolean[] done, boolean[] ran, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (k >= 0 && k < done.length) {
                done[k] = true;
            }
            if (k >= 0 && k < ran.length && k < from + count - 1) {
                ran[k] = true;
            }
        }
    }

    private static boolean setsFramePointer(Sequence prologue) {
        return prologue.ops().stream().anyMatch(op -> op instanceof UnwindOp.SetFp)
                || prologue.phantom().stream().anyMatch(op -> op instanceof UnwindOp.SetFp);
    }

    private static Context entryState(long pc) {
        long[] xs = new long[31];
        for (int n = 19; n <= 29; n++) {
            xs[n] = EntryState.x(n);
        }
        xs[30] = EntryState.RETURN_ADDRESS;
        long[] ds = new long[8];
        for (int n = 8; n <= 15; n++) {
            ds[n - 8] = EntryState.d(n);
        }
        return new Context(xs, EntryState.ENTRY_SP, pc, ds);
    }

    /** Memory read once per address: the body boundaries all unwind from one state. */
    private static Memory cached(Memory memory) {
        Map<Long, Long> seen = new HashMap<>();
        return address -> {
            Long v = seen.get(address);
            if (v == null) {
                v = memory.read64(address);
                seen.put(address, v);
            }
            return v;
        };
    }

    /** A disagreement with where it was found appended to its detail. */
    static Optional<Verdict> where(Optional<Verdict> v, String where) {
        return v.map(x -> x instanceof Verdict.Disagree d ? new Verdict.Disagree(d.offset(), d.detail() + " " + where) : x);
    }
}
