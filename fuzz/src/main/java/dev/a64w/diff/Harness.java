package dev.a64w.diff;

import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.cranelift.DriverBinary;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import dev.a64w.oracle.llvm.LocalOracle;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.oracle.llvm.Oracle;
import dev.a64w.oracle.llvm.OracleClient;
import dev.a64w.oracle.llvm.WorkerResult;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the checks on one module at a time: Valid, then the subject's leg (compile, Object, MC, Link,
 * Align, Run, Unwind), then LLVM's leg ({@link LlvmLeg}: run-llvm-o0/-o2, unwind-llvm-o0/-o2) and
 * Policy, which compares the two, then Cranelift's leg ({@link CraneliftLeg}: object-, link-,
 * align-, run- and unwind-cranelift; one driver call per case). Holds the oracle (an LLVM worker process) and the linker; one
 * Harness per thread.
 */
public final class Harness implements AutoCloseable {
    private final HarnessConfig config;
    private final Oracle oracle;
    private final Linker linker = new Linker();
    private final CraneliftClient cranelift;

    public Harness(HarnessConfig config) {
        this.config = config;
        this.oracle = config.isolateOracle() ? new OracleClient() : new LocalOracle();
        this.cranelift = new CraneliftClient();
    }

    /** Whether the Cranelift driver is built (else the leg is skipped with {@link #craneliftUnavailable()}). */
    public boolean craneliftAvailable() {
        return cranelift.available();
    }

    /** Why the Cranelift leg does not run, when the driver is not built; empty when it is. */
    public String craneliftUnavailable() {
        return DriverBinary.locate().reason();
    }

    /** {@link #check(String, Module, List, CraneliftVariant)} with the default variant (opt=none pic=false). */
    public CaseReport check(String name, Module module, List<Invocation> invocations) {
        return check(name, module, invocations, CraneliftVariant.DEFAULT);
    }

    /** Every check on one module; the Cranelift leg compiles it with {@code variant}. */
    public CaseReport check(String name, Module module, List<Invocation> invocations, CraneliftVariant variant) {
        List<CheckResult> results = new ArrayList<>();
        Artifacts art = Artifacts.of(Printer.print(module));

        try {
            Verifier.verify(module);
            results.add(new CheckResult(Check.VALID, Verdict.PASS));
        } catch (VerifierException e) {
            var diags = e.diagnostics();
            String detail = diags.isEmpty() ? firstLine(e.getMessage())
                    : diags.getFirst() + (diags.size() > 1 ? " (and " + (diags.size() - 1) + " more)" : "");
            results.add(new CheckResult(Check.VALID, new Verdict.Mismatch(Check.VALID, detail)));
            return new CaseReport(name, results, 0, Map.of(), art);
        }
        SubjectPart subject = subject(module, invocations, results, art);
        List<String> otherLines = new ArrayList<>();
        Map<Side, Bytes> otherObjects = new EnumMap<>(Side.class);
        Optional<String> llvmSkip = Optional.empty();
        // run lines of functions the parser left out (unsupported types) are the subject's to skip, not the other legs' to run
        List<Invocation> known = invocations.stream().filter(i -> module.function(i.function()).isPresent()).toList();
        if (config.runLlvm()) {
            LlvmLeg leg = LlvmLeg.run(oracle, linker, config, module, known);
            results.addAll(leg.results());
            if (subject.object != null && !leg.objects().isEmpty()) {
                results.add(new CheckResult(Check.POLICY, PolicyCheck.check(module, subject.object, leg.objects(), this::disassemble)));
            }
            otherLines.addAll(leg.runLines());
            otherObjects.putAll(leg.objectsBySide());
            llvmSkip = leg.skipReason();
        }
        if (config.runCranelift()) {
            CraneliftLeg leg = CraneliftLeg.run(cranelift, linker, config, module, known, variant);
            results.addAll(leg.results());
            otherLines.addAll(leg.lines());
            leg.skipReason().ifPresent(r -> otherLines.add("cranelift [" + variant.label() + "] leg skipped: " + r));
            leg.object().ifPresent(o -> otherObjects.put(Side.CRANELIFT, o));
        }
        return new CaseReport(name, results, subject.compiled, subject.unsupported, subject.art.withLlvm(otherLines, otherObjects),
                llvmSkip);
    }

    /** What the subject's part of a case leaves for the rest: its object (null if none) and counts. */
    private record SubjectPart(Bytes object, int compiled, Map<String, String> unsupported, Artifacts art) {
    }

    /** Compile, Object, MC, Link, Align, Run and Unwind on the subject's code; appends to {@code results}. */
    private SubjectPart subject(Module module, List<Invocation> invocations, List<CheckResult> results, Artifacts art) {
        SubjectBuild build;
        try {
            build = SubjectBuild.of(module);
        } catch (RuntimeException e) {
            results.add(new CheckResult(Check.OBJECT, new Verdict.SubjectError(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()))));
            return new SubjectPart(null, 0, Map.of(), art);
        }
        art = art.withListing(build.listing(), build.object());
        if (!build.failed().isEmpty()) {
            var first = build.failed().entrySet().iterator().next();
            results.add(new CheckResult(Check.OBJECT, new Verdict.SubjectError("%" + first.getKey() + ": " + firstLine(first.getValue()))));
            return new SubjectPart(null, build.compiled().size(), build.unsupported(), art);
        }
        if (build.compiled().isEmpty()) return new SubjectPart(null, 0, build.unsupported(), art);
        SubjectPart done = new SubjectPart(build.object(), build.compiled().size(), build.unsupported(), art);

