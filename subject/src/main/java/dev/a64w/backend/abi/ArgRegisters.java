package dev.a64w.backend.abi;

import dev.a64w.ir.Type;
import java.util.List;

/**
 * How many arguments the Windows ARM64 convention passes in registers: 8 of each class (x0..x7 for
 * integers, v0..v7 for floats), counted apart; the rest go to the stack in argument order, 8 bytes
 * each. The one statement of that rule for the lowering (stack areas, tail calls), the allocator's
 * fixed places and the generator (which tail calls the subject can make).
 */
public final class ArgRegisters {
    private ArgRegisters() {}

    /** Argument registers per class. */
    public static final int PER_CLASS = 8;

    /** The stack slots a call with arguments of these types needs. */
    public static int stackSlots(List<Type> types) {
        int ints = 0, floats = 0;
        for (Type t : types) {
            if (t.isFloat()) floats++;
            else ints++;
        }
        return Math.max(0, ints - PER_CLASS) + Math.max(0, floats - PER_CLASS);
    }
}
