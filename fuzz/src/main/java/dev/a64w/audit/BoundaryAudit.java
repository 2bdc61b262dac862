package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.PeSection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The static Unwind check: every instruction boundary of every function of one of our linked
 * images checked once ({@link AuditScope#EVERY_BOUNDARY}), on one emulator, independent of which
 * instructions a run would reach. Functions with {@code .pdata} get the prologue, body and epilogue
 * checks of {@link FunctionAuditor} and {@link BoundarySweep}; the named functions without one are
 * checked as leaves.
 */
public final class BoundaryAudit implements AutoCloseable {
    /**
     * One function's result.
     *
     * @param name     its export, else {@code fn@0x<rva>}; a later fragment of a long function (no
     *                 name of its own, starting where the entry before it ends) has that function's name
     * @param rva      where the entry starts
     * @param offset   where the entry starts in the named function (0 but for a later fragment)
     * @param leaf     it has no unwind data
     * @param verdict  ok, the first disagreement (its offset from the entry's start), or why it could not be checked
     * @param coverage the boundaries checked, by kind
     */
    public record Report(String name, long rva, long offset, boolean leaf, Verdict verdict, Coverage coverage) {
        /** {@code %name+0x1c}: where a disagreement is, from the named function's start. */
        public String at(Verdict.Disagree d) {
            return String.format("%%%s+0x%x", name, offset + d.offset());
        }

        public String line() {
            String what = (leaf ? "no unwind data" : "unwind data") + (offset > 0 ? String.format(" (fragment at +0x%x)", offset) : "");
            return switch (verdict) {
                case Verdict.Ok ok -> String.format("%%%s: %s, %d boundaries checked (%s)", name, what, coverage.total(),
                        coverage.line()) + (ok.fragment() ? ", a fragment without prologue or epilogue of its own: not stepped" : "");
                case Verdict.Disagree d -> at(d) + ": " + d.detail();
                case Verdict.Unsupported u -> String.format("%%%s: %s: not checked: %s", name, what, u.reason());
            };
        }
    }

    /** Where the first image is mapped; each next one 256 MiB (PeImage's largest) higher. */
    static final long FIRST_BASE = 0x10_0000_0000L;
    static final long BASE_STRIDE = 0x1000_0000L;
    /** Below the audit's stack, TEB and slots. */
    static final long LAST_BASE = 0x7000_0000_0000L;
    /** Slots kept free for the words of one image: fewer left, and the next image gets a new engine. */
    static final int SLOT_RESERVE = 8192;

    private AuditCpu cpu;
    /** The image last mapped on {@link #cpu}, and how the audit reads it. */
    private PeImage loadedImage;
    private AuditTarget loadedTarget;
    private final InsnNames names = new InsnNames();
    private long nextBase = FIRST_BASE;
    private final long lastBase;

    /**
     * A checker for one image after another on one emulator: QEMU translates each instruction word
     * the audit steps once per engine, and the prologues and epilogues of one compiler repeat their
     * words from image to image. Each image is mapped at a base no earlier one had (the engine's
     * translated code for an address is never stale); after the last base, or when the word slots
     * run low, the next image gets a fresh engine. Not thread-safe; one per worker.
     */
    public BoundaryAudit() {
        this(LAST_BASE);
    }

    /** With images mapped below {@code lastBase} only (tests: a fresh engine every few images). */
    BoundaryAudit(long lastBase) {
        this.lastBase = lastBase;
    }

    /** A one-off check on a fresh engine (costs the engine and every translation). */
    public static List<Report> run(PeImage image, List<String> functions) {
        try (BoundaryAudit a = new BoundaryAudit()) {
            return a.check(image, functions);
        }
    }

    /**
     * Every {@code .pdata} function of {@code image}, and those of {@code functions} (exported code
     * symbols) that no {@code .pdata} entry covers as leaves; in RVA order. A name the image does not
     * export as code is reported unsupported, last. An image whose directories cannot be read is one
     * disagreement ({@code %image+0x0: image: ...}).
     *
     * @throws AuditException if the emulator cannot be made or the image not mapped
     */
    public List<Report> check(PeImage image, List<String> functions) {
        return check(image, functions, false);
    }

    /**
     * The same for one case of a batch image: with {@code onlyThese}, only the {@code .pdata} entries
     * of {@code functions} are checked (an entry belongs to the nearest exported function at or below
     * it, so a long function's later fragments come with it). Checking the cases of one image one
     * after another maps it once.
     */
    public List<Report> check(PeImage image, List<String> functions, boolean onlyThese) {
        if (image != loadedImage) {
            if (cpu == null || nextBase + image.sizeOfImage() > lastBase || cpu.slotsLeft() < SLOT_RESERVE) {
                if (cpu != null) {
                    cpu.close();
                    cpu = null;
                }
                loadedImage = null;
                cpu = new AuditCpu();
                nextBase = FIRST_BASE;
            }
            long base = nextBase;
            nextBase += (image.sizeOfImage() + BASE_STRIDE - 1) / BASE_STRIDE * BASE_STRIDE;
            try {
                loadedTarget = PeReader.read(image, base);
            } catch (AuditException e) { // the image's own headers or exception directory: a finding, not the emulator's
                return List.of(new Report("image", 0, 0, false, new Verdict.Disagree(0, "image: " + e.getMessage()), Coverage.NONE));
            }
            cpu.load(loadedTarget);
            cpu.preload(codeWords(loadedTarget));
            loadedImage = image;
        }
        AuditTarget target = loadedTarget;
        java.util.function.Predicate<AuditFunction> selected = f -> true;
        if (onlyThese) {
            TreeSet<Long> exported = new TreeSet<>();
            image.exports().values().forEach(exported::add);
            java.util.Set<Long> mine = new java.util.HashSet<>();
            for (String name : functions) {
                Long rva = image.exports().get(name);
                if (rva != null) mine.add(rva);
            }
            selected = f -> {
                Long owner = exported.floor(f.rva());
                return owner != null && mine.contains(owner);
            };
        }
        List<Report> out = new ArrayList<>(check(cpu, names, target, leaves(image, target, functions), selected));
        for (String name : new TreeSet<>(functions)) {
            Long rva = image.exports().get(name);
            if (rva == null || executable(image, rva) == null) {
                out.add(new Report(name, Long.MAX_VALUE, 0, true, new Verdict.Unsupported("not a function the image exports"),
                        Coverage.NONE));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
        loadedImage = null;
        loadedTarget = null;
        names.close();
    }

    /** The functions of {@code target} and the {@code leaves}, in RVA order, on {@code cpu} (which has target loaded). */
    static List<Report> check(AuditCpu cpu, InsnNames names, AuditTarget target, List<LeafFunction> leaves,
                              java.util.function.Predicate<AuditFunction> selected) {
        List<FunctionEntry> entries = new ArrayList<>();
        for (AuditFunction f : target.functions()) {
            if (f.unwind() instanceof AuditTarget.Unwind.Decoded d) {
                entries.add(FunctionEntry.of(target.imageBase(), f.rva(), d.data()));
            }
        }
        List<Report> out = new ArrayList<>();
        FunctionAuditor auditor = new FunctionAuditor(cpu, target, new SortedFunctionTable(entries), names,
                AuditScope.EVERY_BOUNDARY);
        java.util.Map<Long, Report> ends = new java.util.HashMap<>(); // entry end RVA -> the named function's report
        for (AuditFunction f : target.functions()) {
            if (!selected.test(f)) continue;
            Verdict v = guarded(() -> auditor.audit(f));
            Report owner = f.name().startsWith("0x") ? ends.get(f.rva()) : null;
            Report r = owner != null ? new Report(owner.name(), f.rva(), owner.offset() + f.rva() - owner.rva(), false, v,
                    auditor.coverage())
                    : new Report(f.name().startsWith("0x") ? "fn@" + f.name() : f.name(), f.rva(), 0, false, v, auditor.coverage());
            out.add(r);
            if (f.unwind() instanceof AuditTarget.Unwind.Decoded d) {
                ends.putIfAbsent(f.rva() + d.data().functionLengthBytes(), r);
            }
        }
        for (LeafFunction f : leaves) {
            Verdict v = guarded(() -> auditor.leaf(f));
            out.add(new Report(f.name(), f.rva(), 0, true, v, auditor.coverage()));
        }
        out.sort(Comparator.comparingLong(Report::rva));
        return out;
    }

    /** The words of every function with decoded unwind data: what the sweep may step. */
    private static int[] codeWords(AuditTarget target) {
        java.util.stream.IntStream.Builder words = java.util.stream.IntStream.builder();
        for (AuditFunction f : target.functions()) {
            if (f.unwind() instanceof AuditTarget.Unwind.Decoded d) {
                long begin = target.imageBase() + f.rva();
                for (long a = begin; a < begin + d.data().functionLengthBytes(); a += 4) {
                    words.add(target.word(a));
                }
            }
        }
        return words.build().toArray();
    }

    private static Verdict guarded(java.util.function.Supplier<Verdict> audit) {
        try {
            return audit.get();
        } catch (RuntimeException e) {
            return new Verdict.Unsupported("internal error of the audit: " + e); // visible, and never a disagreement
        }
    }

    /**
     * The named functions in executable sections that no {@code .pdata} entry covers, each up to the
     * next function start (an export or a {@code .pdata} entry) or the end of its section.
     */
    static List<LeafFunction> leaves(PeImage image, AuditTarget target, List<String> functions) {
        TreeSet<Long> starts = new TreeSet<>();
        List<long[]> covered = new ArrayList<>();
        for (AuditFunction f : target.functions()) {
            starts.add(f.rva());
            long length = f.unwind() instanceof AuditTarget.Unwind.Decoded d ? d.data().functionLengthBytes() : 4;
            covered.add(new long[] {f.rva(), f.rva() + length});
        }
        for (long rva : image.exports().values()) {
            if (executable(image, rva) != null) {
                starts.add(rva);
            }
        }
        List<LeafFunction> out = new ArrayList<>();
        for (String name : new TreeSet<>(functions)) {
            Long rva = image.exports().get(name);
            PeSection s = rva == null ? null : executable(image, rva);
            if (s == null || covered.stream().anyMatch(c -> rva >= c[0] && rva < c[1])) {
                continue;
            }
            Long next = starts.higher(rva);
            long end = s.virtualAddress() + s.virtualSize();
            out.add(new LeafFunction(name, rva, next == null ? end : Math.min(next, end)));
        }
        return out;
    }

    private static PeSection executable(PeImage image, long rva) {
        return image.sections().stream().filter(s -> s.executable() && s.contains(rva)).findFirst().orElse(null);
    }
}
