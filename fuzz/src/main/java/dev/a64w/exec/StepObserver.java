package dev.a64w.exec;

/**
 * Called before every instruction of the image executes (for the unwind check). Installing one
 * makes execution much slower (a native-to-Java call per instruction plus register reads); SP
 * alignment is then also checked at every instruction. Throwing ends the call as
 * {@link ExecResult.Faulted}.
 */
@FunctionalInterface
public interface StepObserver {
    void before(long pc, RegisterFile regs, MemoryView mem);
}
