package dev.a64w.cli;

import dev.a64w.backend.CompileException;
import dev.a64w.compile.ModuleBuild;
import dev.a64w.ir.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code a64w compile FILE.clif -o OUT.obj [-S OUT.s]}. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a CLIF module to a Windows ARM64 COFF object (and optionally its listing).")
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.clif")
    Path input;

    @Option(names = "-o", required = true, paramLabel = "OUT.obj", description = "the object file to write")
    Path output;

    @Option(names = "-S", paramLabel = "OUT.s", description = "also write the listing (LLVM assembler syntax)")
    Path listing;

    @Override
    public Integer call() {
        Module module = Sources.load(input);
        ModuleBuild build;
        try {
            build = ModuleBuild.of(module);
        } catch (CompileException e) {
            System.err.println(input + ": compile error: " + e.getMessage());
            return 1;
        }
        if (!build.unsupported().isEmpty()) {
            for (Map.Entry<String, String> e : build.unsupported().entrySet()) {
                System.err.println(input + ": %" + e.getKey() + ": " + e.getValue());
            }
            return 1;
        }
        write(output, build.object().toArray());
        if (listing != null) write(listing, build.listing().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 0;
    }

    /** A path that cannot be written (no such directory, a directory, no permission) is bad input. */
    private static void write(Path to, byte[] bytes) {
        Path parent = to.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InputException(to + ": cannot write: no such directory " + parent);
        }
        if (Files.isDirectory(to)) {
            throw new InputException(to + ": cannot write: is a directory");
        }
        try {
            Files.write(to, bytes);
        } catch (IOException e) {
            throw new InputException(to + ": cannot write: " + e.getMessage());
        }
    }
}
