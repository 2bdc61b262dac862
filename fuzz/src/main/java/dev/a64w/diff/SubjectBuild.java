package dev.a64w.diff;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.emit.EmittedModule;
import dev.a64w.backend.emit.ModuleEmitter;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.SkippedFunction;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a module with the subject, function by function. A function the backend does not
 * support (or that the parser skipped) is left out together with every function that calls it,
 * each with its reason, so the rest of the module can still be checked and run.
 *
 * @param module       the module as given
 * @param compiled     the functions that compiled, in module order
 * @param unsupported  function name to reason ("unsupported: ..."), in module order
 * @param object       the COFF object of the compiled functions and the module's data
 * @param listing      the same in LLVM assembler syntax
 */
public record SubjectBuild(
        Module module, List<CompiledFunction> compiled, Map<String, String> unsupported, Bytes object, String listing) {

    /** Compiles; a crash of the subject propagates as the exception it threw. */
    public static SubjectBuild of(Module module) {
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (SkippedFunction s : module.skipped()) {
            unsupported.put(s.name(), "unsupported: " + s.feature() + " (line " + s.line() + ")");
        }
        Map<String, CompiledFunction> done = new LinkedHashMap<>();
        for (Function f : module.functions()) {
            try {
                done.put(f.name(), FunctionCompiler.compile(module, f));
            } catch (UnsupportedFeatureException e) {
                unsupported.put(f.name(), e.getMessage());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Function f : module.functions()) {
                if (unsupported.containsKey(f.name())) continue;
                for (FuncDecl d : f.funcs()) {
                    if (unsupported.containsKey(d.name())) {
                        unsupported.put(f.name(), "unsupported: calls %" + d.name() + " (" + unsupported.get(d.name()) + ")");
                        done.remove(f.name());
                        changed = true;
                        break;
                    }
                }
            }
        }
        List<CompiledFunction> compiled = new ArrayList<>(done.values());
        EmittedModule emitted = new ModuleEmitter().emit(module, compiled);
        return new SubjectBuild(module, List.copyOf(compiled), java.util.Collections.unmodifiableMap(unsupported), emitted.object(), emitted.listing());
    }

    public boolean isCompiled(String function) {
        return compiled.stream().anyMatch(c -> c.name().equals(function));
    }

    /** Names of the compiled functions (the exports of a linked image). */
    public List<String> functionNames() {
        return compiled.stream().map(CompiledFunction::name).toList();
    }
}
