package dev.a64w.cli;

import dev.a64w.ir.Block;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import java.util.Optional;

/**
 * How big a module the CLIF commands take, the same for {@code compile}, {@code run}, {@code check}
 * and {@code reduce}. Beyond these the file is bad input with the limit named, rather than minutes
 * of work or an out-of-memory error: the register allocator's liveness keeps a bit set of the
 * function's values per block (blocks x values bits, 100,000 of each would be 1.25 GB), and the
 * dominator computation is quadratic in the blocks of a deeply nested function. At the limits a
 * command still finishes within the launcher's 1 GiB heap (CliBadInputTest runs a function at the
 * block limit through every command). Generated modules are about 1,000 instructions; Cranelift's
 * runtests are far smaller.
 */
final class InputLimits {
    static final long MAX_FILE_BYTES = 16L << 20;
    static final int MAX_FUNCTIONS = 10_000;
    static final int MAX_BLOCKS = 4_096;
    static final int MAX_FUNCTION_INSTS = 65_536;
    static final long MAX_DATA_BYTES = 64L << 20;

    private InputLimits() {}

    /** The first limit {@code m} goes over, as a message; empty when within all. */
    static Optional<String> check(Module m) {
        if (m.functions().size() > MAX_FUNCTIONS) {
            return Optional.of(m.functions().size() + " functions, more than the limit of " + MAX_FUNCTIONS + " per module");
        }
        for (Function f : m.functions()) {
            if (f.blocks().size() > MAX_BLOCKS) {
                return Optional.of("%" + f.name() + ": " + f.blocks().size() + " blocks, more than the limit of " + MAX_BLOCKS + " per function");
            }
            long insts = 0;
            for (Block b : f.blocks()) insts += b.insts().size() + 1;
            if (insts > MAX_FUNCTION_INSTS) {
                return Optional.of("%" + f.name() + ": " + insts + " instructions, more than the limit of " + MAX_FUNCTION_INSTS + " per function");
            }
        }
        long data = 0;
        for (DataObject d : m.data()) data += d.size();
        if (data > MAX_DATA_BYTES) {
            return Optional.of(data + " bytes of data objects, more than the limit of " + MAX_DATA_BYTES);
        }
        return Optional.empty();
    }
}
