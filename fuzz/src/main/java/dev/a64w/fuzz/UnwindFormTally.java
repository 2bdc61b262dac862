package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.UnwindForms;

import java.util.List;

/**
 * The {@link UnwindForms} of every case's subject object and of the object LLVM MC made from the
 * subject's listing, summed over a campaign: {@code a64w fuzz} reports the share of packed
 * {@code .pdata} entries. Its JSON form (in {@code campaign.json}) is the two sums. Thread-safe.
 */
public final class UnwindFormTally {
    private UnwindForms subject = UnwindForms.NONE;
    private UnwindForms mc = UnwindForms.NONE;

    public UnwindFormTally() {
    }

    @JsonCreator
    public UnwindFormTally(@JsonProperty("subject") UnwindForms subject, @JsonProperty("mc") UnwindForms mc) {
        this.subject = subject == null ? UnwindForms.NONE : subject;
        this.mc = mc == null ? UnwindForms.NONE : mc;
    }

    public void add(CaseReport report) {
        add(UnwindForms.of(report.artifacts().object()), UnwindForms.of(report.artifacts().mcObject()));
    }

    /** Adds one case's forms (counted in a worker). */
    public synchronized void add(UnwindForms s, UnwindForms m) {
        subject = subject.plus(s);
        mc = mc.plus(m);
    }

    @JsonProperty("subject")
    public synchronized UnwindForms subject() {
        return subject;
    }

    @JsonProperty("mc")
    public synchronized UnwindForms mc() {
        return mc;
    }

    /**
     * {@code unwind forms subject: ...} and {@code unwind forms mc: ...}, then the float saves (d8-d15)
     * of each: {@code unwind fp saves subject: ...}, {@code unwind fp saves mc: ...}.
     */
    public synchronized List<String> lines() {
        return List.of("unwind forms subject: " + subject.line(), "unwind forms mc: " + mc.line(),
                "unwind fp saves subject: " + subject.fpLine(), "unwind fp saves mc: " + mc.fpLine());
    }
}
