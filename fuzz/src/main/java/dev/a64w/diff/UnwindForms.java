package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.util.Bytes;

import java.util.Locale;

/**
 * How the {@code .pdata} entries of an object hold their unwind data: packed (Flag 1 or 2), or an
 * {@code .xdata} record with its single final epilogue in the header (E=1) or with epilog scopes
 * (E=0). An object that does not read counts as {@code unreadable}. For the share of packed
 * functions a fuzz campaign reports.
 */
public record UnwindForms(long packed, long xdataE1, long xdataScopes, long unreadable) {
    public static final UnwindForms NONE = new UnwindForms(0, 0, 0, 0);

    /** Counts the entries of every {@code .pdata} section of {@code object}. */
    public static UnwindForms of(Bytes object) {
        if (object.size() == 0) {
            return NONE;
        }
        try {
            CoffObject obj = CoffReader.read(object);
            UnwindForms out = NONE;
            for (Section p : obj.sections()) {
                if (!UnwindEntries.isPdata(p)) {
                    continue;
                }
                for (PdataDecoder.ObjectEntry e : PdataDecoder.fromObject(obj, p)) {
                    out = out.plus(switch (PdataDecoder.unwindData(obj, e)) {
                        case UnwindData.Packed packed -> new UnwindForms(1, 0, 0, 0);
                        case UnwindData.Full full -> full.xdata().e() ? new UnwindForms(0, 1, 0, 0) : new UnwindForms(0, 0, 1, 0);
                    });
                }
            }
            return out;
        } catch (MalformedObjectException | MalformedUnwindException e) {
            return new UnwindForms(0, 0, 0, 1);
        }
    }

    public UnwindForms plus(UnwindForms o) {
        return new UnwindForms(packed + o.packed, xdataE1 + o.xdataE1, xdataScopes + o.xdataScopes, unreadable + o.unreadable);
    }

    public long entries() {
        return packed + xdataE1 + xdataScopes;
    }

    /** {@code 75 .pdata entries: 20 packed (26.7%), 40 xdata E=1, 15 xdata with epilog scopes}. */
    public String line() {
        double share = entries() == 0 ? 0 : 100.0 * packed / entries();
        return String.format(Locale.ROOT, "%d .pdata entries: %d packed (%.1f%%), %d xdata E=1, %d xdata with epilog scopes%s",
                entries(), packed, share, xdataE1, xdataScopes, unreadable == 0 ? "" : ", " + unreadable + " objects unreadable");
    }
}
