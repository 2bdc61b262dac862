package dev.a64w.backend;

import java.util.List;

/**
 * Unwind facts for one function: the prologue steps in execution order (the prologue ends after
 * the last one) and every epilogue. A function with no frame at all (a leaf that saves nothing and
 * keeps SP) has no FunctionUnwind and gets no .pdata, as LLVM does.
 */
public record FunctionUnwind(List<UnwindStep> prologue, List<Epilogue> epilogues) {
    public FunctionUnwind {
        prologue = List.copyOf(prologue);
        epilogues = List.copyOf(epilogues);
    }
}
