package dev.a64w.cli;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import dev.a64w.ir.Module;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w check FILE.clif...}: every check on each module, one verdict line per module (the
 * subject's), plus {@code FILE [llvm-o0]: VERDICT} for each LLVM side with a finding. The
 * {@code ; run:} lines give the invocations the Run checks compare (interpreter vs each compiler).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run all checks (valid, object, align, mc, link, policy, run, unwind, and LLVM's code through run and unwind) on CLIF modules; one verdict line per module.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.clif")
    List<Path> files;

    @Option(names = "--verbose", description = "also print each check's verdict, the unsupported functions and the run lines")
    boolean verbose;

    @picocli.CommandLine.Option(names = "--cranelift", paramLabel = "opt=X,pic=Y",
            description = "the Cranelift variant (default: the file's '; cranelift: opt=X pic=Y' line, else opt=none,pic=false)")
    String craneliftOption;

    @picocli.CommandLine.Option(names = "--no-cranelift", description = "skip the Cranelift leg")
    boolean noCranelift;

    @Override
    public Integer call() {
        boolean findings = false;
        boolean badInput = false;
        List<java.util.Map.Entry<Path, Module>> modules = new java.util.ArrayList<>();
        for (Path file : files) { // every file read before the harness starts: bad input is said at once
            var loaded = Sources.loadOrReport(file);
            if (loaded.isEmpty()) {
                badInput = true;
            } else {
                modules.add(java.util.Map.entry(file, loaded.get()));
            }
        }
        if (modules.isEmpty()) return 2;
        try (Harness harness = new Harness(HarnessConfig.defaults().withCranelift(!noCranelift))) {
            for (var entry : modules) {
                Path file = entry.getKey();
                Module module = entry.getValue();
                List<Invocation> invs = Invocation.ofRunLines(module);
                CraneliftVariant variant = craneliftVariant(file);
                CaseReport report = harness.check(file.toString(), module, invs, variant);
                Verdict v = report.verdict();
                System.out.println(file + ": " + v.line());
                for (var other : report.findings().entrySet()) {
                    if (other.getKey() != Side.SUBJECT) {
                        System.out.println(file + " [" + other.getKey().id() + "]: " + other.getValue().line());
                        findings = true;
                    }
                }
                if (verbose) {
                    report.results().forEach(r -> System.out.println("  " + r.check().id() + ": " + r.verdict().line()));
                    report.llvmSkipReason().ifPresent(r -> System.out.println("  LLVM leg skipped: " + r));
                    report.artifacts().llvmLines().forEach(l -> System.out.println("  " + l));
                    report.unsupported().forEach((f, why) -> System.out.println("  %" + f + ": " + why));
                    report.artifacts().runLines().forEach(l -> System.out.println("  " + l));
                }
                findings |= v.isFinding(); // a file that does not verify never gets here: Sources rejects it
            }
        }
        if (badInput) return 2;
        return findings ? 1 : 0;
    }

    /** {@code --cranelift}, else the file's {@code ; cranelift: opt=X pic=Y} line, else the default. */
    private CraneliftVariant craneliftVariant(Path file) {
        if (craneliftOption != null) {
            return CraneliftVariant.fromHeader("; cranelift: " + craneliftOption.replace(',', ' '))
                    .orElseThrow(() -> new InputException("--cranelift: expected opt=none|speed,pic=false|true, got " + craneliftOption));
        }
        try {
            return CraneliftVariant.fromHeader(java.nio.file.Files.readString(file)).orElse(CraneliftVariant.DEFAULT);
        } catch (java.io.IOException e) {
            return CraneliftVariant.DEFAULT;
        }
    }

}
