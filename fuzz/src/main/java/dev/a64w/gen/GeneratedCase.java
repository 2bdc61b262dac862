package dev.a64w.gen;

import dev.a64w.ir.Module;
import java.util.List;

/**
 * A generated test case: the module, the name of its entry function (without {@code %}) and 1..N
 * argument vectors for the entry, each value sign-extended from its parameter's width.
 */
public record GeneratedCase(Module module, String entry, List<List<Long>> inputs) {
    public GeneratedCase {
        inputs = inputs.stream().map(List::copyOf).toList();
    }
}
