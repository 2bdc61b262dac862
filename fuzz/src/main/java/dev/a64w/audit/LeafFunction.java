package dev.a64w.audit;

/**
 * A function without unwind data: no {@code .pdata} entry covers it, so Windows unwinds it as a
 * leaf (pc = LR, SP unchanged) at every instruction, and it must change none of SP, x19–x30 and
 * d8–d15.
 *
 * @param name   its symbol
 * @param rva    where it starts
 * @param endRva where the next function (or its section) starts
 */
public record LeafFunction(String name, long rva, long endRva) {
}
