package dev.a64w.check.unwind;

import java.util.List;
import java.util.Optional;

/** Finds the function entry covering a pc (the role of RtlLookupFunctionEntry). */
@FunctionalInterface
public interface FunctionTable {
    Optional<FunctionEntry> lookup(long pc);

    /** A table over a fixed list of entries (a linear scan; tables here are small). */
    static FunctionTable of(List<FunctionEntry> entries) {
        List<FunctionEntry> copy = List.copyOf(entries);
        return pc -> copy.stream().filter(e -> e.contains(pc)).findFirst();
    }
}
