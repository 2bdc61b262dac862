package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Audits the unwind data of a Windows ARM64 PE image (EXE, DLL) or COFF object: reads it
 * ({@link #read}), then steps every {@code .pdata} entry's prologue and epilogues on one emulator
 * ({@link #audit}), reporting one {@link FunctionReport} per entry in RVA order.
 */
public final class Auditor {
    /** Receives progress: functions done so far and the total. */
    public interface Progress {
        void update(int done, int total);
    }

    private Auditor() {
    }

    /** Detects the format: 'MZ' is a PE image, a known machine word at 0 a COFF object. */
    public static AuditTarget read(Bytes file) {
        if (file.size() >= 2 && file.u16(0) == 0x5A4D) {
            return PeReader.read(file);
        }
        if (file.size() < 20) {
            throw new AuditException("not a PE image or COFF object (" + file.size() + " bytes)");
        }
        int machine = file.u16(0);
        return switch (machine) {
            case 0xAA64, 0x8664, 0x14c, 0x1c4, 0xA641, 0xA64E -> ObjectReader.read(file);
            default -> throw new AuditException(String.format(
                    "not a PE image or COFF object (no 'MZ', and 0x%04x is no known machine)", machine));
        };
    }

    /** Audits every function of {@code target}; {@code each} sees every report as it is made. */
    public static List<FunctionReport> audit(AuditTarget target, Consumer<FunctionReport> each, Progress progress) {
        return audit(target, Map.of(), each, progress);
    }

    /**
     * As {@link #audit(AuditTarget, Consumer, Progress)}, with the decode cross-check's disagreements
     * by function RVA ({@link DecodeCheck#disagreements()}) folded into the reports.
     */
    public static List<FunctionReport> audit(AuditTarget target, Map<Long, String> decodeDisagreements,
            Consumer<FunctionReport> each, Progress progress) {
        List<FunctionEntry> entries = new ArrayList<>();
        for (AuditFunction f : target.functions()) {
            if (f.unwind() instanceof AuditTarget.Unwind.Decoded d) {
                entries.add(FunctionEntry.of(target.imageBase(), f.rva(), d.data()));
            }
        }
        List<FunctionReport> out = new ArrayList<>();
        if (target.functions().isEmpty()) {
            return out;
        }
        try (AuditCpu cpu = new AuditCpu(target); InsnNames names = new InsnNames()) {
            FunctionAuditor auditor = new FunctionAuditor(cpu, target, new SortedFunctionTable(entries), names);
            int total = target.functions().size();
            for (int i = 0; i < total; i++) {
                AuditFunction f = target.functions().get(i);
                Verdict v;
                try {
                    v = auditor.audit(f);
                } catch (RuntimeException e) {
                    v = new Verdict.Unsupported("internal error of the audit: " + e); // visible, and never a disagreement
                }
                FunctionReport r = FunctionReport.of(f, v);
                String decode = decodeDisagreements.get(f.rva());
                if (decode != null) {
                    r = r.withDecodeDisagreement(decode);
                }
                out.add(r);
                each.accept(r);
                progress.update(i + 1, total);
            }
        }
        return out;
    }
}
