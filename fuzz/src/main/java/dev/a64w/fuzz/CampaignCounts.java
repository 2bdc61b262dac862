package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a campaign counts over the cases it has checked, made of the {@link CaseRecord}s its workers
 * send: cases, unsupported cases (and why), cases the other legs ran on, the subject's checked instructions, the
 * per-check tally, the {@code --stats} counts, the unwind forms and why the LLVM and Cranelift legs were
 * skipped. {@code campaign.json} keeps it (field by field) so that a resumed campaign's summary covers the
 * whole campaign. Findings are not counted here: they are files, counted from the findings folder.
 * Not thread-safe: the campaign adds records on one thread.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CampaignCounts {
    private long cases;
    private long unsupported;
    private long legCases;
    private long instructions;
    private final CheckTally tally;
    private final CampaignStats stats;
    private final UnwindFormTally unwindForms;
    private final TreeMap<String, Long> llvmSkips;
    private final TreeMap<String, Long> craneliftSkips;
    private final TreeMap<String, Long> unsupportedReasons;

    CampaignCounts() {
        this(0, 0, 0, 0, new CheckTally(), new CampaignStats(), new UnwindFormTally(), Map.of(), Map.of(), Map.of());
    }

    @JsonCreator
    CampaignCounts(@JsonProperty("cases") long cases, @JsonProperty("unsupported") long unsupported,
                   @JsonProperty("legCases") long legCases, @JsonProperty("instructions") long instructions,
                   @JsonProperty("tally") CheckTally tally, @JsonProperty("stats") CampaignStats stats,
                   @JsonProperty("unwindForms") UnwindFormTally unwindForms, @JsonProperty("llvmSkips") Map<String, Long> llvmSkips,
                   @JsonProperty("craneliftSkips") Map<String, Long> craneliftSkips,
                   @JsonProperty("unsupportedReasons") Map<String, Long> unsupportedReasons) {
        this.cases = cases;
        this.unsupported = unsupported;
        this.legCases = legCases;
        this.instructions = instructions;
        this.tally = tally == null ? new CheckTally() : tally;
        this.stats = stats == null ? new CampaignStats() : stats;
        this.unwindForms = unwindForms == null ? new UnwindFormTally() : unwindForms;
        this.llvmSkips = new TreeMap<>(llvmSkips == null ? Map.of() : llvmSkips);
        this.craneliftSkips = new TreeMap<>(craneliftSkips == null ? Map.of() : craneliftSkips);
        // campaigns written before the reasons were kept have none: their unsupported cases stay counted, unexplained
        this.unsupportedReasons = new TreeMap<>(unsupportedReasons == null ? Map.of() : unsupportedReasons);
    }

    /** Adds one checked case. */
    void add(CaseRecord r) {
        cases++;
        if (!r.unsupported().isEmpty()) unsupported++;
        r.unsupported().stream().distinct().forEach(why -> unsupportedReasons.merge(why, 1L, Long::sum));
        if (r.otherLegs()) legCases++;
        instructions += r.instructions();
        tally.add(r.checks());
        stats.add(r.stats());
        unwindForms.add(r.subjectForms(), r.mcForms());
        r.llvmSkips().forEach(why -> llvmSkips.merge(why, 1L, Long::sum));
        r.craneliftSkips().forEach(why -> craneliftSkips.merge(why, 1L, Long::sum));
    }

    long cases() {
        return cases;
    }

    long unsupported() {
        return unsupported;
    }

    long legCases() {
        return legCases;
    }

    long instructions() {
        return instructions;
    }

    CheckTally tally() {
        return tally;
    }

    CampaignStats stats() {
        return stats;
    }

    UnwindFormTally unwindForms() {
        return unwindForms;
    }

    Map<String, Long> llvmSkips() {
        return new TreeMap<>(llvmSkips);
    }

    Map<String, Long> craneliftSkips() {
        return new TreeMap<>(craneliftSkips);
    }

    /** Unsupported cases by normalized reason (a case with two reasons counts under both). */
    Map<String, Long> unsupportedReasons() {
        return new TreeMap<>(unsupportedReasons);
    }
}
