package dev.a64w.backend.emit;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.util.ByteSink;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * One data section's contents: the objects placed in order, each at a multiple of its alignment;
 * an {@code addr=} item is 8 bytes holding its addend (COFF keeps addends inline) plus an ADDR64
 * relocation.
 *
 * <p>The section alignment is the largest object alignment, but at least 4: llvm-mc aligns
 * {@code .text}, {@code .data} and {@code .bss} to 4 when it initializes them (MCWinCOFFStreamer
 * initSections), and the listing starts each data section with a {@code .p2align} of this value,
 * so the object and MC agree on the ALIGN_* field whatever MC's default. It is never below the
 * strictest object, as a section's alignment must be (reference §3).
 */
record DataLayout(String section, int alignment, Bytes bytes, List<Placed> objects, List<Pointer> pointers) {

    /** An object at {@code offset}. */
    record Placed(DataObject object, int offset) {}

    /** An ADDR64 field at {@code offset} pointing to {@code symbol} + {@code addend}. */
    record Pointer(int offset, String symbol, long addend) {}

    static final int MIN_ALIGNMENT = 4;

    static DataLayout of(String section, List<DataObject> objects) {
        ByteSink sink = new ByteSink();
        List<Placed> placed = new ArrayList<>();
        List<Pointer> pointers = new ArrayList<>();
        int alignment = MIN_ALIGNMENT;
        for (DataObject o : objects) {
            alignment = Math.max(alignment, o.align());
            sink.alignTo(o.align(), 0);
            placed.add(new Placed(o, sink.size()));
            for (DataItem item : o.items()) {
                switch (item) {
                    case DataItem.Raw raw -> sink.bytes(raw.bytes());
                    case DataItem.Zero zero -> sink.zeros(zero.count());
                    case DataItem.Addr addr -> {
                        pointers.add(new Pointer(sink.size(), addr.symbol(), addr.addend()));
                        sink.u64(addr.addend());
                    }
                }
            }
        }
        return new DataLayout(section, alignment, sink.toBytes(), placed, pointers);
    }
}
