package dev.a64w.cli;

import dev.a64w.diff.RuntestResult;
import dev.a64w.diff.RuntestRunner;
import dev.a64w.ir.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w run FILE.clif...}: executes the {@code ; run:} lines on the emulated CPU. Accepts
 * Cranelift's runtest files unchanged. Prints one line per failure, one per skipped function and
 * one per file, and as the last line {@code N passed, N failed, N skipped}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Compile, link and execute the '; run:' lines of CLIF files on the emulated ARM64 CPU.")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.clif")
    List<Path> files;

    @Override
    public Integer call() {
        RuntestRunner runner = new RuntestRunner();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        boolean badInput = false;
        boolean anyRead = false;
        for (Path file : files) {
            var loaded = Sources.loadOrReport(file);
            if (loaded.isEmpty()) {
                badInput = true;
                continue;
            }
            Module module = loaded.get();
            anyRead = true;
            RuntestResult r = runner.run(file.toString(), module);
            r.messages().forEach(System.out::println);
            System.out.println(file + ": " + r.counts());
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        if (anyRead) { // with no file read, a summary of zeros would look like success
            System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        }
        if (badInput) return 2;
        return failed > 0 ? 1 : 0;
    }
}
