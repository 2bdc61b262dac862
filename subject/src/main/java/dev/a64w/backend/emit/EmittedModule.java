package dev.a64w.backend.emit;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;
import java.util.List;

/**
 * A module's COFF object and the equivalent LLVM assembler listing (which llvm-mc for
 * aarch64-pc-windows-msvc assembles to the same .text bytes, relocations and section alignment,
 * and to unwind data of the same meaning).
 *
 * <p>The compile makes only the object; the listing is printed from the same compiled functions
 * when {@link #listing} is first asked for (it is a pure function of them, so printing it later
 * gives the text printing it at once would have given). Two emitted modules are equal when their
 * objects and listings are.
 */
public final class EmittedModule {
    private final Bytes object;
    private final Module module;
    private final List<CompiledFunction> functions;
    private volatile String listing;

    EmittedModule(Bytes object, Module module, List<CompiledFunction> functions) {
        this.object = object;
        this.module = module;
        this.functions = List.copyOf(functions);
    }

    public Bytes object() {
        return object;
    }

    /** The listing, printed on the first call ({@link Listing}). */
    public String listing() {
        String l = listing;
        if (l == null) {
            l = Listing.of(module, functions);
            listing = l;
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmittedModule e && object.equals(e.object) && listing().equals(e.listing());
    }

    @Override
    public int hashCode() {
        return object.hashCode() * 31 + listing().hashCode();
    }

    @Override
    public String toString() {
        return "EmittedModule[object=" + object.size() + " bytes, " + functions.size() + " functions]";
    }
}
