package dev.a64w.reduce;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.emit.ModuleEmitter;
import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import java.util.List;
import java.util.function.Predicate;

/**
 * Predicates that model backend bugs in the code the subject makes, for measuring how small the
 * reducer gets a finding. Each asks the real subject backend to compile the candidate (one it
 * cannot compile is not the bug) and holds when the IR has the construct the bug lives in and the
 * subject's listing has the instruction it is lowered to; the rest of the module is noise the
 * reducer should remove. (Wrong-code forms of the first and last, a mutant module with the fault
 * spelled out in IR run against the original, showed in 0 and 1 of 200 generated modules: the
 * generator's run lines rarely reach them with negative operands.)
 */
enum BugModels {
    /** srem below i64, lowered through a 32-bit sdiv (e.g. operands extended the wrong way). */
    NARROW_SREM("sdiv w", i -> i instanceof Inst.Binary x && x.op() == BinaryOp.SREM && x.type() != Type.I64),
    /** A call through an import's address slot (e.g. a wrong relocation for the slot). */
    IMPORT_CALL(":lo12:__imp_", i -> i instanceof Inst.Call),
    /** A sign-extending load (e.g. lowered as a zero-extending one). */
    SIGNED_LOAD("ldrs", i -> i instanceof Inst.Load x && x.op().signed);

    private final String listingNeedle;
    private final Predicate<Inst> construct;

    BugModels(String listingNeedle, Predicate<Inst> construct) {
        this.listingNeedle = listingNeedle;
        this.construct = construct;
    }

    /** The finding's predicate. */
    Predicate<Module> predicate() {
        return m -> {
            boolean has = false;
            for (Function f : m.functions()) for (Block b : f.blocks()) for (Inst i : b.insts()) has |= construct.test(i);
            if (!has) return false;
            String listing = listing(m);
            return listing != null && listing.contains(listingNeedle);
        };
    }

    /** The subject's listing of {@code m}, or null when the subject cannot compile it. */
    static String listing(Module m) {
        try {
            List<CompiledFunction> fns = m.functions().stream().map(f -> FunctionCompiler.compile(m, f)).toList();
            return new ModuleEmitter().emit(m, fns).listing();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
