package dev.a64w.backend.unwind;

import dev.a64w.backend.FunctionUnwind;
import java.util.ArrayList;
import java.util.List;

/**
 * What one .pdata entry points at. Today always a full .xdata record; packed unwind data (.pdata
 * Flag 1/2, reference §5.1) is the planned second case, and every consumer's exhaustive switch will
 * then name the place that must handle it.
 */
public sealed interface UnwindEntry {
    /** Word 1 of the .pdata entry is the RVA of this .xdata record (Flag 0). */
    record Full(XdataRecord xdata) implements UnwindEntry {}

    /**
     * One .pdata entry of a function: it begins {@code offset} bytes into the function (0 for the
     * first; later ones are the segments of a function of 1 MiB or more, reference §6.2).
     */
    record Placed(int offset, UnwindEntry entry) {}

    /** Every entry of a function of {@code functionLength} bytes, one per {@link Segmenter} segment, in order. */
    static List<Placed> entries(String function, int functionLength, FunctionUnwind unwind) {
        List<Placed> out = new ArrayList<>();
        int offset = 0;
        for (XdataRecord x : XdataBuilder.buildSegments(function, functionLength, unwind)) {
            out.add(new Placed(offset, new Full(x)));
            offset += x.functionLength();
        }
        return out;
    }
}
