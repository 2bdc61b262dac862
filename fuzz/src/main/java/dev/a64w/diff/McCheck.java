package dev.a64w.diff;

import dev.a64w.check.coff.Arm64RelocType;
import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.InlineAddend;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The MC check (DESIGN.md "The checks", 3): the object LLVM MC assembled from the subject's listing
 * must match the subject's own object in
 * <ol>
 *   <li>the bytes of every code and data section (addend fields excepted where both objects carry
 *       the same relocation type there: the addend is compared as part of the resolved target);</li>
 *   <li>relocations by (section, offset, type, target), the target normalized to the place it
 *       resolves to, so a section symbol plus inline addend equals a named label at that place;</li>
 *   <li>the alignment of every section present in both (unless both are empty), unwind sections included;</li>
 *   <li>every function's {@code .pdata} entries, like with like: the same fragments, each in the
 *       same form (packed on both sides, or an .xdata record on both) with the same bytes (the
 *       packed word, or the whole record). A difference names each side's form and, as the fallback
 *       that explains it, the first difference of the decoded
 *       {@link dev.a64w.check.unwind.UnwindMeaning}s ("same meaning" when the encodings differ but
 *       describe the same frame, e.g. one side packed where the other did not: still a mismatch,
 *       since the subject packs exactly where LLVM MC does, docs/unwind-emission.md). A function of
 *       several fragments (1 MiB or more) cut at different points compares as a {@link WholeUnwind}
 *       — each side's fragments tile the function with end_c + phantom prologue after the first,
 *       then length, prologue, epilogues at their offsets from the function start and handler
 *       compare (see {@code UnwindDiff}).</li>
 * </ol>
 * Symbols MC adds ({@code @feat.00}, {@code .file}) and empty sections present in only one object
 * are ignored. Only {@link CoffReader} and the independent unwind decoder read the bytes.
 */
public final class McCheck {
    /** For callers without a disassembler: words are shown in hex only. */
    public static final IntFunction<Optional<String>> NO_DISASSEMBLER = w -> Optional.empty();

    private McCheck() {
    }

    public static Verdict compare(Bytes subject, Bytes mc) {
        return compare(subject, mc, NO_DISASSEMBLER);
    }

    /**
     * {@code pass} or a mismatch naming the first difference; an MC object that does not read is an
     * oracle error. {@code disassembler} (e.g. {@code Disassembler::disassemble} of oracle-llvm)
     * adds the instructions to a text difference.
     */
    public static Verdict compare(Bytes subject, Bytes mc, IntFunction<Optional<String>> disassembler) {
        CoffObject m;
        try {
            m = CoffReader.read(mc);
        } catch (MalformedObjectException e) {
            return new Verdict.OracleError("mc object malformed: " + e.getMessage());
        }
        CoffObject s;
        try {
            s = CoffReader.read(subject);
        } catch (MalformedObjectException e) {
            return new Verdict.Mismatch(Check.MC, "subject object malformed: " + e.getMessage());
        }
        List<String> d = differences(ObjectView.of(s), ObjectView.of(m), disassembler);
        return d.isEmpty() ? Verdict.PASS : new Verdict.Mismatch(Check.MC, d.get(0));
    }

    /** Every difference, one line each, in the order: bytes, relocations, alignment, unwind. */
    public static List<String> differences(Bytes subject, Bytes mc, IntFunction<Optional<String>> disassembler) {
        CoffObject s;
        CoffObject m;
        try {
            s = CoffReader.read(subject);
        } catch (MalformedObjectException e) {
            return List.of("subject object malformed: " + e.getMessage());
        }
        try {
            m = CoffReader.read(mc);
        } catch (MalformedObjectException e) {
            return List.of("mc object malformed: " + e.getMessage());
        }
        return differences(ObjectView.of(s), ObjectView.of(m), disassembler);
    }

    /** A human-readable report: the differences, then side-by-side section, text, relocation and unwind tables. */
    public static String report(Bytes subject, Bytes mc, IntFunction<Optional<String>> disassembler) {
        List<String> d = differences(subject, mc, disassembler);
        try {
            return McReport.render(d, ObjectView.of(CoffReader.read(subject)), ObjectView.of(CoffReader.read(mc)),
                    disassembler);
        } catch (MalformedObjectException e) {
            return "differences:\n  " + String.join("\n  ", d) + "\n";
        }
    }

