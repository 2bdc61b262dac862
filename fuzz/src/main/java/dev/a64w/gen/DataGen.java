package dev.a64w.gen;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Module data objects: raw bytes, zero runs (rarely larger than 4 KiB, so offsets near 4096 and the
 * scaled-offset limits are reachable) and 8-byte-aligned {@code addr=} pointers to functions or data.
 * Pointer bytes are excluded from the readable/writable ranges: their values differ between runs.
 */
final class DataGen {
    private static final int[] ALIGNS = {1, 2, 4, 8, 16};

    /** The objects and the matching memory areas, in the same order; function pointers stored in them. */
    record DataPlan(List<DataObject> objects, List<MemArea> areas, List<FnEntry> fnEntries) {}

    /** {@code addr=%function+0} at {@code offset} of data object {@code data}: a function table entry. */
    record FnEntry(String data, int offset, String function) {}

    private DataGen() {}

    /** Objects named {@code dataNames} (one each, none when DATA is off). */
    static DataPlan generate(ByteSource src, GeneratorConfig cfg, List<String> functionNames, List<String> dataNames) {
        var objects = new ArrayList<DataObject>();
        var areas = new ArrayList<MemArea>();
        var entries = new ArrayList<FnEntry>();
        if (!cfg.enabled(OpFamily.DATA)) return new DataPlan(objects, areas, entries);
        int n = dataNames.size();
        for (int k = 0; k < n; k++) {
            String name = dataNames.get(k);
            boolean readOnly = src.chance(250);
            int align = ALIGNS[src.nextInt(0, ALIGNS.length - 1)];
            var items = new ArrayList<DataItem>();
            var ranges = new ArrayList<MemArea.Range>();
            int size = 0;
            int count = src.nextInt(1, 4);
            for (int i = 0; i < count; i++) {
                int start = size;
                switch (src.weighted(5, 3, 2)) {
                    case 0 -> {
                        int len = src.nextInt(1, 24);
                        byte[] bytes = new byte[len];
                        for (int j = 0; j < len; j++) bytes[j] = (byte) src.nextInt(0, 255);
                        items.add(new DataItem.Raw(Bytes.of(bytes)));
                        size += len;
                    }
                    case 1 -> {
                        int len = src.chance(40) ? src.pick(List.of(4096, 4104, 8192, 32776, 40000)) : src.nextInt(1, 64);
                        items.add(new DataItem.Zero(len));
                        size += len;
                    }
                    default -> {
                        int pad = (8 - size % 8) % 8;
                        if (pad > 0) {
                            items.add(new DataItem.Zero(pad));
                            size += pad;
                            addRange(ranges, start, size);
                        }
                        boolean toFunction = src.nextBoolean() || k == 0;
                        String target = toFunction
                                ? functionNames.get(src.nextInt(0, functionNames.size() - 1))
                                : dataNames.get(src.nextInt(0, k - 1));
                        long addend = toFunction ? 0 : src.nextInt(0, 4);
                        if (toFunction) entries.add(new FnEntry(name, size, target));
                        items.add(new DataItem.Addr(target, addend));
                        size += 8;
                        continue;
                    }
                }
                addRange(ranges, start, size);
            }
            objects.add(new DataObject(name, readOnly, align, items));
            areas.add(new MemArea(false, -1, name, size, align, ranges, readOnly ? List.of() : ranges));
        }
        return new DataPlan(objects, areas, entries);
    }

    /** Adds {@code [lo, hi)}, merging with a range that ends at {@code lo}. */
    private static void addRange(List<MemArea.Range> ranges, int lo, int hi) {
        if (lo == hi) return;
        if (!ranges.isEmpty() && ranges.getLast().hi() == lo) {
            lo = ranges.removeLast().lo();
        }
        ranges.add(new MemArea.Range(lo, hi));
    }
}
