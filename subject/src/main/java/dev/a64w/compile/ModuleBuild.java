package dev.a64w.compile;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.PhaseClock;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.emit.EmittedModule;
import dev.a64w.backend.emit.ModuleEmitter;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.SkippedFunction;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a module with the subject, function by function: the module compiler of {@code a64w
 * compile} and of every harness leg (it lives in the subject, so compiling needs neither LLVM nor the
 * emulator). A function the backend does not support (or that the parser skipped), or on which the
 * backend failed, is left out together with every function that calls it, each with its reason, so
 * the rest of the module can still be checked and run. Only a failure to write the object itself propagates (as the exception thrown).
 *
 * @param module       the module as given
 * @param compiled     the functions that compiled, in module order
 * @param unsupported  function name to reason ("unsupported: ..."), in module order
 * @param failed       function name to the backend's error (a subject bug), in module order
 * @param emitted      the COFF object of the compiled functions and the module's data, and the same
 *                     in LLVM assembler syntax (printed when first asked for)
 */
public record ModuleBuild(
        Module module, List<CompiledFunction> compiled, Map<String, String> unsupported, Map<String, String> failed,
        EmittedModule emitted) {

    /** Compiles; a crash of the subject propagates as the exception it threw. */
    public static ModuleBuild of(Module module) {
        return of(module, PhaseClock.NONE);
    }

    /** The same, reporting the time of every phase to {@code clock} ({@code a64w bench}). */
    public static ModuleBuild of(Module module, PhaseClock clock) {
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (SkippedFunction s : module.skipped()) {
            unsupported.put(s.name(), "unsupported: " + s.feature() + " (line " + s.line() + ")");
        }
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, CompiledFunction> done = new LinkedHashMap<>();
        for (Function f : module.functions()) {
            try {
                done.put(f.name(), FunctionCompiler.compile(module, f, clock));
            } catch (UnsupportedFeatureException e) {
                unsupported.put(f.name(), e.getMessage());
            } catch (RuntimeException e) {
                failed.put(f.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Function f : module.functions()) {
                if (unsupported.containsKey(f.name()) || failed.containsKey(f.name())) continue;
                for (FuncDecl d : f.funcs()) {
                    if (failed.containsKey(d.name())) {
                        failed.put(f.name(), "calls %" + d.name() + ", which failed to compile");
                        done.remove(f.name());
                        changed = true;
                        break;
                    }
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
        long t0 = System.nanoTime();
        EmittedModule emitted = new ModuleEmitter().emit(module, compiled);
        clock.lap(PhaseClock.Phase.OBJECT, System.nanoTime() - t0);
        return new ModuleBuild(module, List.copyOf(compiled), Collections.unmodifiableMap(unsupported),
                Collections.unmodifiableMap(failed), emitted);
    }

    /** The COFF object (made by the compile). */
    public Bytes object() {
        return emitted.object();
    }

    /** The listing in LLVM assembler syntax, printed on the first call (the compile does not print it). */
    public String listing() {
        return emitted.listing();
    }

    public boolean isCompiled(String function) {
        return compiled.stream().anyMatch(c -> c.name().equals(function));
    }

    /** Names of the compiled functions (the exports of a linked image). */
    public List<String> functionNames() {
        return compiled.stream().map(CompiledFunction::name).toList();
    }
}
