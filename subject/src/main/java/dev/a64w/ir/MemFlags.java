package dev.a64w.ir;

import java.util.List;

/**
 * Memory flags as written ({@code notrap aligned readonly little ...}), kept in source order so
 * printing gives back the same text. {@code big} makes the access big-endian (bytes reversed against
 * the little-endian default); {@code little} states the default explicitly.
 */
public record MemFlags(List<String> flags) {
    public static final MemFlags NONE = new MemFlags(List.of());

    public MemFlags {
        flags = List.copyOf(flags);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Whether the access is big-endian ({@code big}); otherwise it is little-endian. */
    public boolean big() {
        return flags.contains("big");
    }

    @Override
    public String toString() {
        return String.join(" ", flags);
    }
}
