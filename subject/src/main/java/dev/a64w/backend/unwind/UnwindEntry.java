package dev.a64w.backend.unwind;

import dev.a64w.backend.FunctionUnwind;

/**
 * What a function's .pdata entry points at. Today always a full .xdata record; packed unwind data
 * (.pdata Flag 1, reference §5.1) is the planned second case, and every consumer's exhaustive
 * switch will then name the place that must handle it.
 */
public sealed interface UnwindEntry {
    /** Word 1 of the .pdata entry is the RVA of this .xdata record (Flag 0). */
    record Full(XdataRecord xdata) implements UnwindEntry {}

    /** Chooses the entry for a function of {@code functionLength} bytes. */
    static UnwindEntry of(String function, int functionLength, FunctionUnwind unwind) {
        return new Full(XdataBuilder.build(function, functionLength, unwind));
    }
}
