package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.Cond;
import java.util.List;
import java.util.function.Function;

/** Steps that set the flags, and the condition that holds when the test is true. They bind no local label. */
public record CondTest(List<Step> steps, Cond cond) {
    public CondTest {
        steps = List.copyOf(steps);
        for (Step s : steps) if (s instanceof Step.Bind) throw new IllegalArgumentException("a condition test binds a label");
    }

    /** The test {@code build} writes into a fresh body, with the condition it returns. */
    public static CondTest of(Function<OpBody, Cond> build) {
        OpBody b = new OpBody();
        Cond cond = build.apply(b);
        return new CondTest(b.steps(), cond);
    }
}
