package dev.a64w.cli;

import dev.a64w.backend.CompileException;
import dev.a64w.diff.SubjectBuild;
import dev.a64w.ir.Module;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
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
    public Integer call() throws IOException {
        Module module = Sources.load(input);
        try {
            Verifier.verify(module);
        } catch (VerifierException e) {
            throw new InputException(input + ": " + e.getMessage());
        }
        SubjectBuild build;
        try {
            build = SubjectBuild.of(module);
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
        Files.write(output, build.object().toArray());
        if (listing != null) Files.writeString(listing, build.listing());
        return 0;
    }
}
