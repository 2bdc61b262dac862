package dev.a64w.backend;

import dev.a64w.util.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One function's machine code, ready for an object writer.
 *
 * @param name     symbol name (the CLIF name without {@code %})
 * @param code     the instruction words, little-endian; its size is a multiple of 4
 * @param asm      one listing line per instruction word ({@code asm.get(i)} is the word at byte
 *                 {@code 4*i}), in LLVM's assembler syntax, e.g. {@code "add x0, x0, x1"},
 *                 {@code "bl callee"}, {@code "b.ne .Lf_block2"}
 * @param labels   local labels to print before the instruction at a byte offset (branch targets
 *                 referenced from {@code asm}), sorted by offset
 * @param relocs   relocations, by offset
 * @param unwind   the unwind facts; empty for a frameless leaf
 */
public record CompiledFunction(
        String name,
        Bytes code,
        List<String> asm,
        SortedMap<Integer, List<String>> labels,
        List<Reloc> relocs,
        Optional<FunctionUnwind> unwind) {

    public CompiledFunction {
        asm = List.copyOf(asm);
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        relocs = List.copyOf(relocs);
        if (code.size() % 4 != 0 || asm.size() != code.size() / 4) {
            throw new IllegalArgumentException(name + ": " + code.size() + " code bytes but " + asm.size() + " listing lines");
        }
    }

    public static SortedMap<Integer, List<String>> noLabels() {
        return new java.util.TreeMap<>(Map.of());
    }
}
