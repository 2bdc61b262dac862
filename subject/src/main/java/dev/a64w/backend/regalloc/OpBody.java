package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.LocalLabel;
import java.util.Arrays;
import java.util.List;

/** Builds the steps of one op (or branch test): what a lowering writes its instructions into. */
public final class OpBody implements InstSink {
    private Step[] steps = new Step[4];
    private int size = 0;
    private int labels = 0;

    @Override
    public void emit(A64Inst inst) {
        add(new Step.Machine(inst));
    }

    /** Left out now when the two are the same register (virtual or not), else at emission if they are allocated the same one. */
    @Override
    public void copy(A64Inst move) {
        if (!InstSink.isNoOp(move)) add(new Step.Copy(move));
    }

    /** Empties the body for the next op (a lowering reuses one body; {@link #steps} copies). */
    public void reset() {
        Arrays.fill(steps, 0, size, null);
        size = 0;
        labels = 0;
    }

    public LocalLabel newLabel() {
        return new LocalLabel(labels++);
    }

    public void bind(LocalLabel label) {
        add(new Step.Bind(label));
    }

    public void add(Step step) {
        if (size == steps.length) steps = Arrays.copyOf(steps, 2 * size);
        steps[size++] = step;
    }

    /** Appends {@code test}'s steps (which bind no label) and returns its condition. */
    public Cond append(CondTest test) {
        List<Step> t = test.steps();
        for (int k = 0; k < t.size(); k++) add(t.get(k));
        return test.cond();
    }

    /** The steps so far, as an unmodifiable list (one copy; {@code List.copyOf} of it is free). */
    public List<Step> steps() {
        return switch (size) {
            case 0 -> List.of();
            case 1 -> List.of(steps[0]);
            case 2 -> List.of(steps[0], steps[1]);
            default -> List.of(size == steps.length ? steps : Arrays.copyOf(steps, size));
        };
    }
}
