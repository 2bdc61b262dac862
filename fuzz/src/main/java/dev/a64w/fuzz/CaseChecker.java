package dev.a64w.fuzz;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.CaseInput;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.CheckResult;
import dev.a64w.diff.Harness;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.Side;
import dev.a64w.diff.SymbolPrefix;
import dev.a64w.diff.UnwindForms;
import dev.a64w.diff.Verdict;
import dev.a64w.findings.Signature;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.ir.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a worker does with a batch of case indices: generates each case from the {@link CaseStream},
 * checks them together ({@link Harness#checkAll}: one link per side, one emulator per image), then
 * records each in turn: a case that had a finding in the batch is checked again on its own, so that its
 * reproducer, artifacts and signature are those of the case alone (a finding seen only in the batch is
 * kept, and says so); each finding is written to its side's folder; then the case's {@link CaseRecord}
 * goes to the listener. The listener hears of the batch before it is checked and of each case before it
 * is recorded, so the campaign always knows which case a worker is on. A {@link Hook} runs as part of
 * each case's check (tests use it to play a crash, a hang or a failure on a chosen case).
 */
public final class CaseChecker {
    /** Hears what the checker is on, and gets each case's record once its findings are on disk. */
    public interface Listener {
        void batchStarted(List<Long> cases);

        void caseStarted(long index);

        void caseDone(CaseRecord record);
    }

    /**
     * Runs with each case as part of its check: for every case of a batch as the batch is checked together
     * ({@code batch} true), then for each case as it is recorded. The production worker has {@link #NONE}; a test's
     * worker main crashes, hangs or throws here on a chosen case (a throw is a harness failure of that case).
     */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (index, batch) -> { };

        void starting(long index, boolean batch);
    }

    /** The checks that judge a linked image: what sharing an image with other cases could change. */
    private static final Set<Check> FRONT = EnumSet.of(Check.VALID, Check.OBJECT, Check.MC, Check.POLICY, Check.OBJECT_CRANELIFT);

    private final CaseStream stream;
    private final Path out;
    private final Harness harness;
    private final Generator generator;
    private final Hook hook;

    public CaseChecker(CaseStream stream, Path out, Harness harness, Hook hook) {
        this.stream = stream;
        this.out = out;
        this.harness = harness;
        this.generator = new Generator(stream.generator());
        this.hook = hook;
    }

    /** One generated case on its way through a batch. */
    private record Member(long index, GeneratedCase gc, CaseInput input) {
    }

    /** Checks {@code cases} together, then records each. */
    public void check(List<Long> cases, Listener listener) {
        List<Member> members = new ArrayList<>();
        for (long i : cases) {
            GeneratedCase gc = stream.generate(generator, i);
            List<Invocation> invs = gc.inputs().stream().map(a -> Invocation.of(gc.module(), gc.entry(), a)).toList();
            members.add(new Member(i, gc, new CaseInput("case-" + i, gc.module(), invs, CraneliftVariant.forCase(i),
                    stream.otherLegs(i), cases.size() > 1 ? SymbolPrefix.forMember(i) : SymbolPrefix.NONE)));
        }
        listener.batchStarted(List.copyOf(cases));
        List<CaseReport> reports;
        try {
            cases.forEach(i -> hook.starting(i, true));
            reports = harness.checkAll(members.stream().map(Member::input).toList());
        } catch (RuntimeException e) {
            // blame the case that breaks the harness: check each on its own
            reports = null;
        }
        for (int k = 0; k < members.size(); k++) {
            Member m = members.get(k);
            listener.caseStarted(m.index());
            listener.caseDone(checkOne(m, reports == null ? null : reports.get(k)));
        }
    }

    /** Records one case: its report (checked again alone where needed), its findings written, its record. */
    private CaseRecord checkOne(Member m, CaseReport batched) {
        long i = m.index();
        GeneratedCase gc = m.gc();
        CaseInput alone = new CaseInput(m.input().name(), gc.module(), m.input().invocations(), m.input().variant(),
                m.input().otherLegs(), SymbolPrefix.NONE);
        CaseReport report;
        Module checked;
        try {
            hook.starting(i, false);
            report = batched;
            checked = m.input().checkedModule();
            if (report != null && !m.input().prefix().isNone() && !report.findings().isEmpty()) {
                report = withoutPrefix(report, m.input().prefix());
            }
            if (report == null || (!m.input().prefix().isNone() && afterTheLink(report))) {
                CaseReport single = harness.checkAll(List.of(alone)).getFirst();
                if (report == null || !single.findings().isEmpty()) {
                    report = single;
                    checked = gc.module();
                } else {
                    report = onlyInBatch(report);
                }
            }
        } catch (RuntimeException e) {
            Verdict v = new Verdict.OracleError("harness failure: " + e);
            return CaseRecord.failed(i, m.input().otherLegs(), save(m, Map.of(Side.SUBJECT, v)));
        }
        String prefix = m.input().prefix().prefix();
        List<String> llvmSkips = report.llvmSkipReason()
                .map(r -> List.of(Signature.normalize(prefix.isEmpty() ? r : r.replace(prefix, "")))).orElse(List.of());
        List<String> craneliftSkips = report.results().stream()
                .filter(r -> r.check().side() == Side.CRANELIFT && r.verdict() instanceof Verdict.Unsupported)
                .map(r -> Signature.normalize(prefix.isEmpty() ? r.verdict().detail() : r.verdict().detail().replace(prefix, "")))
                .toList();
        List<String> unsupported = report.verdict() instanceof Verdict.Unsupported u ? unsupportedReasons(report, u, prefix) : List.of();
        return new CaseRecord(i, CheckTally.outcomes(report), report.subjectInstructions(),
                unsupported, m.input().otherLegs(), llvmSkips, craneliftSkips,
                UnwindForms.of(report.artifacts().object()), UnwindForms.of(report.artifacts().mcObject()),
                stream.stats() ? CampaignStats.countsOf(checked, report, gc.module(), m.input().invocations(), stream.harness().fuel()) : Map.of(), save(m, report.findings()));
    }

    /**
     * Why the subject rejected the case, normalized: one reason per function it did not compile, or
     * the verdict's own text when no function is named.
     */
    private static List<String> unsupportedReasons(CaseReport report, Verdict.Unsupported u, String prefix) {
        List<String> whys = report.unsupported().isEmpty() ? List.of(u.detail()) : List.copyOf(report.unsupported().values());
        return whys.stream().map(w -> Signature.normalize(prefix.isEmpty() ? w : w.replace(prefix, ""))).toList();
    }

    /** Writes each side's finding of the case (the reproducer carries the case's inputs as run lines). */
    private List<CaseRecord.FindingRef> save(Member m, Map<Side, Verdict> found) {
        if (found.isEmpty()) return List.of();
        Module repro = CaseFindings.reproducer(m.gc(), stream.harness().fuel());
        List<CaseRecord.FindingRef> refs = new ArrayList<>();
        found.forEach((side, verdict) -> refs.add(CaseFindings.save(out, stream, m.index(), side, verdict, repro)));
        return refs;
    }

    /** Whether a finding of the report comes from a check after the link (only those are checked again alone). */
    private static boolean afterTheLink(CaseReport r) {
        return r.results().stream().anyMatch(c -> c.verdict().isFinding() && !FRONT.contains(c.check()));
    }

    /** The report with the case's symbol prefix taken out of every verdict's text (it names the case's own symbols). */
    private static CaseReport withoutPrefix(CaseReport r, SymbolPrefix prefix) {
        String p = prefix.prefix();
        Map<String, String> unsupported = new LinkedHashMap<>();
        r.unsupported().forEach((f, why) -> unsupported.put(prefix.strip(f), why.replace(p, "")));
        return withResults(r, r.results().stream().map(c -> new CheckResult(c.check(), c.verdict().mapDetail(d -> d.replace(p, ""))))
                .toList(), unsupported);
    }

    /** A batch report whose findings did not come back when the case was checked alone: each says so. */
    private static CaseReport onlyInBatch(CaseReport r) {
        return withResults(r, r.results().stream().map(c -> c.verdict() instanceof Verdict.Mismatch
                ? new CheckResult(c.check(), c.verdict().mapDetail(d -> d + " (only when linked with other cases)"))
                : c).toList(), r.unsupported());
    }

    private static CaseReport withResults(CaseReport r, List<CheckResult> results, Map<String, String> unsupported) {
        return new CaseReport(r.name(), results, r.compiledFunctions(), unsupported, r.artifacts(), r.llvmSkipReason(),
                r.subjectInstructions());
    }
}
