package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindCode;
import dev.a64w.check.unwind.UnwindCodes;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.util.Bytes;

import java.util.Locale;

/**
 * How the {@code .pdata} entries of an object hold their unwind data: packed (Flag 1 or 2), or an
 * {@code .xdata} record with its single final epilogue in the header (E=1) or with epilog scopes
 * (E=0). An object that does not read counts as {@code unreadable}. For the share of packed
 * functions a fuzz campaign reports.
 *
 * <p>The float saves (d8-d15): how many {@code save_freg}, {@code save_fregp}, {@code save_freg_x}
 * and {@code save_fregp_x} codes the {@code .xdata} code arrays hold (prologue and epilogue codes
 * alike, read with the harness's own {@link UnwindCodes} decoder), and how many packed entries have
 * RegF &gt; 0.
 */
public record UnwindForms(long packed, long xdataE1, long xdataScopes, long unreadable,
                          long saveFreg, long saveFregp, long saveFregX, long saveFregpX, long packedRegF) {
    public static final UnwindForms NONE = new UnwindForms(0, 0, 0, 0);

    /** Forms without float saves. */
    public UnwindForms(long packed, long xdataE1, long xdataScopes, long unreadable) {
        this(packed, xdataE1, xdataScopes, unreadable, 0, 0, 0, 0, 0);
    }

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
                        case UnwindData.Packed packed -> new UnwindForms(1, 0, 0, 0, 0, 0, 0, 0, packed.packed().regF() > 0 ? 1 : 0);
                        case UnwindData.Full full -> fregCodes(full.xdata().codes())
                                .plus(full.xdata().e() ? new UnwindForms(0, 1, 0, 0) : new UnwindForms(0, 0, 1, 0));
                    });
                }
            }
            return out;
        } catch (MalformedObjectException | MalformedUnwindException e) {
            return new UnwindForms(0, 0, 0, 1);
        }
    }

    /** The float-save codes of one code array. */
    static UnwindForms fregCodes(Bytes codes) {
        long f = 0, fp = 0, fx = 0, fpx = 0;
        for (UnwindCode c : UnwindCodes.decode(codes)) {
            switch (c) {
                case UnwindCode.SaveFReg x -> f++;
                case UnwindCode.SaveFRegP x -> fp++;
                case UnwindCode.SaveFRegX x -> fx++;
                case UnwindCode.SaveFRegPX x -> fpx++;
                default -> { }
            }
        }
        return new UnwindForms(0, 0, 0, 0, f, fp, fx, fpx, 0);
    }

    public UnwindForms plus(UnwindForms o) {
        return new UnwindForms(packed + o.packed, xdataE1 + o.xdataE1, xdataScopes + o.xdataScopes, unreadable + o.unreadable,
                saveFreg + o.saveFreg, saveFregp + o.saveFregp, saveFregX + o.saveFregX, saveFregpX + o.saveFregpX,
                packedRegF + o.packedRegF);
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

    /** {@code 3 save_freg, 5 save_fregp, 0 save_freg_x, 2 save_fregp_x codes; 4 packed entries with RegF > 0}. */
    public String fpLine() {
        return String.format(Locale.ROOT, "%d save_freg, %d save_fregp, %d save_freg_x, %d save_fregp_x codes; %d packed entries with RegF > 0",
                saveFreg, saveFregp, saveFregX, saveFregpX, packedRegF);
    }
}
