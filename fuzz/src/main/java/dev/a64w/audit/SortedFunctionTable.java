package dev.a64w.audit;

import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.check.unwind.FunctionTable;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A function table searched by binary search on the start address, as RtlLookupFunctionEntry does. */
final class SortedFunctionTable implements FunctionTable {
    private final FunctionEntry[] entries;

    SortedFunctionTable(List<FunctionEntry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingLong(FunctionEntry::beginRva)).toArray(FunctionEntry[]::new);
    }

    @Override
    public Optional<FunctionEntry> lookup(long pc) {
        int lo = 0;
        int hi = entries.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            FunctionEntry e = entries[mid];
            if (e.imageBase() + e.beginRva() <= pc) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && entries[found].contains(pc) ? Optional.of(entries[found]) : Optional.empty();
    }
}