    static List<String> differences(ObjectView s, ObjectView m, IntFunction<Optional<String>> dis) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(s.sections().keySet());
        keys.addAll(m.sections().keySet());
        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            if ((a != null && !ObjectView.compared(a)) || (b != null && !ObjectView.compared(b))) {
                continue;
            }
            if (a == null || b == null) {
                Section only = a == null ? b : a;
                if (size(only) != 0 || !only.relocations().isEmpty()) {
                    out.add("section " + key + " only in " + (a == null ? "mc" : "subject") + " (0x"
                            + Long.toHexString(size(only)) + " bytes)");
                }
                continue;
            }
            bytes(key, a, b, s, m, dis).ifPresent(out::add);
        }
        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            if (a != null && b != null && ObjectView.compared(a) && ObjectView.compared(b)) {
                relocations(key, s.relocations(a), m.relocations(b)).ifPresent(out::add);
            }
        }
        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            if (a != null && b != null && (size(a) != 0 || size(b) != 0) && a.alignment() != b.alignment()) {
                out.add("alignment of " + key + " differs: " + a.alignment() + " vs " + b.alignment());
            }
        }
        s.unwind().problems().forEach(p -> out.add("subject unwind: " + p));
        m.unwind().problems().forEach(p -> out.add("mc unwind: " + p));
        UnwindDiff.functions(s, m, out);
        return out;
    }

    static long size(Section s) {
        return s.isUninitialized() ? s.sizeOfRawData() : s.data().size();
    }

    /** Bit mask per byte of the addend fields covered by the same relocation type in both sections. */
    static byte[] addendMask(Section a, Section b) {
        byte[] mask = new byte[Math.max(a.data().size(), b.data().size())];
        Map<Long, List<Relocation>> inB = new HashMap<>();
        for (Relocation rb : b.relocations()) {
            inB.computeIfAbsent(rb.offset(), k -> new ArrayList<>()).add(rb);
        }
        for (Relocation ra : a.relocations()) {
            if (ra.arm64Type().isEmpty()
                    || inB.getOrDefault(ra.offset(), List.of()).stream().noneMatch(rb -> rb.type() == ra.type())) {
                continue;
            }
            Arm64RelocType t = ra.arm64Type().get();
            long bits = t.patchesInstruction() ? InlineAddend.instructionMask(t) & 0xFFFF_FFFFL : -1L;
            int width = t.patchesInstruction() ? 4 : t.width();
            for (int k = 0; k < width && ra.offset() + k < mask.length; k++) {
                mask[(int) ra.offset() + k] |= (byte) (bits >>> (8 * k));
            }
        }
        return mask;
    }

    private static Optional<String> bytes(String key, Section a, Section b, ObjectView s, ObjectView m,
                                          IntFunction<Optional<String>> dis) {
        if (a.isUninitialized() || b.isUninitialized()) {
            return a.sizeOfRawData() == b.sizeOfRawData() && a.isUninitialized() == b.isUninitialized()
                    ? Optional.empty()
                    : Optional.of("section " + key + " differs: " + describe(a) + " vs " + describe(b));
        }
        Bytes x = a.data();
        Bytes y = b.data();
        byte[] mask = addendMask(a, b);
        int common = Math.min(x.size(), y.size());
        for (int i = 0; i < common; i++) {
            if (((x.get(i) ^ y.get(i)) & ~mask[i]) == 0) {
                continue;
            }
            if (a.isCode() && b.isCode()) {
                int at = i & ~3;
                if (at + 4 <= common) {
                    int wa = (int) x.u32(at);
                    int wb = (int) y.u32(at);
                    String asm = dis.apply(wa).map(t -> " (" + t + " vs " + dis.apply(wb).orElse("?") + ")").orElse("");
                    return Optional.of(String.format("text differs at %s+0x%x: 0x%08x vs 0x%08x%s", key, at, wa, wb, asm));
                }
            }
            return Optional.of(String.format("data differs at %s+0x%x: 0x%02x vs 0x%02x", key, i, x.u8(i), y.u8(i)));
        }
        if (x.size() != y.size()) {
            return Optional.of("size of " + key + " differs: 0x" + Integer.toHexString(x.size()) + " vs 0x"
                    + Integer.toHexString(y.size()));
        }
        return Optional.empty();
    }

    private static String describe(Section s) {
        return (s.isUninitialized() ? "uninitialized" : "initialized") + " 0x" + Long.toHexString(size(s));
    }

    private static Optional<String> relocations(String key, List<ObjectView.NormReloc> a, List<ObjectView.NormReloc> b) {
        Map<Long, List<ObjectView.NormReloc>> byOffsetA = byOffset(a);
        Map<Long, List<ObjectView.NormReloc>> byOffsetB = byOffset(b);
        TreeMap<Long, Boolean> offsets = new TreeMap<>();
        byOffsetA.keySet().forEach(o -> offsets.put(o, true));
        byOffsetB.keySet().forEach(o -> offsets.put(o, true));
        for (long off : offsets.keySet()) {
            List<ObjectView.NormReloc> ra = byOffsetA.getOrDefault(off, List.of());
            List<ObjectView.NormReloc> rb = byOffsetB.getOrDefault(off, List.of());
            boolean same = ra.size() == rb.size();
            for (int i = 0; same && i < ra.size(); i++) {
                same = ra.get(i).sameAs(rb.get(i));
            }
            if (!same) {
                return Optional.of("relocation differs at " + key + "+0x" + Long.toHexString(off) + ": "
                        + lines(ra) + " vs " + lines(rb));
            }
        }
        return Optional.empty();
    }

    static Map<Long, List<ObjectView.NormReloc>> byOffset(List<ObjectView.NormReloc> rs) {
        Map<Long, List<ObjectView.NormReloc>> out = new TreeMap<>();
        for (ObjectView.NormReloc r : rs) {
            out.computeIfAbsent(r.offset(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static String lines(List<ObjectView.NormReloc> rs) {
        return rs.isEmpty() ? "none" : String.join(" + ", rs.stream().map(ObjectView.NormReloc::line).toList());
    }
}
