package dev.a64w.ir;

import java.util.List;

/**
 * A module-level data object from a {@code ; data:} ({@code readOnly} false, section .data) or
 * {@code ; rodata:} (section .rdata) directive. {@code align} is a power of two in 1..4096.
 */
public record DataObject(String name, boolean readOnly, int align, List<DataItem> items) {
    public DataObject {
        items = List.copyOf(items);
    }

    public int size() {
        return items.stream().mapToInt(DataItem::size).sum();
    }
}
