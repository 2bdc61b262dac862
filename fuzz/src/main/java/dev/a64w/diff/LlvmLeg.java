package dev.a64w.diff;

import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.oracle.llvm.Oracle;
import dev.a64w.oracle.llvm.OracleException;
import dev.a64w.oracle.llvm.WorkerResult;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LLVM leg of a case: the module translated to LLVM IR ({@link IrToLlvm}, CLIF's semantics),
 * compiled by LLVM's code generator at O0 and at O2 for {@code aarch64-pc-windows-msvc} in the
 * worker process, each object linked by lld-link like the subject's, run on the emulator with the
 * same invocations and host functions against a fresh interpreter (Run), and virtually unwound
 * at every instruction (Unwind). Before it runs, LLVM's placement of every data object and
 * function is held to its declared alignment ({@link AlignCheck}, the cross-check of the subject's
 * placement); a misplacement is a run-llvm finding, since Run alone cannot see it. A module LLVM IR cannot express faithfully is skipped with its
 * reason, never passed.
 *
 * @param results    the verdicts of run-llvm-o0/-o2 and unwind-llvm-o0/-o2 that ran
 * @param skipReason why the leg did not run at all, if it did not
 * @param objects    LLVM's object per level, for the Policy check (absent where compilation failed)
 * @param runLines   the run and unwind lines of both levels, for the case's artifacts
 */
public record LlvmLeg(List<CheckResult> results, Optional<String> skipReason, Map<OptLevel, Bytes> objects,
                      List<String> runLines) {
    public LlvmLeg {
        results = List.copyOf(results);
        objects = Map.copyOf(objects);
        runLines = List.copyOf(runLines);
    }

    /** LLVM's objects keyed by the side they belong to. */
    public Map<Side, Bytes> objectsBySide() {
        Map<Side, Bytes> out = new EnumMap<>(Side.class);
        objects.forEach((level, obj) -> out.put(runCheck(level).side(), obj));
        return out;
    }

    static Check runCheck(OptLevel level) {
        return level == OptLevel.O0 ? Check.RUN_LLVM_O0 : Check.RUN_LLVM_O2;
    }

    static Check unwindCheck(OptLevel level) {
        return level == OptLevel.O0 ? Check.UNWIND_LLVM_O0 : Check.UNWIND_LLVM_O2;
    }

    /**
     * LLVM's half of the leg before linking: the translation and both compilations.
     *
     * @param skipReason   why the leg does not run at all, if it does not
     * @param failures     per level, the verdict of a compilation that gave no object
     * @param objects      per level, LLVM's object
     * @param invocations  the invocations of functions the module has
     */
    record Front(Optional<String> skipReason, Map<OptLevel, CheckResult> failures, Map<OptLevel, Bytes> objects, Module module,
                 List<Invocation> invocations) {
        /** What to link for {@code level}'s object. */
        LinkJob linkJob(OptLevel level) {
            return LinkJob.of(objects.get(level), module, module.functions().stream().map(Function::name).toList());
        }
    }

    /** Runs the leg; never throws for what LLVM or the linker do (those are verdicts). */
    static LlvmLeg run(Oracle oracle, Linker linker, HarnessConfig config, Module module, List<Invocation> all) {
        return linkedAlone(linker, config, front(oracle, module, all));
    }

    /** The leg on LLVM IR already translated from {@code module} (tests feed it a mutated translation). */
    static LlvmLeg runIr(Oracle oracle, Linker linker, HarnessConfig config, Module module, List<Invocation> invocations,
                         String ir) {
        return linkedAlone(linker, config, frontIr(oracle, module, invocations, ir));
    }

    private static LlvmLeg linkedAlone(Linker linker, HarnessConfig config, Front front) {
        Map<OptLevel, LinkResult> links = new EnumMap<>(OptLevel.class);
        front.objects().keySet().forEach(level -> links.put(level, BatchLink.linkOne(linker, front.linkJob(level))));
        try (SharedImages images = new SharedImages()) {
            return back(front, links, images, config);
        }
    }

    /** Translates and compiles at both levels; never throws for what LLVM does. */
    static Front front(Oracle oracle, Module module, List<Invocation> all) {
        // run lines of functions the parser left out (unsupported features) have nothing to call
        List<Invocation> invocations = all.stream().filter(i -> module.function(i.function()).isPresent()).toList();
        String ir;
        try {
            ir = new IrToLlvm().translate(module);
        } catch (UnsupportedFeatureException e) {
            return new Front(Optional.of("LLVM IR cannot express it: " + Harness.firstLine(e.getMessage())), Map.of(), Map.of(),
                    module, invocations);
        } catch (OracleException e) {
            Map<OptLevel, CheckResult> errors = new EnumMap<>(OptLevel.class);
            for (OptLevel level : OptLevel.values()) {
                errors.put(level, new CheckResult(runCheck(level),
                        new Verdict.OracleError("translation to LLVM IR failed: " + Harness.firstLine(e.getMessage()))));
            }
            return new Front(Optional.empty(), errors, Map.of(), module, invocations);
        }
        return frontIr(oracle, module, invocations, ir);
    }

    /** The same on LLVM IR already translated from {@code module} (tests feed it a mutated translation). */
    static Front frontIr(Oracle oracle, Module module, List<Invocation> invocations, String ir) {
        Map<OptLevel, CheckResult> failures = new EnumMap<>(OptLevel.class);
        Map<OptLevel, Bytes> objects = new EnumMap<>(OptLevel.class);
        List<OptLevel> levels = List.of(OptLevel.values());
        List<WorkerResult<McResult>> answers = oracle.compileIrLevels(ir, levels); // one worker round trip
        for (int k = 0; k < levels.size(); k++) {
            OptLevel level = levels.get(k);
            Check run = runCheck(level);
            switch (answers.get(k)) {
                case WorkerResult.Crashed<McResult> c -> failures.put(level, new CheckResult(run, new Verdict.OracleCrash("LLVM "
                        + level + " crashed: " + Harness.firstLine(c.detail()))));
                case WorkerResult.Failed<McResult> f -> failures.put(level, new CheckResult(run, new Verdict.OracleError("LLVM "
                        + level + " failed: " + Harness.firstLine(f.message()))));
                case WorkerResult.Ok<McResult> ok when !ok.value().ok() -> failures.put(level, new CheckResult(run,
                        new Verdict.OracleError("LLVM " + level + " rejected the IR: " + Harness.firstLine(ok.value().errors().getFirst()))));
                case WorkerResult.Ok<McResult> ok -> objects.put(level, ok.value().object());
            }
        }
        return new Front(Optional.empty(), failures, objects, module, invocations);
    }

    /** The leg on the links of {@code front}'s objects (one per level that compiled). */
    static LlvmLeg back(Front front, Map<OptLevel, LinkResult> links, SharedImages images, HarnessConfig config) {
        if (front.skipReason().isPresent()) return skipped(front.skipReason().get());
        List<CheckResult> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (OptLevel level : OptLevel.values()) {
            CheckResult failed = front.failures().get(level);
            if (failed != null) {
                results.add(failed);
                continue;
            }
            results.addAll(executeLinked(links.get(level), images, config, front.module(), front.invocations(), level,
                    front.objects().get(level), lines));
        }
        return new LlvmLeg(results, Optional.empty(), front.objects(), lines);
    }

    /** Link, Run and Unwind of one LLVM object (tests feed it an altered object). */
    static List<CheckResult> execute(Linker linker, HarnessConfig config, Module module,
                                     List<Invocation> invocations, OptLevel level, Bytes object, List<String> lines) {
        LinkResult link = BatchLink.linkOne(linker, LinkJob.of(object, module, module.functions().stream().map(Function::name).toList()));
        try (SharedImages images = new SharedImages()) {
            return executeLinked(link, images, config, module, invocations, level, object, lines);
        }
    }

    /** Run and Unwind of one LLVM object, given its link. */
    static List<CheckResult> executeLinked(LinkResult link, SharedImages images, HarnessConfig config, Module module,
                                           List<Invocation> invocations, OptLevel level, Bytes object, List<String> lines) {
        Check run = runCheck(level);
        if (!link.clean()) {
            List<String> diags = new ArrayList<>(link.errors());
            diags.addAll(link.warnings());
            return List.of(new CheckResult(run, new Verdict.Mismatch(run, "lld-link rejects LLVM " + level + "'s object: "
                    + Harness.firstLine(diags.getFirst()))));
        }
        // a function the parser skipped (unsupported) is in neither the module nor LLVM's object
        List<Invocation> runnable = invocations.stream().filter(i -> module.function(i.function()).isPresent()).toList();
        if (!config.runRun() || runnable.isEmpty()) {
            return List.of();
        }
        List<CheckResult> out = new ArrayList<>();
        PeImage image = images.image(link);
        // the Alignment check's cross-check: LLVM's placement of the same data objects and functions
        Verdict placed = AlignCheck.check(AlignCheck.declared(module, module.functions().stream().map(Function::name).toList()),
                object, Optional.of(image));
        if (placed instanceof Verdict.Mismatch m) {
            return List.of(new CheckResult(run, new Verdict.Mismatch(run, "LLVM " + level + " misplaces: " + m.detail())));
        }
        StandardHost interpHost = new StandardHost();
        Interpreter interp = new Interpreter(module, interpHost, config.fuel());
        RunReport report = RunCheck.run(run, module, interp, interpHost,
                images.executor(link, new HostBridge(new StandardHost(), StandardHost.signatures())), runnable, config.fuel());
        out.add(new CheckResult(run, report.verdict()));
        report.lines().forEach(l -> lines.add(run.side().id() + " " + l));
        if (config.unwindBudget() > 0) {
            List<String> unwindLines = new ArrayList<>();
            out.add(new CheckResult(unwindCheck(level), SubjectLeg.unwind(unwindCheck(level), images, link,
                    module.functions().stream().map(Function::name).toList(), runnable, config, true, unwindLines)));
            unwindLines.forEach(l -> lines.add(run.side().id() + " unwind " + l));
        }
        return out;
    }

    private static LlvmLeg skipped(String reason) {
        return new LlvmLeg(List.of(), Optional.of(reason), Map.of(), List.of());
    }
}
