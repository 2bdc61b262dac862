package dev.a64w.audit;

import dev.a64w.diff.readobj.CrossCheckResult;
import dev.a64w.diff.readobj.Finding;
import dev.a64w.diff.readobj.OurEntry;
import dev.a64w.diff.readobj.OurUnwind;
import dev.a64w.diff.readobj.Place;
import dev.a64w.diff.readobj.ReadobjCrossCheck;
import dev.a64w.diff.readobj.ReadobjUnwind;
import dev.a64w.util.Bytes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decode half of the audit: every {@code .pdata} entry's unwind data decoded by the harness and
 * by {@code llvm-readobj --unwind} ({@link ReadobjCrossCheck}, run once per file) and compared field
 * by field. A disagreement is attached to its function by RVA; known differences
 * (docs/readobj-differences.md) are only counted.
 *
 * @param entries          entries both decoders listed
 * @param disagreements    by function RVA, the first differing field ({@code FIELD: ours X, llvm-readobj Y}),
 *                         with how many more there are
 * @param fileLevel        disagreements not about one function (the entry count)
 * @param knownDifferences known differences by id, in id order
 */
public record DecodeCheck(int entries, Map<Long, String> disagreements, List<String> fileLevel,
        Map<String, Integer> knownDifferences) {

    public DecodeCheck {
        disagreements = java.util.Collections.unmodifiableMap(new TreeMap<>(disagreements));
        fileLevel = List.copyOf(fileLevel);
        knownDifferences = java.util.Collections.unmodifiableMap(new TreeMap<>(knownDifferences));
    }

    /**
     * Runs llvm-readobj on {@code file} and compares. Throws
     * {@link dev.a64w.diff.readobj.ReadobjException} if the tool cannot run or our readers reject the file.
     */
    public static DecodeCheck run(Path file, Bytes bytes, AuditTarget target) {
        OurUnwind ours = OurUnwind.read(bytes);
        CrossCheckResult r = ReadobjCrossCheck.compare(file.toString(), ours, ReadobjUnwind.run(file, ReadobjCrossCheck.TIMEOUT));
        Map<String, Place> places = new HashMap<>();
        for (OurEntry e : ours.entries()) {
            places.putIfAbsent(e.label(), e.function());
        }
        long preferredBase = target.kind().equals("image") ? preferredBase(bytes) : 0;
        Map<Long, List<Finding.Disagreement>> byRva = new LinkedHashMap<>();
        List<String> fileLevel = new ArrayList<>();
        for (Finding.Disagreement d : r.disagreements()) {
            Place p = places.get(d.function());
            Long rva = p == null ? null : switch (p) {
                case Place.InImage img -> img.address() - preferredBase;
                case Place.InObject obj -> target.sectionRvas().containsKey(obj.sectionNumber())
                        ? target.sectionRvas().get(obj.sectionNumber()) + obj.offset() : null;
            };
            if (rva == null) {
                fileLevel.add(d.toString());
            } else {
                byRva.computeIfAbsent(rva, k -> new ArrayList<>()).add(d);
            }
        }
        Map<Long, String> out = new HashMap<>();
        byRva.forEach((rva, ds) -> {
            Finding.Disagreement d = ds.get(0);
            out.put(rva, d.field() + ": ours " + d.ours() + ", llvm-readobj " + d.llvm()
                    + (ds.size() > 1 ? " (and " + (ds.size() - 1) + " more fields)" : ""));
        });
        Map<String, Integer> known = new HashMap<>();
        r.knownDifferences().forEach(k -> known.merge(k.id(), 1, Integer::sum));
        return new DecodeCheck(r.entriesCompared(), out, fileLevel, known);
    }

    /** The one-line note for stderr: entries compared, disagreements and the known differences by id. */
    public String note() {
        StringBuilder sb = new StringBuilder("decode cross-check with llvm-readobj: ").append(entries).append(" entries, ")
                .append(disagreements.size() + fileLevel.size()).append(" disagreements, ")
                .append(knownDifferences.values().stream().mapToInt(Integer::intValue).sum()).append(" known differences");
        if (!knownDifferences.isEmpty()) {
            List<String> ids = new ArrayList<>();
            knownDifferences.forEach((id, n) -> ids.add(id + " " + n));
            sb.append(" (").append(String.join(", ", ids)).append(')');
        }
        return sb.toString();
    }

    /** The optional header's ImageBase, which llvm-readobj's and our decoder's addresses are relative to. */
    private static long preferredBase(Bytes file) {
        int pe = (int) file.u32(0x3c);
        return file.u64(pe + 24 + 24);
    }
}
