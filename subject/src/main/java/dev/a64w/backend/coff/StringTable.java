package dev.a64w.backend.coff;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The COFF string table: a u32 total size (including itself), then NUL-terminated names. Holds
 * the names longer than 8 bytes, each once, in order of first use.
 *
 * @param offsets each long name's offset from the start of the table (the first is 4)
 * @param size    the total size in bytes, as written in the first u32
 */
public record StringTable(Map<String, Integer> offsets, int size) {
    public StringTable {
        offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    /** True when {@code name} does not fit the 8-byte inline name field. */
    public static boolean isLong(String name) {
        return utf8(name).length > 8;
    }

    public static byte[] utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static StringTable of(List<String> names) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int size = 4;
        for (String n : names) {
            if (isLong(n) && !offsets.containsKey(n)) {
                offsets.put(n, size);
                size += utf8(n).length + 1;
            }
        }
        return new StringTable(offsets, size);
    }

    public int offsetOf(String name) {
        Integer o = offsets.get(name);
        if (o == null) throw new IllegalStateException("'" + name + "' is not in the string table");
        return o;
    }
}
