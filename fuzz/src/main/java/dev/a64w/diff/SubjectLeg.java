package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.oracle.llvm.Oracle;
import dev.a64w.oracle.llvm.WorkerResult;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subject's leg of a case in two halves around the link, so that a batch of cases can be linked
 * together: {@link #front} compiles and runs Object and MC; {@link #back} takes the link's result
 * and runs Link, Align, Run and Unwind.
 */
final class SubjectLeg {
    private SubjectLeg() {}

    /**
     * What the front half leaves for the back half.
     *
     * @param build   the subject's build, or null when compiling crashed
     * @param results Object and MC so far
     * @param link    what to link, when there is something to link and run
     */
    record Front(ModuleBuild build, List<CheckResult> results, Artifacts art, Optional<LinkJob> link) {
        Bytes object() {
            return build == null || !build.failed().isEmpty() ? null : build.object();
        }

        int compiled() {
            return build == null ? 0 : build.compiled().size();
        }

        /** Machine instructions of the compiled functions. */
        long instructions() {
            return build == null ? 0 : build.compiled().stream().mapToLong(f -> f.code().size() / 4).sum();
        }

        Map<String, String> unsupported() {
            return build == null ? Map.of() : build.unsupported();
        }
    }

    static Front front(Oracle oracle, HarnessConfig config, Module module, Artifacts art) {
        Front compiled = compile(module, art);
        return needsMc(compiled, config) ? withMc(compiled, oracle.assemble(compiled.build().listing()), config, module,
                McCheck.NO_DISASSEMBLER) : withMc(compiled, null, config, module, McCheck.NO_DISASSEMBLER);
    }

    /** Whether {@code front} has a listing for the MC check to assemble. */
    static boolean needsMc(Front front, HarnessConfig config) {
        return config.runMc() && front.link().isPresent();
    }

    /** The subject's compile and Object check; {@link #withMc} completes the front half. */
    static Front compile(Module module, Artifacts art) {
        List<CheckResult> results = new ArrayList<>();
        ModuleBuild build;
        try {
            build = ModuleBuild.of(module);
        } catch (RuntimeException e) {
            results.add(new CheckResult(Check.OBJECT, new Verdict.SubjectError(e.getClass().getSimpleName() + ": "
                    + Harness.firstLine(e.getMessage()))));
            return new Front(null, results, art, Optional.empty());
        }
        art = art.withListing(build.listing(), build.object());
        if (!build.failed().isEmpty()) {
            var first = build.failed().entrySet().iterator().next();
            results.add(new CheckResult(Check.OBJECT, new Verdict.SubjectError("%" + first.getKey() + ": "
                    + Harness.firstLine(first.getValue()))));
            return new Front(build, results, art, Optional.empty());
        }
        if (build.compiled().isEmpty()) return new Front(build, results, art, Optional.empty());
        results.add(new CheckResult(Check.OBJECT, ObjectCheck.check(build.object())));
        if (pointsToLeftOut(module, build)) {
            // a data object holds the address of a function left out as unsupported: the object cannot
            // link (undefined symbol) by construction; the case is unsupported, not a finding
            return new Front(build, results, art, Optional.empty());
        }
        // the link job marks a front that goes on (MC, then link); withMc drops it when linking is off
        return new Front(build, results, art, Optional.of(LinkJob.of(build.object(), module, build.functionNames())));
    }

    /** Whether a data object of {@code module} holds the address of a function the build left out. */
    static boolean pointsToLeftOut(Module module, ModuleBuild build) {
        if (build.unsupported().isEmpty()) return false;
        for (dev.a64w.ir.DataObject d : module.data()) {
            for (dev.a64w.ir.DataItem item : d.items()) {
                if (item instanceof dev.a64w.ir.DataItem.Addr a && build.unsupported().containsKey(a.symbol())) return true;
            }
        }
        return false;
    }

    /**
     * The MC check on LLVM MC's answer for the listing ({@code mc} null when MC did not run), then what linking needs.
     * {@code disassembler} names the two instruction words of a text difference in the verdict (asked only when there
     * is one).
     */
    static Front withMc(Front front, WorkerResult<McResult> mc, HarnessConfig config, Module module,
                        java.util.function.IntFunction<java.util.Optional<String>> disassembler) {
        if (front.link().isEmpty()) return front;
        ModuleBuild build = front.build();
        List<CheckResult> results = new ArrayList<>(front.results());
        Artifacts art = front.art();
        if (mc != null) {
            Verdict v = switch (mc) {
                case WorkerResult.Crashed<McResult> c -> new Verdict.OracleCrash(Harness.firstLine(c.detail()));
                case WorkerResult.Failed<McResult> f -> new Verdict.OracleError(Harness.firstLine(f.message()));
                case WorkerResult.Ok<McResult> ok when !ok.value().errors().isEmpty() ->
                        new Verdict.Mismatch(Check.MC, "llvm-mc rejects the listing: " + Harness.firstLine(ok.value().errors().getFirst()));
                case WorkerResult.Ok<McResult> ok -> {
                    Verdict mcVerdict = McCheck.compare(build.object(), ok.value().object(), disassembler);
                    // the side-by-side report is for triage only: build it when there is something to triage
                    // (without instruction text: a worker round trip per word; the triage step adds it)
                    String report = mcVerdict.isPass() ? ""
                            : McCheck.report(build.object(), ok.value().object(), McCheck.NO_DISASSEMBLER);
                    art = art.withMc(ok.value().object(), report);
                    yield mcVerdict;
                }
            };
            results.add(new CheckResult(Check.MC, v));
        }
        if (!config.runLink()) {
            results.add(new CheckResult(Check.ALIGN, AlignCheck.check(AlignCheck.declared(module, build.functionNames()),
                    build.object(), Optional.empty())));
            return new Front(build, results, art, Optional.empty());
        }
        return new Front(build, results, art, front.link());
    }

    /**
     * The Unwind check of one side: the static check on every instruction boundary of {@code functions}
     * and, when {@code dynamic}, also the dynamic check along the runs of {@code invocations} (each
     * instruction at its first visit; it sees whole call stacks and the body's own stores). The first
     * that does not pass is the verdict; both add their lines to {@code lines}.
     */
    static Verdict unwind(Check check, SharedImages images, LinkResult link, List<String> functions, List<Invocation> invocations,
                          HarnessConfig config, boolean dynamic, List<String> lines) {
        UnwindReport stat = images.unwindStatic(check, link, functions);
        stat.lines().forEach(l -> lines.add("static " + l));
        if (!dynamic || !stat.verdict().isPass()) return stat.verdict();
        UnwindReport dyn = UnwindCheck.runDeduplicated(check, images.image(link),
                new HostBridge(new StandardHost(), StandardHost.signatures()), invocations, config.unwindBudget());
        dyn.lines().forEach(l -> lines.add("dynamic " + l));
        return dyn.verdict();
    }

    /** Link, Align, Run and Unwind on the result of linking {@code front}'s job; appends to {@code results}. */
    static Artifacts back(Front front, LinkResult link, SharedImages images, HarnessConfig config, Module module,
                          List<Invocation> invocations, boolean dynamicUnwind, List<CheckResult> results) {
        ModuleBuild build = front.build();
        Artifacts art = front.art();
        List<String> diags = new ArrayList<>(link.errors());
        diags.addAll(link.warnings());
        art = art.withLink(link.dll(), diags);
        if (!link.clean()) {
            results.add(new CheckResult(Check.LINK, new Verdict.Mismatch(Check.LINK, Harness.firstLine(diags.getFirst()))));
            return art;
        }
        results.add(new CheckResult(Check.LINK, Verdict.PASS));
        PeImage image = images.image(link);
        results.add(new CheckResult(Check.ALIGN, AlignCheck.check(AlignCheck.declared(module, build.functionNames()),
                build.object(), Optional.of(image))));
        if (!config.runRun() || invocations.isEmpty()) return art;
        List<Invocation> runnable = invocations.stream().filter(i -> build.isCompiled(i.function())).toList();
        StandardHost interpHost = new StandardHost();
        Interpreter interp = new Interpreter(module, interpHost, config.fuel());
        RunReport run = RunCheck.run(module, interp, interpHost,
                images.executor(link, new HostBridge(new StandardHost(), StandardHost.signatures())), runnable, config.fuel());
        List<String> lines = new ArrayList<>(run.lines());
        results.add(new CheckResult(Check.RUN, run.verdict()));
        if (config.unwindBudget() > 0) {
            results.add(new CheckResult(Check.UNWIND, unwind(Check.UNWIND, images, link, build.functionNames(), runnable, config,
                    dynamicUnwind, lines)));
        }
        return art.withRun(lines);
    }
}
