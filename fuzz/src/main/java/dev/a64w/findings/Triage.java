package dev.a64w.findings;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import dev.a64w.fuzz.FindingReducer;
import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.reduce.ReduceResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Turns a findings directory ({@code a64w fuzz --out DIR}) into what a person acts on. For each
 * {@code <side>/<signature>} that has no {@code issues/<side>--<signature>.md} yet, it takes the
 * signature's first raw finding (lowest case), checks it again alone, reduces it while the side's
 * verdict keeps the signature (within the per-signature budget and what is left of the total), and
 * writes, in this order: {@code <side>/reduced/<signature>.clif}, {@code regressions/<signature>.clif}
 * (see {@link Regressions}), and last the issue text {@code issues/<side>--<signature>.md}
 * ({@link IssueText}), whose existence marks the signature as done: a second run does nothing.
 * The signature of a raw finding is computed again from its verdict line ({@link Signature#of}), so
 * findings stored under an older signature scheme group as the current one does.
 */
public final class Triage {
    private final Path dir;
    private final TriageOptions options;
    private final Consumer<String> progress;
    private final Map<HarnessConfig, Harness> harnesses = new HashMap<>();

    private Triage(Path dir, TriageOptions options, Consumer<String> progress) {
        this.dir = dir;
        this.options = options;
        this.progress = progress;
    }

    /** One raw finding file and its header. */
    record Raw(Path file, FindingFile header, long caseIndex) {}

    /**
     * @throws TriageException when {@code dir} is missing or not a findings directory
     */
    public static TriageSummary run(Path dir, TriageOptions options, Consumer<String> progress) {
        Map<Side, Map<String, List<Raw>>> groups = scan(dir);
        Triage t = new Triage(dir, options, progress);
        try {
            return t.all(groups);
        } finally {
            t.harnesses.values().forEach(Harness::close);
        }
    }

    /** The raw findings of {@code dir}, by side and signature, each list first finding first. */
    static Map<Side, Map<String, List<Raw>>> scan(Path dir) {
        if (!Files.isDirectory(dir)) throw new TriageException("triage: no such directory: " + dir);
        boolean any = Files.isDirectory(dir.resolve("issues")) || Files.exists(dir.resolve("campaign.json"));
        for (Side s : Side.values()) any |= Files.isDirectory(dir.resolve(s.id()));
        if (!any) {
            throw new TriageException("triage: " + dir + " is not a findings directory (no subject/, llvm-o0/, llvm-o2/, cranelift/ or issues/)");
        }
        Map<Side, Map<String, List<Raw>>> out = new java.util.EnumMap<>(Side.class);
        for (Side s : Side.values()) {
            Path folder = dir.resolve(s.id());
            if (!Files.isDirectory(folder)) continue;
            Map<String, List<Raw>> bySig = new TreeMap<>();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".clif") && Files.isRegularFile(p)).sorted().toList()) {
                    String text = read(f);
                    var header = FindingFile.parse(text);
                    if (header.isEmpty()) continue;
                    bySig.computeIfAbsent(Signature.of(header.get().verdict()), k -> new ArrayList<>())
                            .add(new Raw(f, header.get(), header.get().caseIndex().orElse(Long.MAX_VALUE)));
                }
            } catch (IOException e) {
                throw new TriageException("triage: cannot list " + folder + ": " + e.getMessage());
            }
            bySig.values().forEach(l -> l.sort(Comparator.comparingLong(Raw::caseIndex).thenComparing(r -> r.file().getFileName().toString())));
            if (!bySig.isEmpty()) out.put(s, bySig);
        }
        return out;
    }

    private TriageSummary all(Map<Side, Map<String, List<Raw>>> groups) {
        long start = System.nanoTime();
        long totalNanos = options.totalTime().toNanos();
        List<TriageSummary.Item> items = new ArrayList<>();
        for (var side : groups.entrySet()) {
            for (var sig : side.getValue().entrySet()) {
                String key = side.getKey().id() + "--" + sig.getKey();
                if (Files.exists(issuePath(key))) {
                    items.add(new TriageSummary.Item(side.getKey(), sig.getKey(), TriageSummary.Status.ALREADY_TRIAGED,
                            sig.getValue().size(), 0, 0, ""));
                    continue;
                }
                Duration left = Duration.ofNanos(Math.max(0, totalNanos - (System.nanoTime() - start)));
                Duration budget = left.compareTo(options.reduceTime()) < 0 ? left : options.reduceTime();
                items.add(one(side.getKey(), sig.getKey(), sig.getValue(), budget));
            }
        }
        return new TriageSummary(items, (System.nanoTime() - start) / 1e9);
    }

    /** A finding of a worker that died or hung: checking it again in this process could do the same here. */
    private static boolean killsTheChecker(Verdict v) {
        return v instanceof Verdict.WorkerCrash || v instanceof Verdict.Timeout;
    }

    private Path issuePath(String key) {
        return dir.resolve("issues").resolve(key + ".md");
    }

    /** Triage of one signature: reduce its first finding, then write the reproducers and the issue text. */
    private TriageSummary.Item one(Side side, String signature, List<Raw> raws, Duration budget) {
        Raw first = raws.getFirst();
        CraneliftVariant variant = first.header().variant();
        String text = read(first.file());
        progress.accept("triage " + side.id() + "/" + signature + ": " + raws.size() + " finding(s), first " + first.file().getFileName());
        Module module;
        try {
            module = Parser.parse(text);
        } catch (ParseException e) {
            return write(side, signature, raws, first, null, 0, TriageSummary.Status.NOT_REPRODUCED,
                    "the finding does not parse: " + e.getMessage(), text);
        }
        int before = instructions(module);
        if (killsTheChecker(first.header().verdict())) {
            return write(side, signature, raws, first, module, before, TriageSummary.Status.NOT_REDUCED,
                    "not reduced: a worker that crashed or hung is not re-run inside triage (it could take triage down too); "
                            + "reproduce it with a64w check", null);
        }
        Harness harness = harness(side, first.header().verdict());
        FindingReducer reducer = new FindingReducer(harness, options.harness().fuel());
        String now;
        try {
            now = reducer.signatureOf(module, side, variant);
        } catch (RuntimeException e) {
            now = "harness failure: " + e;
        }
        if (!now.equals(signature)) {
            return write(side, signature, raws, first, module, before, TriageSummary.Status.NOT_REPRODUCED,
                    "checked again alone it gives " + now + ", not " + signature + "; not reduced", null);
        }
        if (budget.isZero()) {
            return write(side, signature, raws, first, module, before, TriageSummary.Status.NOT_REDUCED,
                    "not reduced: the total triage budget (" + options.totalTime().toSeconds() + " s) was spent", null);
        }
        ReduceResult r;
        try {
            r = reducer.reduce(module, side, signature, budget, line -> progress.accept("triage   " + line), variant);
        } catch (RuntimeException e) {
            return write(side, signature, raws, first, module, before, TriageSummary.Status.NOT_REDUCED,
                    "not reduced: the reduction failed: " + e, null);
        }
        String how = "reduced from " + before + " to " + instructions(r.reduced()) + " instructions in " + r.predicateCalls()
                + " checks (" + r.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", budget " + budget.toSeconds() + " s)";
        return write(side, signature, raws, first, r.reduced(), before, TriageSummary.Status.REDUCED, how, null);
    }

    /**
     * Writes the reduced reproducer, the regressions and the issue text of one signature. {@code module}
     * is the reproducer ({@code null} when the finding did not parse: then {@code rawText} is shown).
     */
    private TriageSummary.Item write(Side side, String signature, List<Raw> raws, Raw first, Module module, int before,
                                     TriageSummary.Status status, String how, String rawText) {
        CraneliftVariant variant = first.header().variant();
        Verdict verdict = first.header().verdict();
        List<SideBySide.Part> parts = List.of();
        boolean reproduces = false;
        String clif;
        boolean checkable = !killsTheChecker(verdict);
        if (checkable && module != null && module.runs().isEmpty()) {
            // the replay needs a run line: one call that returns, kept only if the module still shows the signature with it
            Module withRun = withRunLine(module);
            try {
                if (withRun != module && new FindingReducer(harness(side, verdict), options.harness().fuel())
                        .signatureOf(withRun, side, variant).equals(signature)) {
                    module = withRun;
                }
            } catch (RuntimeException e) {
                // keep the module without a run line
            }
        }
        if (checkable && module != null) {
            Harness harness = harness(side, verdict);
            try {
                CaseReport report = harness.check("triage", module, Invocation.ofRunLines(module), variant);
                Verdict v = report.verdict(side);
                reproduces = Signature.of(v).equals(signature);
                if (reproduces) verdict = v;
                parts = SideBySide.of(side, verdict, report, harness::disassembleWord);
            } catch (RuntimeException e) {
                how += "; checking the reproducer failed: " + e;
            }
            clif = variant.header() + "\n" + Printer.print(module);
        } else {
            clif = rawText;
        }
        String origin = first.header().origin() + ", " + how;
        new FindingStore(dir).subfolder(side.id()).saveReduced(signature, verdict, origin, clif);
        String regressionText = Regressions.text(side, signature, verdict, first.header(), how, clif, reproduces);
        Regressions.write(dir.resolve("regressions"), side, signature, verdict, regressionText, reproduces);
        if (options.regressions().isPresent() && side == Side.SUBJECT && reproduces) {
            Regressions.write(options.regressions().get(), side, signature, verdict, regressionText, true);
        }
        IssueText issue = new IssueText(side, signature, verdict, regressionText, "regressions/" + signature + ".clif", how,
                first.header(), raws.size(), parts, Version.text());
        FindingStore.writeAtomically(issuePath(issue.key()), issue.render());
        int after = module == null ? 0 : instructions(module);
        progress.accept("triage " + side.id() + "/" + signature + ": " + how);
        return new TriageSummary.Item(side, signature, status, raws.size(), before, after, status == TriageSummary.Status.REDUCED ? "" : how);
    }

    /**
     * The harness for a side's findings: only the legs its verdict needs (LLVM for the LLVM sides and the
     * Policy check, Cranelift for its side), so each reduction step costs no more than it must.
     */
    private Harness harness(Side side, Verdict verdict) {
        boolean policy = verdict instanceof Verdict.Mismatch m && m.check() == Check.POLICY;
        HarnessConfig c = options.harness()
                .withLlvm(options.harness().runLlvm() && (side == Side.LLVM_O0 || side == Side.LLVM_O2 || policy))
                .withCranelift(options.harness().runCranelift() && side == Side.CRANELIFT);
        return harnesses.computeIfAbsent(c, Harness::new);
    }

    /** {@code m} with a run line for the first function that returns when called with zeros, or {@code m} itself. */
    private Module withRunLine(Module m) {
        for (Function f : m.functions()) {
            List<Long> zeros = java.util.Collections.nCopies(f.signature().params().size(), 0L);
            try {
                var interp = new dev.a64w.ir.interp.Interpreter(m, new dev.a64w.ir.interp.StandardHost(), options.harness().fuel());
                if (interp.call(f.name(), zeros) instanceof dev.a64w.ir.interp.Outcome.Returned r) {
                    return new Module(m.header(), m.imports(), m.data(), m.functions(),
                            List.of(new dev.a64w.ir.RunLine(0, f.name(), zeros, true, r.values())), m.skipped());
                }
            } catch (RuntimeException e) {
                // not callable with zeros: try the next
            }
        }
        return m;
    }

    /** Instructions of a module, terminators included (what "reduced to N instructions" counts). */
    public static int instructions(Module m) {
        int n = 0;
        for (Function f : m.functions()) {
            for (Block b : f.blocks()) n += b.insts().size() + 1;
        }
        return n;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TriageException("triage: cannot read " + f + ": " + e.getMessage());
        }
    }
}
