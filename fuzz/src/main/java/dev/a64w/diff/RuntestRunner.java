package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.Linker;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a file's {@code ; run:} lines the way Cranelift's runtest does, on the subject's code
 * executed by the emulated CPU: compile every supported function, link them into one DLL, call
 * each run line's function and compare with the expected values (truncated to the return types).
 * A run line whose function is unsupported (or calls one that is) is skipped, and the reason is
 * given once per function.
 */
public final class RuntestRunner {
    private final Linker linker = new Linker();

    public RuntestResult run(String fileName, Module parsed) {
        List<String> messages = new ArrayList<>();
        List<String> targets = parsed.header().stream().filter(h -> h.startsWith("target ")).map(h -> h.substring(7).trim()).toList();
        // Semantics are target-independent, so files written for other 64-bit targets run too; only
        // files for 32-bit-address targets (pulley32) are skipped: their addresses are i32.
        if (!targets.isEmpty() && targets.stream().allMatch(t -> t.startsWith("pulley32"))) {
            String why = "the file targets only " + String.join(", ", targets) + " (32-bit addresses)";
            return new RuntestResult(0, 0, parsed.runs().size(), List.of(fileName + ": all skipped: " + why));
        }
        Map<String, String> rejected = new LinkedHashMap<>();
        List<Function> valid = new ArrayList<>();
        for (Function f : parsed.functions()) {
            try {
                Verifier.verify(f, parsed);
                valid.add(f);
            } catch (VerifierException e) {
                rejected.put(f.name(), "does not verify: " + e.diagnostics().stream().map(Diagnostic::toString)
                        .findFirst().orElse(e.getMessage()));
            }
        }
        Module module = new Module(parsed.header(), parsed.imports(), parsed.data(), valid, parsed.runs(), parsed.skipped());
        ModuleBuild build;
        try {
            build = ModuleBuild.of(module);
        } catch (RuntimeException e) {
            return allFailed(fileName, parsed, "cannot write the object: " + e.getMessage());
        }
        rejected.putAll(build.failed());

        int passed = 0;
        int failed = 0;
        int skipped = 0;
        Set<String> explained = new LinkedHashSet<>();
        UnicornExecutor executor = null;
        try {
            for (RunLine run : module.runs()) {
                String fn = run.function();
                String where = fileName + ":" + run.line() + ": " + RunLineJudge.text(run, module);
                if (build.unsupported().containsKey(fn)) {
                    skipped++;
                    if (explained.add(fn)) messages.add(fileName + ": %" + fn + " skipped: " + build.unsupported().get(fn));
                    continue;
                }
                if (rejected.containsKey(fn)) {
                    failed++;
                    messages.add(where + ": %" + fn + " " + rejected.get(fn));
                    continue;
                }
                if (!build.isCompiled(fn)) {
                    // Cranelift applies a run line to the function it follows, whatever name it gives;
                    // in the runtests such lines follow vector functions, which are skipped here.
                    skipped++;
                    messages.add(where + ": skipped: names no function of the file");
                    continue;
                }
                if (executor == null) {
                    switch (RuntestImage.load(linker, build.object(), module, build.functionNames())) {
                        case RuntestImage.Loaded l -> executor = l.executor();
                        case RuntestImage.LinkFailed x -> {
                            return allFailed(fileName, parsed, "link failed: " + x.why());
                        }
                    }
                }
                Function f = module.function(fn).orElseThrow();
                String problem = RunLineJudge.judge(f, run, executor.callTyped(fn, RunLineJudge.args(f, run), RunLineJudge.BUDGET));
                if (problem == null) {
                    passed++;
                } else {
                    failed++;
                    messages.add(where + ": " + problem);
                }
            }
        } finally {
            if (executor != null) executor.close();
        }
        return new RuntestResult(passed, failed, skipped, messages);
    }

    private static RuntestResult allFailed(String fileName, Module m, String why) {
        int skipped = 0;
        int failed = 0;
        Set<String> skippedFns = new LinkedHashSet<>();
        m.skipped().forEach(s -> skippedFns.add(s.name()));
        for (RunLine r : m.runs()) {
            if (skippedFns.contains(r.function())) skipped++;
            else failed++;
        }
        return new RuntestResult(0, failed, skipped, List.of(fileName + ": " + why));
    }
}
