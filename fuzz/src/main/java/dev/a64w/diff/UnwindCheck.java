package dev.a64w.diff;

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
 */
public final class UnwindCheck {
    private UnwindCheck() {}

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
        UnwindFunctions functions;
        try {
            functions = UnwindFunctions.of(image);
        } catch (MalformedUnwindException e) {
            return new UnwindReport(new Verdict.Mismatch(check, e.getMessage()), 0,
                    List.of("unwind data: " + e.getMessage()));
        }
        UnwindObserver observer = new UnwindObserver(image, functions);
        List<String> lines = new ArrayList<>();
        try (UnicornExecutor executor = new UnicornExecutor(image, host, observer, UnicornExecutor.DEFAULT_STACK_SIZE)) {
            for (int k = 0; k < invocations.size(); k++) {
                Invocation inv = invocations.get(k);
                long left = budget - observer.checked();
                if (left < 1) {
                    lines.add("instruction budget of " + budget + " spent: " + (invocations.size() - k)
                            + " invocation(s) not checked");
                    break;
                }
                observer.startInvocation();
                Execution e = executor.run(inv.function(), inv.args(), left);
                if (observer.mismatch().isPresent()) {
                    lines.add(inv + ": " + observer.checkedThisCall() + " instruction boundaries checked, then "
                            + observer.mismatch().get() + "  <-- " + observer.mismatchLine().orElse(""));
                    return new UnwindReport(new Verdict.Mismatch(check, observer.mismatch().get()),
                            observer.checked(), lines);
                }
                lines.add(inv + ": " + observer.checkedThisCall() + " instruction boundaries checked; "
                        + RunCheck.describe(e.result()));
            }
        }
        return new UnwindReport(Verdict.PASS, observer.checked(), lines);
    }
}
