package dev.a64w.backend;

/**
 * A relocation inside a function's code: at byte {@code offset} (from the function start) the
 * instruction needs {@code kind} against {@code symbol} + {@code addend}. Symbols are object-level
 * names: a function, a data object, or {@code __imp_name} for an import slot.
 */
public record Reloc(int offset, RelocKind kind, String symbol, long addend) {}
