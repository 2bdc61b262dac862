package dev.a64w.oracle.llvm;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.emit.ModuleEmitter;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real inputs for the equivalence tests: the modules of {@code corpus/filetests/compile}, each as
 * the subject's listing and as LLVM IR by {@link IrToLlvm}. A module the subject or the
 * translation does not take whole is left out of that list.
 */
final class CorpusInputs {
    private CorpusInputs() {}

    static List<Module> modules() {
        Path dir = Path.of(System.getProperty("a64w.root", "..")).resolve("corpus/filetests/compile");
        List<Module> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".clif")).sorted().toList()) {
                try {
                    out.add(Parser.parse(Files.readString(p)));
                } catch (RuntimeException | dev.a64w.ir.text.ParseException e) {
                    // a file of the corpus the parser rejects on purpose: not an input here
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corpus: cannot list " + dir, e);
        }
        return out;
    }

    /** The subject's listings of the modules it compiles whole. */
    static List<String> listings() {
        List<String> out = new ArrayList<>();
        for (Module m : modules()) {
            try {
                List<CompiledFunction> compiled = new ArrayList<>();
                for (Function f : m.functions()) {
                    compiled.add(FunctionCompiler.compile(m, f));
                }
                out.add(new ModuleEmitter().emit(m, compiled).listing());
            } catch (RuntimeException e) {
                // unsupported by the subject: not an input here
            }
        }
        return out;
    }

    /** The LLVM IR of the modules {@link IrToLlvm} translates. */
    static List<String> llvmIr() {
        List<String> out = new ArrayList<>();
        for (Module m : modules()) {
            try {
                out.add(new IrToLlvm().translate(m));
            } catch (RuntimeException e) {
                // LLVM IR cannot express it: not an input here
            }
        }
        return out;
    }
}
