package dev.a64w.backend;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Printer;
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
 * @param insts    the instruction of each word ({@code insts.get(i)} is the word at byte
 *                 {@code 4*i}), from which {@link #asm} prints the listing when it is asked for
 * @param labels   local labels to print before the instruction at a byte offset (branch targets
 *                 referenced from {@code insts}), sorted by offset
 * @param relocs   relocations, by offset
 * @param unwind   the unwind facts; empty for a frameless leaf
 */
public record CompiledFunction(
        String name,
        Bytes code,
        List<A64Inst> insts,
        SortedMap<Integer, List<String>> labels,
        List<Reloc> relocs,
        Optional<FunctionUnwind> unwind) {

    public CompiledFunction {
        insts = List.copyOf(insts);
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        relocs = List.copyOf(relocs);
        if (code.size() % 4 != 0 || insts.size() != code.size() / 4) {
            throw new IllegalArgumentException(name + ": " + code.size() + " code bytes but " + insts.size() + " instructions");
        }
    }

    /**
     * One listing line per instruction word, in LLVM's assembler syntax, e.g. {@code "add x0, x0,
     * x1"}, {@code "bl callee"}, {@code "b.ne .Lf_block2"}: printed from {@link #insts} on each call
     * (the compile itself prints nothing).
     */
    public List<String> asm() {
        return insts.stream().map(A64Printer::print).toList();
    }

    public static SortedMap<Integer, List<String>> noLabels() {
        return new java.util.TreeMap<>(Map.of());
    }
}
