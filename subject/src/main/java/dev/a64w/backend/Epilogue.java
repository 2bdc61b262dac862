package dev.a64w.backend;

import java.util.List;

/**
 * One epilogue: the steps in execution order (each the instruction that undoes a prologue step, or
 * a nop), followed by the {@code ret} (or tail-call branch) at {@code endOffset}, which has no step.
 */
public record Epilogue(List<UnwindStep> steps, int endOffset) {
    public Epilogue {
        steps = List.copyOf(steps);
    }

    /** Offset of the first epilogue instruction (the {@code ret} itself if there are no steps). */
    public int startOffset() {
        return steps.isEmpty() ? endOffset : steps.getFirst().offset();
    }
}
