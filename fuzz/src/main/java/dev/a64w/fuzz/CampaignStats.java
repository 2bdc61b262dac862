package dev.a64w.fuzz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindCode;
import dev.a64w.check.unwind.UnwindCodes;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.check.unwind.UnwindOp;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.PolicyCheck;
import dev.a64w.diff.Side;
import dev.a64w.fuzz.coverage.CoverageGoals;
import dev.a64w.fuzz.coverage.OperandCoverage;
import dev.a64w.gen.OpcodeHistogram;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a campaign generated and compiled, for {@code a64w fuzz --stats}: relocation types per side,
 * the relocation class each side chose per kind of reference ({@code reloc-class KIND SIDE CLASSES},
 * the sides of one kind on adjacent lines: Policy as information for Cranelift),
 * unwind codes per side, packed against full {@code .xdata} entries per side, a histogram of frame
 * sizes per side, and CLIF opcodes. Objects are read with the independent COFF reader and unwind
 * decoder. A worker computes one case's {@link #countsOf}; the campaign adds them. Thread-safe; the
 * lines are sorted so two runs of one seed print the same.
 */
public final class CampaignStats {
    private static final long[] FRAME_BUCKETS = {0, 16, 64, 256, 1024, 4096, 65536};

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Adds counts made by {@link #countsOf} (in a worker). */
    public void add(Map<String, Long> caseCounts) {
        caseCounts.forEach((k, n) -> counts.computeIfAbsent(k, x -> new LongAdder()).add(n));
    }

    /**
     * What one case adds: its module's opcodes, what every side's object holds, and the operand
     * classes that reached each (opcode, type) pair when the interpreter ran {@code invocations} of
     * {@code generated} (the module as generated, whose function names the invocations use) with
     * {@code fuel} per call ({@link OperandCoverage#counters}).
     */
    public static Map<String, Long> countsOf(Module module, CaseReport report, Module generated,
                                             List<Invocation> invocations, long fuel) {
        Map<String, Long> out = new TreeMap<>();
        OperandCoverage coverage = new OperandCoverage();
        coverage.add(generated, invocations, fuel);
        out.putAll(coverage.counters());
        OpcodeHistogram ops = new OpcodeHistogram();
        ops.add(module);
        ops.counts().forEach((op, n) -> bump(out, "opcode " + op, n));
        Map<Side, Bytes> objects = new EnumMap<>(Side.class);
        if (report.artifacts().object().size() > 0) {
            objects.put(Side.SUBJECT, report.artifacts().object());
        }
        objects.putAll(report.artifacts().llvmObjects());
        objects.forEach((side, bytes) -> object(out, side, bytes));
        objects.forEach((side, bytes) -> PolicyCheck.referenceClasses(module, bytes).forEach((kind, classes) ->
                bump(out, "reloc-class " + kind + " " + side.id() + " " + String.join("+", classes), 1)));
        return out;
    }

    private static void object(Map<String, Long> out, Side side, Bytes bytes) {
        CoffObject obj;
        try {
            obj = CoffReader.read(bytes);
        } catch (MalformedObjectException e) {
            bump(out, "unreadable object " + side.id(), 1);
            return;
        }
        for (Section s : obj.sections()) {
            for (Relocation r : s.relocations()) {
                bump(out, "reloc " + side.id() + " " + r.arm64Type().map(Enum::name).orElse("0x" + Integer.toHexString(r.type())), 1);
            }
            if (!s.name().startsWith(".pdata")) {
                continue;
            }
            try {
                for (PdataDecoder.ObjectEntry e : PdataDecoder.fromObject(obj, s)) {
                    unwind(out, side, PdataDecoder.unwindData(obj, e));
                }
            } catch (MalformedUnwindException e) {
                bump(out, "undecodable unwind " + side.id(), 1);
            }
        }
    }

    private static void unwind(Map<String, Long> out, Side side, UnwindData data) {
        switch (data) {
            case UnwindData.Packed p -> {
                bump(out, "unwind-form " + side.id() + " packed", 1);
                bump(out, "unwind-packed " + side.id() + " CR=" + p.packed().cr() + " RegI=" + p.packed().regI()
                        + " RegF=" + p.packed().regF() + " H=" + (p.packed().h() ? 1 : 0), 1);
            }
            case UnwindData.Full f -> {
                Xdata x = f.xdata();
                bump(out, "unwind-form " + side.id() + " xdata" + (x.e() ? " E=1" : " scopes=" + x.scopes().size()), 1);
                java.util.Set<Integer> starts = new java.util.TreeSet<>();
                starts.add(0);
                if (x.e()) {
                    starts.add(x.epilogCountOrIndex());
                }
                x.scopes().forEach(sc -> starts.add(sc.startIndex()));
                for (int start : starts) {
                    for (UnwindCode c : UnwindCodes.decodeSequence(x.codes(), start)) {
                        bump(out, "unwind-code " + side.id() + " " + c.getClass().getSimpleName(), 1);
                    }
                }
            }
        }
        bump(out, "frame-size " + side.id() + " " + bucket(frameSize(data)), 1);
    }

    /** Bytes the prologue moves SP by: allocations plus pre-indexed saves. */
    static long frameSize(UnwindData data) {
        long size = 0;
        for (UnwindOp op : data.meaning().prologue().ops()) {
            switch (op) {
                case UnwindOp.Alloc a -> size += a.bytes();
                case UnwindOp.Save s when s.writeback() -> size += s.offset();
                default -> {
                }
            }
        }
        return size;
    }

    private static String bucket(long size) {
        for (long b : FRAME_BUCKETS) {
            if (size <= b) {
                return String.format("<=%d", b);
            }
        }
        return ">65536";
    }

    private static void bump(Map<String, Long> out, String key, long n) {
        out.merge(key, n, Long::sum);
    }

    /** The JSON form (in {@code campaign.json}): every counter, sorted. */
    @JsonValue
    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /** Statistics holding {@code counts} (the JSON form). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CampaignStats of(Map<String, Long> counts) {
        CampaignStats s = new CampaignStats();
        s.add(counts);
        return s;
    }

    /** One line per counter, grouped by kind (opcode, reloc, unwind-form, unwind-code, frame-size). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        Map<String, Long> all = counts();
        all.forEach((k, v) -> {
            if (!k.startsWith(OperandCoverage.COUNTER_PREFIX)) out.add("stats " + k + ": " + v);
        });
        OperandCoverage coverage = new OperandCoverage();
        coverage.addCounters(all);
        out.addAll(coverage.lines(CoverageGoals.integer()));
        return out;
    }
}
