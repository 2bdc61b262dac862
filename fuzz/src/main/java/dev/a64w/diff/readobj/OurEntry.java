package dev.a64w.diff.readobj;

import dev.a64w.check.unwind.PackedUnwind;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.util.Bytes;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code .pdata} entry as the harness's own readers decode it ({@link dev.a64w.check.coff.CoffReader}
 * or {@link dev.a64w.exec.PeImage}, then {@link dev.a64w.check.unwind}).
 *
 * @param label     how findings name the function: its symbol (+offset) in an object, its address in an image
 * @param function  the function start
 * @param unwind    the packed word or the xdata record, or why our decoder rejected the entry
 * @param xdata     the xdata record's place (Flag 0)
 * @param codes     the xdata record's code bytes as stored (empty when packed or rejected)
 * @param handler   the handler's place (X=1)
 * @param parameter the word after the handler RVA (what readobj prints as Parameter), if inside the data
 */
public record OurEntry(String label, Place function, Decoded unwind, Optional<Place> xdata, Bytes codes,
                       Optional<Place> handler, OptionalLong parameter) {

    /** What our decoder made of the entry. */
    public sealed interface Decoded {
        record Packed(PackedUnwind packed) implements Decoded {
        }

        record Full(Xdata xdata) implements Decoded {
        }

        record Rejected(String reason) implements Decoded {
        }
    }
}
