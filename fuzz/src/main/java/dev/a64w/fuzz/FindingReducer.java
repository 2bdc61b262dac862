package dev.a64w.fuzz;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.Harness;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
import dev.a64w.findings.Signature;
import dev.a64w.ir.Module;
import dev.a64w.reduce.Expectations;
import dev.a64w.reduce.ReduceOptions;
import dev.a64w.reduce.ReduceResult;
import dev.a64w.reduce.Reducer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Shrinks a finding while the harness still gives the same signature: the predicate re-runs every
 * check on the candidate with its run lines as invocations. Run-line expectations are recomputed
 * by the interpreter at the end, so the reduced file reproduces with {@code a64w check} and
 * {@code a64w run}.
 */
public final class FindingReducer {
    private final Harness harness;
    private final long fuel;

    public FindingReducer(Harness harness, long fuel) {
        this.harness = harness;
        this.fuel = fuel;
    }

    /** The signature the harness gives {@code m} now (the subject's verdict). */
    public String signatureOf(Module m) {
        return signatureOf(m, Side.SUBJECT);
    }

    /** The signature of {@code side}'s verdict for {@code m} now. */
    public String signatureOf(Module m, Side side) {
        return signatureOf(m, side, CraneliftVariant.DEFAULT);
    }

    /** The same with the Cranelift leg compiling {@code m} with {@code variant}. */
    public String signatureOf(Module m, Side side, CraneliftVariant variant) {
        return Signature.of(harness.check("reduce", m, Invocation.ofRunLines(m), variant).verdict(side));
    }

    public ReduceResult reduce(Module start, String signature, Duration budget, Consumer<String> progress) {
        return reduce(start, Side.SUBJECT, signature, budget, progress);
    }

    /** Shrinks {@code start} while {@code side}'s verdict keeps {@code signature}. */
    public ReduceResult reduce(Module start, Side side, String signature, Duration budget, Consumer<String> progress) {
        return reduce(start, side, signature, budget, progress, CraneliftVariant.DEFAULT);
    }

    /** The same, with the Cranelift leg on {@code variant} throughout. */
    public ReduceResult reduce(Module start, Side side, String signature, Duration budget, Consumer<String> progress,
                               CraneliftVariant variant) {
        ReduceOptions options = ReduceOptions.defaults()
                .withTimeBudget(budget)
                .withInterpreterFuel(fuel)
                .withProgress(progress);
        ReduceResult r = Reducer.reduce(start, m -> {
            try {
                return signatureOf(m, side, variant).equals(signature);
            } catch (RuntimeException e) {
                return false;
            }
        }, options);
        return new ReduceResult(Expectations.refresh(r.reduced(), fuel), r.steps(), r.predicateCalls(), r.stop());
    }
}
