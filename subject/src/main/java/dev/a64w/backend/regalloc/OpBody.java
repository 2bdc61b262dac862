package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.LocalLabel;
import java.util.ArrayList;
import java.util.List;

/** Builds the steps of one op (or branch test): what a lowering writes its instructions into. */
public final class OpBody implements InstSink {
    private final List<Step> steps = new ArrayList<>(4);
    private int labels = 0;

    @Override
    public void emit(A64Inst inst) {
        steps.add(new Step.Machine(inst));
    }

    /** Left out now when the two are the same register (virtual or not), else at emission if they are allocated the same one. */
    @Override
    public void copy(A64Inst move) {
        if (!InstSink.isNoOp(move)) steps.add(new Step.Copy(move));
    }

    public LocalLabel newLabel() {
        return new LocalLabel(labels++);
    }

    public void bind(LocalLabel label) {
        steps.add(new Step.Bind(label));
    }

    public void add(Step step) {
        steps.add(step);
    }

    /** Appends {@code test}'s steps (which bind no label) and returns its condition. */
    public dev.a64w.backend.a64.Cond append(CondTest test) {
        steps.addAll(test.steps());
        return test.cond();
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
