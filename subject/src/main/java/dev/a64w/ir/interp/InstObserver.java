package dev.a64w.ir.interp;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;

/**
 * Sees each instruction the {@link Interpreter} is about to execute, with a view of the current
 * frame's values, so a caller can record which operand values reached which instruction (the
 * fuzzer's coverage of value classes). It must not change anything: the interpreter's outcome is the
 * same with or without an observer. Without one the interpreter pays a single null check per
 * instruction.
 */
@FunctionalInterface
public interface InstObserver {
    /** The values of the frame executing the instruction (sign-extended from their types, as held). */
    interface Values {
        /** The value {@code v} holds; an {@link InterpreterException} if it is not defined. */
        long value(Value v);

        /** The type of {@code v} in the executing function. */
        Type type(Value v);
    }

    /** Called before {@code inst} executes (also when it then traps). */
    void before(Inst inst, Values values);
}
