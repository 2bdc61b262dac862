package dev.a64w.audit;

import dev.a64w.check.unwind.UnwindData;
import dev.a64w.util.Bytes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file prepared for auditing: the memory to map (at {@code imageBase + rva}), the functions of
 * its {@code .pdata} in RVA order, and, for objects, the relocations by address (an executed
 * instruction with a relocation is {@code unsupported}: the audit does not link).
 *
 * @param kind        "image" or "object", for messages
 * @param imageBase   where RVA 0 is mapped
 * @param sizeOfImage the extent of the mapping from {@code imageBase}
 * @param segments    initialized bytes by RVA (the rest of the mapping is zero)
 * @param functions   one per {@code .pdata} entry, ordered by RVA then by entry position
 * @param relocations absolute address of a relocated field to a description of the relocation
 * @param externals   what code reaches outside the mapped bytes, by absolute address: in an object,
 *                    each relocated field's symbol; in an image, each import address table slot's
 *                    import as {@code DLL!name} (or {@code DLL!#ordinal})
 * @param sectionRvas objects: where each section (by number) was laid out; images: empty
 */
public record AuditTarget(String kind, long imageBase, long sizeOfImage, List<Segment> segments,
        List<AuditFunction> functions, Map<Long, String> relocations, Map<Long, String> externals,
        Map<Integer, Long> sectionRvas) {

    public AuditTarget {
        segments = List.copyOf(segments);
        functions = List.copyOf(functions);
        relocations = java.util.Collections.unmodifiableMap(new TreeMap<>(relocations));
        externals = java.util.Collections.unmodifiableMap(new TreeMap<>(externals));
        sectionRvas = java.util.Collections.unmodifiableMap(new TreeMap<>(sectionRvas));
    }

    /** True if {@code address} is inside the mapped image or object. */
    public boolean contains(long address) {
        return address >= imageBase && address - imageBase < sizeOfImage;
    }

    /** The little-endian word at an absolute address: from the initialized bytes, 0 elsewhere (the mapping is zero there). */
    public int word(long address) {
        long rva = address - imageBase;
        for (Segment s : segments) {
            if (rva >= s.rva() && rva + 4 <= s.rva() + s.data().size()) {
                return (int) s.data().u32((int) (rva - s.rva()));
            }
        }
        return 0;
    }

    /** Initialized bytes at an RVA. */
    public record Segment(long rva, Bytes data) {
    }

    /**
     * One {@code .pdata} entry: the name (an export or symbol, else the RVA as 0x...), its start,
     * whether the entry is packed (Flag 1 or 2), and its decoded unwind data or why it does not decode.
     */
    public record AuditFunction(String name, long rva, boolean packed, Unwind unwind) {
    }

    /** The unwind data of an entry, or the reason it cannot be decoded. */
    public sealed interface Unwind {
        record Decoded(UnwindData data) implements Unwind {
        }

        record Undecodable(String reason) implements Unwind {
        }
    }
}
