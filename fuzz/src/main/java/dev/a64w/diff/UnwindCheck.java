package dev.a64w.diff;

import dev.a64w.audit.BoundaryAudit;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.exec.Execution;
import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Check 7, Unwind (DESIGN.md): while the subject's code runs, at every instruction boundary inside
 * the image, virtually unwinding one frame with the linked image's {@code .pdata}/{@code .xdata}
 * must recover exactly the caller's SP, return address, x19-x29 and d8-d15 as they were when the
 * current function was entered.
 *
 * <p>The image is read only through {@link PeImage} and the independent decoder and unwinder in
 * {@code dev.a64w.check.unwind}; the truth comes from a shadow call stack kept by
 * {@link UnwindObserver}. A function without {@code .pdata} is unwound as a leaf (pc = lr, SP
 * unchanged), which the check then holds it to. Code outside the image (import stubs,
 * {@code __chkstk}) is not checked.
 *
 * <p>Runs on its own {@link UnicornExecutor} with a step observer (every instruction calls into
 * Java and reads 21 registers), so the Run check keeps its fast executor. Invocations run in order
 * on one executor, as in the Run check, within one instruction budget for all of them. Only the first mismatch counts; the executor's own verdict
 * for a call (fault, trap, budget, ABI) is recorded in the lines but is the Run check's business.
 * {@link #runDeduplicated} checks each pc at its first visit only.
 *
 * <p>{@link #runStatic} is the same check without a run: every instruction boundary of every
 * function once, on the audit's emulator from a synthetic entry state (package {@code dev.a64w.audit}).
 * It misses what only a run shows (a body store into the save area, SP moved by a body that has a
 * frame pointer where the epilogue does not expect it, whole stacks across calls) and finds what no
 * input reaches.
 */
public final class UnwindCheck {
    private UnwindCheck() {}

    /**
     * The static Unwind check on the image of {@code check}'s side: every instruction boundary of
     * every function checked once, whatever the inputs reach ({@link BoundaryAudit}). Functions with
     * {@code .pdata}: the prologue stepped from a synthetic entry state, every described epilogue
     * stepped from the post-prologue state, the straight-line code before each return or branch out
     * of the function that no epilogue covers stepped, the rest of the body unwound in the
     * post-prologue state. Each of {@code functions} (exported code symbols) without {@code .pdata}:
     * a leaf, which must keep SP, x19–x30 and d8–d15 at every instruction.
     *
     * <p>Verdict: the first disagreement in RVA order ({@code %f+0x1c: x19 expected 0x.. got 0x..
     * in the epilogue at +0x14}); else, if a function could not be checked (an instruction the
     * stepper does not execute, named), {@link Verdict.Unsupported} naming it; else pass. One line
     * per function; {@link UnwindReport#instructionsChecked()} counts the boundaries.
     *
     * <p>This form makes an emulator for the one image; {@link #runStatic(BoundaryAudit, Check, PeImage, List)}
     * reuses one across images, which is what makes the check cheap (the emulator translates each
     * instruction word once).
     */
    public static UnwindReport runStatic(Check check, PeImage image, List<String> functions) {
        try (BoundaryAudit auditor = new BoundaryAudit()) {
            return runStatic(auditor, check, image, functions);
        }
    }

    /**
     * The same on {@code auditor}'s emulator (one per worker thread, kept across cases).
     *
     * @throws dev.a64w.audit.AuditException if the emulator cannot be made or the image not mapped
     *         (as the dynamic check throws when its executor cannot be made)
     */
    public static UnwindReport runStatic(BoundaryAudit auditor, Check check, PeImage image, List<String> functions) {
        return runStatic(auditor, check, image, functions, false);
    }

    /**
     * The same for one case of an image that several cases share: with {@code onlyThese}, only the
     * unwind entries of {@code functions} (and the fragments that follow them) are checked.
     */
    public static UnwindReport runStatic(BoundaryAudit auditor, Check check, PeImage image, List<String> functions,
                                         boolean onlyThese) {
        List<BoundaryAudit.Report> reports = auditor.check(image, functions, onlyThese);
        List<String> lines = new ArrayList<>();
        long checked = 0;
        Verdict verdict = Verdict.PASS;
        List<String> unchecked = new ArrayList<>();
        for (BoundaryAudit.Report r : reports) {
            lines.add(r.line());
            checked += r.coverage().total();
            if (r.verdict() instanceof dev.a64w.audit.Verdict.Disagree d && verdict.isPass()) {
                verdict = new Verdict.Mismatch(check, r.at(d) + ": " + d.detail());
            } else if (r.verdict() instanceof dev.a64w.audit.Verdict.Unsupported u) {
                unchecked.add("%" + r.name() + ": " + u.reason());
            }
        }
        if (verdict.isPass() && !unchecked.isEmpty()) {
            verdict = new Verdict.Unsupported("static unwind: " + unchecked.getFirst()
                    + (unchecked.size() > 1 ? " (and " + (unchecked.size() - 1) + " more functions not checked)" : ""));
        }
        return new UnwindReport(verdict, checked, lines);
    }

    /**
     * @param host   the host functions behind the image's imports (a fresh one: calls change its state)
     * @param budget instructions for all invocations together (each gets what the earlier ones left;
     *               invocations after it is spent are not run): bounds the check's cost per case
     */
    public static UnwindReport run(PeImage image, HostFunctions host, List<Invocation> invocations, long budget) {
        return run(Check.UNWIND, image, host, invocations, budget);
    }

    /** The same on the image of {@code check}'s side (the subject's, or LLVM's at O0 or O2). */
    public static UnwindReport run(Check check, PeImage image, HostFunctions host, List<Invocation> invocations, long budget) {
        return run(check, image, host, invocations, budget, false);
    }

    /**
     * The same, with each instruction boundary checked at its first visit only (the shadow call
     * stack is still kept at every instruction, reading SP alone where no check or call needs
     * more): each static boundary the inputs reach once, at a fraction of the cost. The budget still
     * counts every instruction executed; {@link UnwindReport#instructionsChecked()} the boundaries checked.
     */
    public static UnwindReport runDeduplicated(Check check, PeImage image, HostFunctions host, List<Invocation> invocations,
            long budget) {
        return run(check, image, host, invocations, budget, true);
    }

    private static UnwindReport run(Check check, PeImage image, HostFunctions host, List<Invocation> invocations, long budget,
            boolean dedupe) {
        UnwindFunctions functions;
        try {
            functions = UnwindFunctions.of(image);
        } catch (MalformedUnwindException e) {
            return new UnwindReport(new Verdict.Mismatch(check, e.getMessage()), 0,
                    List.of("unwind data: " + e.getMessage()));
        }
        UnwindObserver observer = new UnwindObserver(image, functions, dedupe);
        List<String> lines = new ArrayList<>();
        try (UnicornExecutor executor = new UnicornExecutor(image, host, observer, UnicornExecutor.DEFAULT_STACK_SIZE)) {
            for (int k = 0; k < invocations.size(); k++) {
                Invocation inv = invocations.get(k);
                long left = budget - observer.stepped();
                if (left < 1) {
                    lines.add("instruction budget of " + budget + " spent: " + (invocations.size() - k)
                            + " invocation(s) not checked");
                    break;
                }
                observer.startInvocation();
                Execution e = executor.runTyped(inv.function(), inv.typedArgs(), left);
                if (observer.mismatch().isPresent()) {
                    lines.add(inv + ": " + observer.checkedThisCall() + " instruction boundaries checked, then "
                            + observer.mismatch().get() + "  <-- " + observer.mismatchLine().orElse(""));
                    return new UnwindReport(new Verdict.Mismatch(check, observer.mismatch().get()),
                            observer.checked(), lines);
                }
                lines.add(inv + ": " + observer.checkedThisCall() + " instruction boundaries checked"
                        + (dedupe ? " (first visits)" : "") + "; " + RunCheck.describe(e.result()));
            }
        }
        return new UnwindReport(Verdict.PASS, observer.checked(), lines);
    }
}
