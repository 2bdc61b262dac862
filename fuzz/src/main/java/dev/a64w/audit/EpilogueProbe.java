package dev.a64w.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, from the code, the body state an epilogue is checked from: which callee-saved registers it
 * restores and the SP it starts at. Each probe enters the function, runs the prologue, puts body
 * values in every candidate register (x19–x28, x30, d8–d15, and x29 unless the prologue made it the
 * frame pointer), sets SP and runs the epilogue to its terminator without unwind checks.
 *
 * <p>The start SP is the first of these that makes the epilogue end at the entry SP:
 * <ol>
 *   <li>the post-prologue SP;</li>
 *   <li>that SP corrected by where the epilogue ended from it (the body moved SP by a fixed amount
 *       after the prologue — MSVC's {@code sub sp} after a frame-pointer prologue — which the
 *       epilogue undoes);</li>
 *   <li>{@link #LOW} corrected likewise: when the body's allocation is larger than the caller's
 *       64 KiB above the entry SP, a run from the post-prologue SP reads past the stack's top;</li>
 *   <li>the state after each of the first {@link #BODY_SCAN} instructions of the body that moves SP
 *       (stopping at a branch), the body's stores kept: a run from a wrong SP can fail rather than
 *       end elsewhere — MSVC's {@code __security_pop_cookie} finds no cookie there and takes its
 *       failure path — and MSVC may push the cookie in the body rather than in the prologue.</li>
 * </ol>
 * An epilogue that ends, but never at the entry SP, is {@code unsupported}; one that ends from no
 * start SP is {@code unsupported} with the reason the first run stopped, unless it merely found no
 * terminator (then the checked run says where the epilogue goes wrong).
 */
final class EpilogueProbe {
    /** Body instructions after the prologue whose SPs are tried. */
    static final int BODY_SCAN = 8;
    /** A start SP half-way down the audit stack: epilogues that pop up to 8 MiB stay inside it. */
    static final long LOW = EntryState.STACK_BOTTOM + EntryState.STACK_SIZE / 2;

    /** Enters the function and runs its prologue without checks. */
    interface Prologue {
        Optional<Verdict> run();
    }

    /**
     * Where an epilogue is run from: the prologue, then the first {@code bodySteps} instructions of
     * the body (their stores kept: MSVC pushes the /GS cookie there when the prologue does not),
     * then SP set to {@code sp}.
     */
    record Start(int bodySteps, long sp) {
    }

    /** What the search gives: the state to check the epilogue from, or why the audit cannot. */
    sealed interface Outcome {
        record Found(Start start, List<Integer> restored) implements Outcome {
        }

        record Refused(Verdict verdict) implements Outcome {
        }
    }

    /**
     * Where an epilogue ends: at its terminator ({@code steps} < 0) with the caller's SP; or, for a
     * secondary fragment's epilogue whose codes end with {@code end_c}, after exactly {@code steps}
     * instructions (it undoes only the fragment's part, then branches or falls back into the host)
     * with the SP the host's prologue left.
     */
    record End(long sp, int steps) {
        static final End RETURN = new End(EntryState.ENTRY_SP, -1);
    }

    /** What one run of the epilogue told: registers it restored, SP at its end (null if not reached), why it stopped. */
    private record Run(List<Integer> restored, Long endSp, Optional<Verdict> stop) {
    }

    private final AuditCpu cpu;
    private final PrologueStepper stepper;

    EpilogueProbe(AuditCpu cpu, PrologueStepper stepper) {
        this.cpu = cpu;
        this.stepper = stepper;
    }

    Outcome find(Prologue prologue, long begin, long start, int limit, long epilogueOffset, End end) {
        if (prologue.run().isPresent()) {
            return new Outcome.Found(new Start(0, cpu.sp()), List.of()); // the checked prologue passed: cannot happen
        }
        long bodySp = cpu.sp();
        List<Integer> candidates = candidates();
        Start plain = new Start(0, bodySp);
        Run first = run(prologue, begin, plain, start, limit, candidates, end);
        if (returns(first, end)) {
            return new Outcome.Found(plain, first.restored());
        }
        Set<Start> tries = new LinkedHashSet<>();
        Run ended = first.endSp() != null ? first : null;
        if (first.endSp() != null) {
            tries.add(new Start(0, bodySp - (first.endSp() - end.sp())));
        }
        cpu.ensureFilled(LOW - AuditCpu.BELOW_SP);
        Run low = run(prologue, begin, new Start(0, LOW), start, limit, candidates, end);
        if (low.endSp() != null) {
            tries.add(new Start(0, LOW - (low.endSp() - end.sp())));
            ended = ended != null ? ended : low;
        }
        tries.addAll(bodyStarts(prologue, begin));
        tries.remove(plain);
        for (Start t : tries) {
            if (t.sp() > EntryState.ENTRY_SP || t.sp() < EntryState.STACK_BOTTOM + AuditCpu.BELOW_SP) {
                continue;
            }
            cpu.ensureFilled(t.sp() - AuditCpu.BELOW_SP);
            Run r = run(prologue, begin, t, start, limit, candidates, end);
            if (returns(r, end)) {
                return new Outcome.Found(t, r.restored());
            }
            ended = ended != null || r.endSp() == null ? ended : r;
        }
        if (ended != null) {
            return new Outcome.Refused(new Verdict.Unsupported(String.format(end.steps() < 0
                    ? "epilogue at +0x%x does not return the caller's sp (ends at entry sp %+d from any start sp tried)"
                    : "epilogue at +0x%x does not give back the host's sp (ends at it %+d from any start sp tried)",
                    epilogueOffset, ended.endSp() - end.sp())));
        }
        return first.stop().<Outcome>map(Outcome.Refused::new).orElse(new Outcome.Found(plain, first.restored()));
    }

    /**
     * Puts the CPU at the epilogue's first instruction in the state {@code at} describes, with body
     * values in {@code restored}; empty if done, else why the prologue or body could not run.
     */
    Optional<Verdict> enter(Prologue prologue, long begin, Start at, long start, List<Integer> restored) {
        Optional<Verdict> v = prologue.run();
        for (int i = 0; i < at.bodySteps() && v.isEmpty(); i++) {
            v = stepper.step(begin, InsnClass.Sequence.PROLOGUE);
        }
        if (v.isPresent()) {
            return v;
        }
        restored.forEach(r -> giveBodyValue(cpu, r));
        cpu.setSp(at.sp());
        cpu.setPc(start);
        return Optional.empty();
    }

    /** x19–x28, x30, d8–d15 (as 100 + n), and x29 unless the prologue made it the frame pointer. */
    private List<Integer> candidates() {
        List<Integer> out = new ArrayList<>();
        for (int r = 19; r <= 30; r++) {
            if (r != 29 || cpu.x(29) == EntryState.x(29)) {
                out.add(r);
            }
        }
        for (int r = 8; r <= 15; r++) {
            out.add(100 + r);
        }
        return out;
    }

    private static boolean returns(Run r, End end) {
        return r.endSp() != null && r.endSp() == end.sp();
    }

    private Run run(Prologue prologue, long begin, Start at, long start, int limit, List<Integer> candidates, End to) {
        if (enter(prologue, begin, at, start, candidates).isPresent()) {
            return new Run(List.of(), null, Optional.empty());
        }
        Long end = null;
        Optional<Verdict> stop = Optional.empty();
        for (int i = 0; i <= limit; i++) {
            if (to.steps() < 0 ? terminatorAtPc(cpu) : i == to.steps()) {
                end = cpu.sp();
                break;
            }
            if (i == limit) {
                break; // no terminator: the checked run says where it goes wrong
            }
            stop = stepper.step(begin, InsnClass.Sequence.EPILOGUE);
            if (stop.isPresent()) {
                break;
            }
        }
        List<Integer> restored = candidates.stream().filter(r -> value(cpu, r) != bodyValue(r)).toList();
        return new Run(restored, end, stop);
    }

    /** The body's first instructions after the prologue, up to each one that moves SP (stopping at a branch). */
    private List<Start> bodyStarts(Prologue prologue, long begin) {
        List<Start> out = new ArrayList<>();
        if (prologue.run().isPresent()) {
            return out;
        }
        long last = cpu.sp();
        for (int i = 0; i < BODY_SCAN; i++) {
            if (terminatorAtPc(cpu) || stepper.step(begin, InsnClass.Sequence.PROLOGUE).isPresent()) {
                break;
            }
            if (cpu.sp() != last) {
                last = cpu.sp();
                out.add(new Start(i + 1, last));
            }
        }
        return out;
    }

    static boolean terminatorAtPc(AuditCpu cpu) {
        return cpu.fetch(cpu.pc()).map(w -> InsnClass.of(w).terminates()).orElse(false);
    }

    static long value(AuditCpu cpu, int r) {
        return r >= 100 ? cpu.d(r - 100) : cpu.x(r);
    }

    static long bodyValue(int r) {
        return r >= 100 ? EntryState.bodyD(r - 100) : EntryState.bodyX(r);
    }

    static void giveBodyValue(AuditCpu cpu, int r) {
        if (r >= 100) {
            cpu.setD(r - 100, bodyValue(r));
        } else {
            cpu.setX(r, bodyValue(r));
        }
    }
}
