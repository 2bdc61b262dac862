package dev.a64w.diff;

import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.cranelift.DriverBinary;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
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
    private final Linker linker = newLinker();
    /** The static Unwind check's emulator, kept across batches (it maps each image once). */
    private final dev.a64w.audit.BoundaryAudit auditor = new dev.a64w.audit.BoundaryAudit();
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
        return checkAll(List.of(CaseInput.alone(name, module, invocations, variant))).getFirst();
    }

    /**
     * Every check on a batch of cases, one report per case in order. The cases' objects are linked
     * together, one lld-link call per side ({@link BatchLink}: a link that is not clean is redone case
     * by case), and each image is loaded once into an emulator that its cases share
     * ({@link SharedImages}). With more than one case, every case needs its own {@link SymbolPrefix}.
     */
    public List<CaseReport> checkAll(List<CaseInput> cases) {
        if (cases.size() > 1 && cases.stream().map(c -> c.prefix().prefix()).distinct().count() < cases.size()) {
            throw new IllegalArgumentException("cases linked together need distinct symbol prefixes");
        }
        long t0 = System.nanoTime();
        List<Pending> pending = cases.stream().map(this::front).toList();
        assembleAll(pending);
        long t1 = System.nanoTime();
        List<LinkResult> subjectLinks = link(pending, p -> p.subject == null ? Optional.empty() : p.subject.link());
        Map<OptLevel, List<LinkResult>> llvmLinks = new EnumMap<>(OptLevel.class);
        for (OptLevel level : OptLevel.values()) {
            llvmLinks.put(level, link(pending, p -> p.llvm == null || !p.llvm.objects().containsKey(level) ? Optional.empty()
                    : Optional.of(p.llvm.linkJob(level))));
        }
        List<LinkResult> craneliftLinks = link(pending, p -> p.cranelift == null || p.cranelift.done().isPresent() ? Optional.empty()
                : Optional.of(p.cranelift.linkJob()));
        long t2 = System.nanoTime();
        List<CaseReport> reports = new ArrayList<>();
        try (SharedImages images = new SharedImages(auditor, cases.size() > 1)) {
            for (int k = 0; k < pending.size(); k++) {
                Pending p = pending.get(k);
                Map<OptLevel, LinkResult> levels = new EnumMap<>(OptLevel.class);
                for (OptLevel level : OptLevel.values()) {
                    LinkResult r = llvmLinks.get(level).get(k);
                    if (r != null) levels.put(level, r);
                }
                reports.add(p.done != null ? p.done : back(p, subjectLinks.get(k), levels, craneliftLinks.get(k), images));
            }
        }
        if (TRACE) System.err.printf("batch %d: front %.0f ms, link %.0f ms, back %.0f ms%n", cases.size(), (t1 - t0) / 1e6,
                (t2 - t1) / 1e6, (System.nanoTime() - t2) / 1e6);
        return reports;
    }

    private static final boolean TRACE = Boolean.getBoolean("a64w.trace");

    /** A case between its front half and its back half (the link). */
    private static final class Pending {
        final CaseInput input;
        final Module module;
        final List<Invocation> invocations;
        final List<Invocation> known;
        final List<CheckResult> results = new ArrayList<>();
        CaseReport done;
        SubjectLeg.Front subject;
        LlvmLeg.Front llvm;
        CraneliftLeg.Front cranelift;

        Pending(CaseInput input) {
            this.input = input;
            this.module = input.checkedModule();
            this.invocations = input.checkedInvocations();
            // run lines of functions the parser left out (unsupported types) are the subject's to skip, not the other legs' to run
            this.known = invocations.stream().filter(i -> module.function(i.function()).isPresent()).toList();
        }
    }

    private Pending front(CaseInput input) {
        Pending p = new Pending(input);
        Artifacts art = Artifacts.of(Printer.print(p.module));
        try {
            Verifier.verify(p.module);
            p.results.add(new CheckResult(Check.VALID, Verdict.PASS));
        } catch (VerifierException e) {
            var diags = e.diagnostics();
            String detail = diags.isEmpty() ? firstLine(e.getMessage())
                    : diags.getFirst() + (diags.size() > 1 ? " (and " + (diags.size() - 1) + " more)" : "");
            p.results.add(new CheckResult(Check.VALID, new Verdict.Mismatch(Check.VALID, detail)));
            p.done = new CaseReport(input.name(), p.results, 0, Map.of(), art);
            return p;
        }
        p.subject = SubjectLeg.compile(p.module, art);
        if (config.runLlvm() && input.otherLegs()) p.llvm = LlvmLeg.front(oracle, p.module, p.known);
        if (config.runCranelift() && input.otherLegs()) p.cranelift = CraneliftLeg.front(cranelift, p.module, p.known, input.variant());
        return p;
    }

    /** The MC check of every pending case, with one worker round trip for all their listings. */
    private void assembleAll(List<Pending> pending) {
        List<Pending> asking = pending.stream().filter(p -> p.subject != null && SubjectLeg.needsMc(p.subject, config)).toList();
        List<WorkerResult<McResult>> answers = asking.isEmpty() ? List.of()
                : oracle.assembleMany(asking.stream().map(p -> p.subject.build().listing()).toList());
        for (Pending p : pending) {
            if (p.subject == null) continue;
            int k = asking.indexOf(p);
            p.subject = SubjectLeg.withMc(p.subject, k < 0 ? null : answers.get(k), config, p.module, this::disassembleWord);
        }
    }

    /** Links what each pending case has for one side, all in one call where possible; null where a case has nothing. */
    private List<LinkResult> link(List<Pending> pending, java.util.function.Function<Pending, Optional<LinkJob>> jobOf) {
        List<LinkJob> jobs = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            if (p.done != null) continue;
            Optional<LinkJob> job = jobOf.apply(p);
            if (job.isPresent()) {
                jobs.add(job.get());
                owners.add(k);
            }
        }
        List<LinkResult> linked = BatchLink.link(linker, jobs);
        List<LinkResult> out = new ArrayList<>(java.util.Collections.nCopies(pending.size(), (LinkResult) null));
        for (int j = 0; j < owners.size(); j++) out.set(owners.get(j), linked.get(j));
        return out;
    }

    private CaseReport back(Pending p, LinkResult subjectLink, Map<OptLevel, LinkResult> llvmLinks, LinkResult craneliftLink,
                            SharedImages images) {
        SubjectLeg.Front subject = p.subject;
        List<CheckResult> results = p.results;
        results.addAll(subject.results());
        Artifacts art = subject.art();
        if (subjectLink != null) {
            art = SubjectLeg.back(subject, subjectLink, images, config, p.module, p.invocations, p.input.otherLegs(), results);
        }
        List<String> otherLines = new ArrayList<>();
        Map<Side, Bytes> otherObjects = new EnumMap<>(Side.class);
        Optional<String> llvmSkip = Optional.empty();
        if (p.llvm != null) {
            LlvmLeg leg = LlvmLeg.back(p.llvm, llvmLinks, images, config);
            results.addAll(leg.results());
            // the Policy check compares whole modules: not when the subject left functions out as unsupported
            // (LLVM compiled them, so its references are a superset by construction)
            if (subject.object() != null && !leg.objects().isEmpty() && subject.unsupported().isEmpty()) {
                results.add(new CheckResult(Check.POLICY, PolicyCheck.check(p.module, subject.object(), leg.objects(), this::disassemble)));
            }
            otherLines.addAll(leg.runLines());
            otherObjects.putAll(leg.objectsBySide());
            llvmSkip = leg.skipReason();
        }
        if (p.cranelift != null) {
            CraneliftLeg leg = CraneliftLeg.back(p.cranelift, craneliftLink, images, config);
            results.addAll(leg.results());
            otherLines.addAll(leg.lines());
            leg.skipReason().ifPresent(r -> otherLines.add("cranelift [" + p.input.variant().label() + "] leg skipped: " + r));
            leg.object().ifPresent(o -> otherObjects.put(Side.CRANELIFT, o));
        }
        return new CaseReport(p.input.name(), results, subject.compiled(), subject.unsupported(), art.withLlvm(otherLines, otherObjects),
                llvmSkip, subject.instructions());
    }

    /** One instruction word as LLVM's disassembler reads it, or empty (not an instruction, or the worker failed). */
    public Optional<String> disassembleWord(int word) {
        if (oracle.disassemble(new int[] {word}) instanceof WorkerResult.Ok<List<Optional<String>>> ok
                && !ok.value().isEmpty() && ok.value().getFirst().isPresent()) {
            return Optional.of(ok.value().getFirst().get().trim().replaceAll("\\s+", " "));
        }
        return Optional.empty();
    }

    /** One instruction word as LLVM's disassembler reads it, or its hex (for reports). */
    private String disassemble(long word) {
        return disassembleWord((int) word).orElse(String.format("0x%08x", word));
    }

    /** The linker the harness uses: every link offers all host functions, so one cached import library serves every case. */
    public static Linker newLinker() {
        return new Linker(java.time.Duration.ofSeconds(60), Imports.of(dev.a64w.gen.Generator.HOST_DLL,
                new java.util.TreeSet<>(dev.a64w.ir.interp.StandardHost.signatures().keySet()).stream().toList()));
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
        auditor.close();
        cranelift.close();
        try {
            oracle.close();
        } catch (Exception e) {
            // closing a dead worker has nothing left to release
        }
    }
}
