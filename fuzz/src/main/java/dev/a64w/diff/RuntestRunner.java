package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.ExecResult;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs a file's {@code ; run:} lines the way Cranelift's runtest does, on the subject's code
 * executed by the emulated CPU: compile every supported function, link them into one DLL, call
 * each run line's function and compare with the expected values (truncated to the return types).
 * A run line whose function is unsupported (or calls one that is) is skipped, and the reason is
 * given once per function.
 */
public final class RuntestRunner {
    private static final long BUDGET = 50_000_000;
    /** Cranelift's runtests run on host threads with 8 MiB stacks; some use 1 MiB frames. */
    private static final long STACK = 16L << 20;

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
                String where = fileName + ":" + run.line() + ": " + text(run);
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
                    LinkResult link = linker.link(List.of(build.object()), Harness.importsOf(module), build.functionNames(),
                            module.data().stream().map(DataObject::name).toList());
                    if (!link.clean()) {
                        return allFailed(fileName, parsed, "link failed: " + String.join("; ", link.errors()) + String.join("; ", link.warnings()));
                    }
                    executor = new UnicornExecutor(PeImage.parse(link.dll()),
                            new HostBridge(new StandardHost(), StandardHost.signatures()), null, STACK);
                }
                Function f = module.function(fn).orElseThrow();
                List<Long> args = new ArrayList<>();
                for (int i = 0; i < run.args().size(); i++) {
                    Type t = i < f.signature().params().size() ? f.signature().params().get(i) : Type.I64;
                    args.add(t.sext(run.args().get(i)));
                }
                String problem = judge(f, run, executor.call(fn, args, BUDGET));
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

    static String judge(Function f, RunLine run, ExecResult result) {
        if (!(result instanceof ExecResult.Returned r)) {
            return switch (result) {
                case ExecResult.Trapped t -> "trapped " + TrapTable.trapCode(t.brkImmediate()).orElse("brk #0x" + Integer.toHexString(t.brkImmediate()));
                case ExecResult.Faulted x -> "faulted: " + x.detail();
                case ExecResult.StackOverflow x -> "trapped stk_ovf (stack guard page touched at 0x" + Long.toHexString(x.address()) + ")";
                case ExecResult.BudgetExhausted x -> "did not finish in " + BUDGET + " instructions";
                case ExecResult.AbiViolation x -> "calling convention broken: " + x.detail();
                case ExecResult.Returned x -> throw new AssertionError();
            };
        }
        List<Type> types = f.signature().returns();
        if (types.size() != run.expected().size()) {
            return "%" + f.name() + " returns " + types.size() + " values, the run line expects " + run.expected().size();
        }
        boolean same = true;
        List<String> got = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            Type t = types.get(i);
            long actual = t.sext(r.x0to7().get(i));
            got.add(Long.toString(actual));
            same &= t.zext(actual) == t.zext(run.expected().get(i));
        }
        if (same == run.equal()) return null;
        return "got " + (got.size() == 1 ? got.getFirst() : got.stream().collect(Collectors.joining(", ", "[", "]")));
    }

    static String text(RunLine r) {
        String args = r.args().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String exp = r.expected().size() == 1 ? r.expected().getFirst().toString()
                : r.expected().stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
        return "%" + r.function() + "(" + args + ") " + (r.equal() ? "==" : "!=") + " " + exp;
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
