package dev.a64w.backend.unwind;

import dev.a64w.backend.FunctionUnwind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one .pdata entry holds: the RVA of a full .xdata record (Flag 0), or the packed unwind data
 * itself (Flag 1, reference §5.1).
 */
public sealed interface UnwindEntry {
    /** Word 1 of the .pdata entry is the RVA of this .xdata record (Flag 0). */
    record Full(XdataRecord xdata) implements UnwindEntry {}

    /** Word 1 of the .pdata entry is this packed word (Flag 1); there is no .xdata record. */
    record Packed(PackedUnwind packed) implements UnwindEntry {}

    /**
     * One .pdata entry of a function: it begins {@code offset} bytes into the function (0 for the
     * first; later ones are the segments of a function of 1 MiB or more, reference §6.2).
     */
    record Placed(int offset, UnwindEntry entry) {}

    /**
     * Every entry of a function of {@code functionLength} bytes, in order: one packed entry when
     * {@link Packing} allows it (as LLVM MC decides), else one full record per {@link Segmenter}
     * segment.
     */
    static List<Placed> entries(String function, int functionLength, FunctionUnwind unwind) {
        Optional<PackedUnwind> packed = Packing.tryPack(function, functionLength, unwind);
        if (packed.isPresent()) {
            XdataBuilder.checkShape(function, functionLength, unwind); // packed or not, the same shape checks
            return List.of(new Placed(0, new Packed(packed.get())));
        }
        List<Placed> out = new ArrayList<>();
        int offset = 0;
        for (XdataRecord x : XdataBuilder.buildSegments(function, functionLength, unwind)) {
            out.add(new Placed(offset, new Full(x)));
            offset += x.functionLength();
        }
        return out;
    }
}
