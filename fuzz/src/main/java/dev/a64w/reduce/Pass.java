package dev.a64w.reduce;

import dev.a64w.ir.Module;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One kind of reduction: {@code sites} lists, in a fixed order, the places of a module where it
 * applies; {@code apply} transforms any subset of those sites at once (sites always refer to the
 * module they were listed from) and returns null when nothing changes. The result need not be
 * valid or smaller: the reducer checks both before asking the predicate.
 */
record Pass<S>(String name, java.util.function.Function<Module, List<S>> sites, BiFunction<Module, List<S>, Module> apply) {
    /** An instruction: function index, block index (layout order), instruction index. */
    record InstSite(int fn, int block, int inst) {}

    /** A block: function index, block index. */
    record BlockSite(int fn, int block) {}

    /** A numbered item (parameter, return, operand...) inside a block or function. */
    record ItemSite(int fn, int block, int item) {}
}
