package dev.a64w.exec;

import java.util.List;

/**
 * How one call into emulated code ended. Exactly one of: it returned (registers x0-x7 as left at
 * the return, the caller picks how many are results), it executed a {@code brk} (Cranelift-style
 * traps), it overflowed the stack (touched the guard page below it, as Windows raises
 * {@code STATUS_STACK_OVERFLOW}), it faulted (unmapped or protected access, undefined instruction,
 * a host function that failed), it ran out of its instruction budget, or it returned but broke the
 * Windows ARM64 calling convention (SP, x18, callee-saved registers, SP alignment).
 */
public sealed interface ExecResult {
    /**
     * Returned: x0-x7 and the low 64 bits of v0-v7 as left at the return (integer results are in
     * x0.., float results in v0.., counted separately; the caller picks by the return types).
     */
    record Returned(List<Long> x0to7, List<Long> v0to7) implements ExecResult {
        public Returned {
            x0to7 = List.copyOf(x0to7);
            v0to7 = List.copyOf(v0to7);
            if (x0to7.size() != 8 || v0to7.size() != 8) {
                throw new ExecException("Returned: expected 8 + 8 registers, got " + x0to7.size() + " + " + v0to7.size());
            }
        }

        /** Integer registers only (v0-v7 zero). */
        public Returned(List<Long> x0to7) {
            this(x0to7, java.util.Collections.nCopies(8, 0L));
        }

        public long x0() {
            return x0to7.get(0);
        }
    }

    /** A {@code brk #imm} at {@code pc} (an absolute address in the emulated image). */
    record Trapped(int brkImmediate, long pc) implements ExecResult {}

    /**
     * The code touched the stack's guard page ({@code address}, by the instruction at {@code pc}), or
     * asked {@code __chkstk} for more stack than is left: Windows' {@code STATUS_STACK_OVERFLOW}, the
     * {@code stk_ovf} trap of CLIF (see {@link UnicornExecutor} for the model).
     */
    record StackOverflow(long address, long pc) implements ExecResult {}

    /**
     * A fault. {@code udfPc} is the address of the instruction when it was a permanently undefined
     * {@code udf #imm16} (Cranelift traps with one and a side table of trap sites); else empty.
     */
    record Faulted(String detail, java.util.OptionalLong udfPc) implements ExecResult {
        public Faulted(String detail) {
            this(detail, java.util.OptionalLong.empty());
        }
    }

    record BudgetExhausted(long instructionBudget) implements ExecResult {}

    record AbiViolation(String detail) implements ExecResult {}
}
