package dev.a64w.ir.interp;

import dev.a64w.ir.TrapCode;
import java.util.List;

/**
 * How a call ended. Returned integers are sign-extended from their type's width to 64 bits,
 * floats are their raw IEEE bits zero-extended.
 */
public sealed interface Outcome {
    record Returned(List<Long> values) implements Outcome {
        public Returned {
            values = List.copyOf(values);
        }
    }

    record Trapped(TrapCode code) implements Outcome {}

    record OutOfFuel() implements Outcome {}
}
