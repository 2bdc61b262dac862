package dev.a64w.ir;

import java.util.List;

/**
 * Memory flags as written ({@code notrap aligned readonly little ...}), kept in source order so
 * printing gives back the same text. {@code big} is rejected by the parser as unsupported.
 */
public record MemFlags(List<String> flags) {
    public static final MemFlags NONE = new MemFlags(List.of());

    public MemFlags {
        flags = List.copyOf(flags);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    @Override
    public String toString() {
        return String.join(" ", flags);
    }
}