        results.add(new CheckResult(Check.OBJECT, ObjectCheck.check(build.object())));

        if (config.runMc()) {
            WorkerResult<McResult> mc = oracle.assemble(build.listing());
            Verdict v = switch (mc) {
                case WorkerResult.Crashed<McResult> c -> new Verdict.OracleCrash(firstLine(c.detail()));
                case WorkerResult.Failed<McResult> f -> new Verdict.OracleError(firstLine(f.message()));
                case WorkerResult.Ok<McResult> ok when !ok.value().errors().isEmpty() ->
                        new Verdict.Mismatch(Check.MC, "llvm-mc rejects the listing: " + firstLine(ok.value().errors().getFirst()));
                case WorkerResult.Ok<McResult> ok -> {
                    Verdict mcVerdict = McCheck.compare(build.object(), ok.value().object());
                    // the side-by-side report is for triage only: build it when there is something to triage
                    String report = mcVerdict.isPass() ? ""
                            : McCheck.report(build.object(), ok.value().object(), McCheck.NO_DISASSEMBLER);
                    art = art.withMc(ok.value().object(), report);
                    yield mcVerdict;
                }
            };
            results.add(new CheckResult(Check.MC, v));
        }

        Map<String, Long> declared = AlignCheck.declared(module, build.functionNames());
        if (!config.runLink()) {
            results.add(new CheckResult(Check.ALIGN, AlignCheck.check(declared, build.object(), Optional.empty())));
            return new SubjectPart(build.object(), done.compiled, done.unsupported, art);
        }
        LinkResult link = linker.link(List.of(build.object()), importsOf(module), build.functionNames(),
                module.data().stream().map(DataObject::name).toList());
        List<String> diags = new ArrayList<>(link.errors());
        diags.addAll(link.warnings());
        art = art.withLink(link.dll(), diags);
        if (!link.clean()) {
            results.add(new CheckResult(Check.LINK, new Verdict.Mismatch(Check.LINK, firstLine(diags.getFirst()))));
            return new SubjectPart(build.object(), done.compiled, done.unsupported, art);
        }
        results.add(new CheckResult(Check.LINK, Verdict.PASS));
        PeImage image = PeImage.parse(link.dll());
        results.add(new CheckResult(Check.ALIGN, AlignCheck.check(declared, build.object(), Optional.of(image))));

        if (config.runRun() && !invocations.isEmpty()) {
            List<Invocation> runnable = invocations.stream().filter(i -> build.isCompiled(i.function())).toList();
            RunReport run = run(module, image, runnable);
            List<String> lines = new ArrayList<>(run.lines());
            results.add(new CheckResult(Check.RUN, run.verdict()));
            if (config.unwindBudget() > 0) {
                UnwindReport unwind = UnwindCheck.run(image, new HostBridge(new StandardHost(), StandardHost.signatures()),
                        runnable, config.unwindBudget());
                lines.addAll(unwind.lines());
                results.add(new CheckResult(Check.UNWIND, unwind.verdict()));
            }
            art = art.withRun(lines);
        }
        return new SubjectPart(build.object(), done.compiled, done.unsupported, art);
    }

    private RunReport run(Module module, PeImage image, List<Invocation> invocations) {
        StandardHost interpHost = new StandardHost();
        StandardHost emuHost = new StandardHost();
        Interpreter interp = new Interpreter(module, interpHost, config.fuel());
        try (UnicornExecutor executor = new UnicornExecutor(image, new HostBridge(emuHost, StandardHost.signatures()))) {
            return RunCheck.run(module, interp, interpHost, executor, invocations, config.fuel());
        }
    }

    /** One instruction word as LLVM's disassembler reads it, or its hex (for reports). */
    private String disassemble(long word) {
        if (oracle.disassemble(new int[] {(int) word}) instanceof WorkerResult.Ok<List<Optional<String>>> ok
                && !ok.value().isEmpty() && ok.value().getFirst().isPresent()) {
            return ok.value().getFirst().get().trim().replaceAll("\\s+", " ");
        }
        return String.format("0x%08x", word);
    }

    /** The import libraries a module needs: its imports grouped by DLL. */
    public static Imports importsOf(Module module) {
        Map<String, List<String>> byDll = new LinkedHashMap<>();
        for (Import i : module.imports()) byDll.computeIfAbsent(i.dll(), k -> new ArrayList<>()).add(i.name());
        Imports imports = Imports.NONE;
        for (var e : byDll.entrySet()) imports = imports.with(e.getKey(), e.getValue());
        return imports;
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        cranelift.close();
        try {
            oracle.close();
        } catch (Exception e) {
            // closing a dead worker has nothing left to release
        }
    }
}
