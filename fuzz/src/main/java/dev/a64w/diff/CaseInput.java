package dev.a64w.diff;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.ir.Module;
import java.util.List;

/**
 * One case for {@link Harness#checkAll}: the module and its invocations as generated, the Cranelift
 * variant, whether the other compilers' legs (LLVM, Cranelift) run on it, and the prefix its symbols
 * get when it shares an image with other cases.
 */
public record CaseInput(String name, Module module, List<Invocation> invocations, CraneliftVariant variant, boolean otherLegs,
                        SymbolPrefix prefix) {
    public CaseInput {
        invocations = List.copyOf(invocations);
    }

    /** A case checked on its own: every leg, no prefix. */
    public static CaseInput alone(String name, Module module, List<Invocation> invocations, CraneliftVariant variant) {
        return new CaseInput(name, module, invocations, variant, true, SymbolPrefix.NONE);
    }

    /** The module as checked (its symbols prefixed). */
    public Module checkedModule() {
        return prefix.apply(module);
    }

    List<Invocation> checkedInvocations() {
        return invocations.stream().map(i -> i.named(prefix.apply(i.function()))).toList();
    }
}
