package dev.a64w.fuzz;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.UnwindForms;

import java.util.List;

/**
 * The {@link UnwindForms} of every case's subject object and of the object LLVM MC made from the
 * subject's listing, summed over a campaign: {@code a64w fuzz} reports the share of packed
 * {@code .pdata} entries. Thread-safe.
 */
public final class UnwindFormTally {
    private UnwindForms subject = UnwindForms.NONE;
    private UnwindForms mc = UnwindForms.NONE;

    public void add(CaseReport report) {
        UnwindForms s = UnwindForms.of(report.artifacts().object());
        UnwindForms m = UnwindForms.of(report.artifacts().mcObject());
        synchronized (this) {
            subject = subject.plus(s);
            mc = mc.plus(m);
        }
    }

    /** {@code unwind forms subject: ...} and {@code unwind forms mc: ...}. */
    public synchronized List<String> lines() {
        return List.of("unwind forms subject: " + subject.line(), "unwind forms mc: " + mc.line());
    }
}
