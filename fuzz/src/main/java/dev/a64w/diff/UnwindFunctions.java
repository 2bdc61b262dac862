package dev.a64w.diff;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Memory;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.VirtualUnwinder;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.PeSection;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The functions of a linked image as the unwind check sees them: the {@code .pdata} function table,
 * decoded by the independent {@code dev.a64w.check.unwind} decoder from the image's bytes (the
 * exception directory, PE spec "Optional Header Data Directories", index 3), and a name and range
 * for every function start (exports in executable sections and {@code .pdata} begins). A function
 * with {@code .pdata} ends where its unwind data says (its last fragment's, for a function of 1 MiB
 * or more: an entry that starts where another ends, whose codes begin with {@code end_c} and
 * that has no name of its own continues that function); one without ends at the next function start or the end of its section. Each entry's unwind meaning is computed once, here, so that a
 * decoding error names its function before anything runs and each step only executes codes.
 */
final class UnwindFunctions {
    /** Data directory index of the exception table. */
    private static final int EXCEPTION_DIRECTORY = 3;

    private record Range(String name, long start, long end) {}

    /** A {@code .pdata} entry with its decoded meaning. */
    private record Decoded(FunctionEntry entry, UnwindMeaning meaning) {}

    private final NavigableMap<Long, Decoded> table;
    private final NavigableMap<Long, Range> ranges;

    private UnwindFunctions(NavigableMap<Long, Decoded> table, NavigableMap<Long, Range> ranges) {
        this.table = table;
        this.ranges = ranges;
    }

    /**
     * Decodes the image's {@code .pdata} and the unwind data of every entry.
     *
     * @throws MalformedUnwindException naming the function whose unwind data does not decode
     */
    static UnwindFunctions of(PeImage image) {
        long base = image.imageBase();
        TreeMap<Long, String> names = new TreeMap<>();
        for (Map.Entry<String, Long> e : image.exports().entrySet()) {
            if (executable(image, e.getValue())) {
                names.merge(base + e.getValue(), e.getKey(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        Bytes mapped = image.mapped();
        Memory memory = address -> {
            long off = address - base;
            if (off < 0 || off > mapped.size() - 8) {
                throw new MalformedUnwindException(String.format("read at 0x%x is outside the image", address));
            }
            return mapped.u64((int) off);
        };
        long[] dir = exceptionDirectory(mapped);
        List<FunctionEntry> entries = new ArrayList<>();
        NavigableMap<Long, Decoded> table = new TreeMap<>();
        for (long at = 0; at + 8 <= dir[1]; at += 8) {
            long begin = mapped.u32((int) (dir[0] + at));
            try {
                for (FunctionEntry e : PdataDecoder.fromImage(memory, base, dir[0] + at, 8)) {
                    entries.add(e);
                    table.put(base + e.beginRva(), new Decoded(e, e.data().meaning()));
                }
            } catch (MalformedUnwindException e) {
                throw new MalformedUnwindException(String.format("%s: unwind data (.pdata entry at RVA 0x%x) does not decode: %s",
                        names.getOrDefault(base + begin, "function at RVA 0x" + Long.toHexString(begin)), dir[0] + at,
                        e.getMessage()), e);
            }
        }
        TreeMap<Long, Long> ends = new TreeMap<>();
        for (FunctionEntry e : entries) {
            ends.put(base + e.beginRva(), base + e.endRva());
        }
        java.util.Set<Long> continuations = new java.util.HashSet<>();
        for (FunctionEntry e : entries) {
            if (ends.containsValue(base + e.beginRva()) && table.get(base + e.beginRva()).meaning().prologue().endC()) {
                continuations.add(base + e.beginRva());
            }
        }
        for (FunctionEntry e : entries) {
            // a later fragment of a long function (starts where another entry ends, codes begin with
            // end_c) is no new function
            if (!continuations.contains(base + e.beginRva())) {
                names.putIfAbsent(base + e.beginRva(), "fn@0x" + Long.toHexString(e.beginRva()));
            }
        }
        NavigableMap<Long, Range> ranges = new TreeMap<>();
        for (Map.Entry<Long, String> n : names.entrySet()) {
            long start = n.getKey();
            Long end = ends.get(start);
            while (end != null && continuations.contains(end) && !names.containsKey(end)) {
                end = ends.get(end);
            }
            if (end == null) {
                Long next = names.higherKey(start);
                PeSection s = image.sectionAt(start - base);
                long sectionEnd = base + s.virtualAddress() + s.virtualSize();
                end = next == null ? sectionEnd : Math.min(next, sectionEnd);
            }
            ranges.put(start, new Range(n.getValue(), start, end));
        }
        return new UnwindFunctions(table, ranges);
    }

    /**
     * Virtually unwinds one frame from {@code ctx} ({@link VirtualUnwinder}): with the entry whose
     * range holds pc, or as a leaf if none does.
     *
     * @throws MalformedUnwindException if the unwind cannot proceed
     */
    Context unwind(Context ctx, Memory memory) {
        Map.Entry<Long, Decoded> e = table.floorEntry(ctx.pc());
        if (e == null || !e.getValue().entry().contains(ctx.pc())) {
            return VirtualUnwinder.unwind(ctx, memory, java.util.Optional.empty());
        }
        long delta = ctx.pc() - e.getKey();
        if (delta % 4 != 0) {
            throw new MalformedUnwindException(String.format("pc 0x%x is not an instruction boundary", ctx.pc()));
        }
        return VirtualUnwinder.run(ctx, memory, e.getValue().meaning(), delta / 4);
    }

    /** {@code %name+0x1c} for a pc inside a known function, else {@code image+0x<rva>}. */
    String label(long pc, long imageBase) {
        Map.Entry<Long, Range> e = ranges.floorEntry(pc);
        if (e != null && pc < e.getValue().end()) {
            return "%" + e.getValue().name() + "+0x" + Long.toHexString(pc - e.getKey());
        }
        return "image+0x" + Long.toHexString(pc - imageBase);
    }

    private static boolean executable(PeImage image, long rva) {
        return image.sections().stream().anyMatch(s -> s.executable() && s.contains(rva));
    }

    /** {RVA, size} of the exception directory, read from the image's own headers; {0, 0} if absent. */
    private static long[] exceptionDirectory(Bytes mapped) {
        int pe = (int) mapped.u32(0x3c);
        int opt = pe + 4 + 20;
        long nDirs = mapped.u32(opt + 108);
        if (nDirs <= EXCEPTION_DIRECTORY) {
            return new long[] {0, 0};
        }
        int d = opt + 112 + 8 * EXCEPTION_DIRECTORY;
        long rva = mapped.u32(d);
        long size = mapped.u32(d + 4);
        if (size % 8 != 0 || rva + size > mapped.size()) {
            throw new MalformedUnwindException(String.format(
                    "exception directory RVA 0x%x size 0x%x: size not a multiple of 8 or beyond the image (0x%x)",
                    rva, size, mapped.size()));
        }
        return new long[] {rva, size};
    }
}
