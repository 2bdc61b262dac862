package dev.a64w.backend.regalloc;

import dev.a64w.ir.BlockRef;

/**
 * Where the lowering made an op: instruction {@code inst} of {@code block} ({@code -1}: its
 * terminator). Kept as data so lowering pays no string building; {@link VCodePrinter} prints it
 * as {@code block0/inst3} or {@code block0/terminator}.
 */
public record Origin(BlockRef block, int inst) {
    /** No known place (ops built outside a lowering, e.g. in tests). */
    public static final Origin NONE = new Origin(null, 0);

    @Override
    public String toString() {
        if (block == null) return "";
        return block + (inst < 0 ? "/terminator" : "/inst" + inst);
    }
}
