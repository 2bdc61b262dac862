package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.check.unwind.FunctionTable;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.UnwindOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audits one function entry on the shared {@link AuditCpu}:
 * <ol>
 *   <li>the prologue: from {@link EntryState} at the function start, step the number of
 *       instructions the unwind data gives; before each and after the last, unwind one frame with
 *       {@link VirtualUnwinder} and require the caller's SP, pc (= LR at entry), x19–x30 and d8–d15;</li>
 *   <li>each epilogue: run the prologue again, give every callee-saved register that the epilogue
 *       restores a distinct body value, and step from the epilogue's start to its {@code ret} or tail
 *       branch, unwinding at every boundary (the terminator included, not executed).</li>
 * </ol>
 * Which registers an epilogue restores is found by running it once beforehand with body values in
 * every candidate (x19–x28, x30, d8–d15, and x29 unless the prologue made it the frame pointer) and
 * seeing which values it replaced — from the code, not from the unwind codes it is checked against;
 * likewise the body's SP (see {@link EpilogueProbe}).
 * The first disagreement or unsupported instruction, in execution order, is the verdict.
 *
 * <p>With {@link AuditScope#EVERY_BOUNDARY}, everything after the prologue is {@link BoundarySweep}'s:
 * each epilogue is stepped from the post-prologue state instead of the probe's (our images' bodies
 * keep the post-prologue SP), the rest of the function is covered too, and a fragment whose phantom
 * codes match no host is checked in the frame of the entry that ends where it starts.
 */
final class FunctionAuditor {
    /** Instructions an epilogue may run past the length its unwind data gives before a return must come. */
    private static final int EPILOGUE_SLACK = 8;
    private final AuditCpu cpu;
    private final AuditTarget target;
    private final AuditScope scope;
    private final PrologueStepper stepper;
    private final EpilogueProbe probe;
    private final HostFinder hosts;
    private final BoundaryCheck check;
    private final BoundarySweep sweep;
    private Coverage coverage = Coverage.NONE;
    /** Boundaries the last checked prologue run unwound at. */
    private int prologueChecked;

    FunctionAuditor(AuditCpu cpu, AuditTarget target, FunctionTable table, InsnNames names) {
        this(cpu, target, table, names, AuditScope.PROLOGUE_AND_EPILOGUES);
    }

    FunctionAuditor(AuditCpu cpu, AuditTarget target, FunctionTable table, InsnNames names, AuditScope scope) {
        this.cpu = cpu;
        this.target = target;
        this.scope = scope;
        this.stepper = new PrologueStepper(cpu, target, names);
        this.probe = new EpilogueProbe(cpu, stepper);
        this.hosts = new HostFinder(target.functions());
        this.check = new BoundaryCheck(cpu, table);
        this.sweep = new BoundarySweep(cpu, target, names, check);
    }

    /** Checks a function without unwind data ({@link BoundarySweep#leaf}); its coverage is then {@link #coverage()}. */
    Verdict leaf(LeafFunction f) {
        BoundarySweep.Result r = sweep.leaf(f);
        coverage = r.coverage();
        return r.verdict().orElse(new Verdict.Ok(coverage.total(), false));
    }

    /** The boundaries the last {@link #audit} checked, by kind ({@link AuditScope#EVERY_BOUNDARY}; else prologue and epilogue only). */
    Coverage coverage() {
        return coverage;
    }

    Verdict audit(AuditFunction f) {
        coverage = Coverage.NONE;
        return switch (f.unwind()) {
            case AuditTarget.Unwind.Undecodable u -> new Verdict.Disagree(0, "unwind data: " + u.reason());
            case AuditTarget.Unwind.Decoded d -> audit(f, d.data());
        };
    }

    private Verdict audit(AuditFunction f, UnwindData data) {
        UnwindMeaning m;
        try {
            m = data.meaning();
        } catch (MalformedUnwindException e) {
            return new Verdict.Disagree(0, "unwind data: " + e.getMessage());
        }
        Optional<Verdict> shape = shape(data, m);
        if (shape.isPresent()) {
            return shape.get();
        }
        long begin = target.imageBase() + f.rva();
        int n = m.prologue().instructionCount();
        List<HostFinder.Host> host = List.of();
        if (m.prologue().endC() && !m.prologue().phantom().isEmpty()) {
            host = hosts.find(f.rva(), m.prologue().phantom());
            if (host.isEmpty() && scope == AuditScope.EVERY_BOUNDARY) {
                host = hosts.adjacent(f.rva()); // our own images: a long function's fragments follow each other
            }
            if (host.isEmpty()) {
                return new Verdict.Unsupported(String.format("secondary fragment (end_c): no host among the %d entries"
                        + " before it whose prologue codes are its phantom codes", HostFinder.SEARCH));
            }
        }
        Frame frame = new Frame(host, begin, n);
        Optional<Verdict> v = prologue(frame, true);
        coverage = new Coverage(prologueChecked, 0, 0, 0, 0);
        if (v.isPresent()) {
            return scope == AuditScope.EVERY_BOUNDARY ? BoundarySweep.where(v, "in the prologue").get() : v.get();
        }
        if (scope == AuditScope.EVERY_BOUNDARY) {
            BoundarySweep.Result r = sweep.afterPrologue(begin, m, (ep, body, stepped) -> epilogue(frame, ep, stepped, body));
            coverage = coverage.plus(r.coverage());
            return r.verdict().orElse(new Verdict.Ok(coverage.total(), false));
        }
        int boundaries = n + 1;
        for (UnwindMeaning.Epilog ep : m.epilogs()) {
            int[] stepped = new int[1];
            v = epilogue(frame, ep, stepped, null);
            if (v.isPresent()) {
                return v.get();
            }
            boundaries += stepped[0];
            coverage = coverage.plus(new Coverage(0, 0, stepped[0], 0, 0));
        }
        return new Verdict.Ok(boundaries, false);
    }

    /** Verdicts that follow from the unwind data alone: fragments, special frames, sequences that do not fit. */
    private static Optional<Verdict> shape(UnwindData data, UnwindMeaning m) {
        if (data instanceof UnwindData.Packed p && p.packed().flag() == 2) {
            return Optional.of(new Verdict.Ok(0, true));
        }
        List<Sequence> all = new ArrayList<>(List.of(m.prologue()));
        m.epilogs().forEach(e -> all.add(e.sequence()));
        for (Sequence s : all) {
            for (List<UnwindOp> ops : List.of(s.ops(), s.phantom())) {
                for (UnwindOp op : ops) {
                    Optional<String> why = op instanceof UnwindOp.Special sp ? unsupportedSpecial(sp.code()) : Optional.empty();
                    if (why.isPresent()) {
                        return Optional.of(new Verdict.Unsupported(why.get()));
                    }
                }
            }
        }
        // end_c with nothing after it (MSVC emits that for whole functions) changes nothing: audited as usual;
        // a secondary fragment with instructions of its own is audited in its host's frame (HostFinder)
        boolean hostFrame = all.stream().anyMatch(s -> !s.phantom().isEmpty());
        if (hostFrame) {
            boolean ownCode = m.prologue().instructionCount() > 0
                    || m.epilogs().stream().anyMatch(e -> e.sequence().instructionCount() > 0);
            if (!ownCode) {
                return Optional.of(new Verdict.Ok(0, true));
            }
            if (!m.prologue().endC() || m.prologue().phantom().isEmpty()) {
                return Optional.of(new Verdict.Unsupported(
                        "epilogue with phantom codes (end_c) in a function whose prologue has none: no host frame to build"));
            }
        }
        long length = m.functionLengthBytes();
        if (4L * m.prologue().instructionCount() > length) {
            return Optional.of(new Verdict.Disagree(0, String.format(
                    "unwind data: prologue of %d instructions longer than the function (0x%x bytes)",
                    m.prologue().instructionCount(), length)));
        }
        for (UnwindMeaning.Epilog ep : m.epilogs()) {
            if (ep.startOffset() >= length || ep.startOffset() < 4L * m.prologue().instructionCount()) {
                return Optional.of(new Verdict.Disagree(ep.startOffset(), String.format(
                        "unwind data: epilogue start outside the function body [0x%x, 0x%x)",
                        4L * m.prologue().instructionCount(), length)));
            }
        }
        return Optional.empty();
    }

    /**
     * Why a special code makes the function unsupported, if it does. 0xEC (clear_unwound_to_call)
     * only sets pc from lr and clears a flag the audit does not compare: it is audited. The custom
     * frames read a structure at sp that the audit's synthetic entry state does not have; 0xDF and
     * 0xED–0xF7 are reserved (docs/unwind-windows.md, "Custom codes", "Reserved codes").
     */
    static Optional<String> unsupportedSpecial(int code) {
        return switch (code) {
            case 0xEC -> Optional.empty();
            case 0xE8, 0xE9, 0xEA, 0xEB -> Optional.of(String.format("special unwind code 0x%X (%s): restores from a"
                    + " structure at sp that the synthetic entry state does not hold", code,
                    List.of("trap frame", "machine frame", "context", "ARM64EC context").get(code - 0xE8)));
            case 0xDF -> Optional.of("reserved code 0xDF (SVE alloc_z in LLVM 21+), not modelled");
            default -> Optional.of(String.format(
                    "reserved code 0x%X (Windows fails the unwind when it executes it), not modelled", code));
        };
    }

    /**
     * How a function's frame is built: for a secondary fragment, the prologues of its hosts
     * (outermost first, each entered by a jump once the previous one's prologue has run); then the
     * function's own {@code count} prologue instructions from {@code begin}.
     */
    private record Frame(List<HostFinder.Host> hosts, long begin, int count) {
    }

    /** Enters the function (through its host's prologue) and steps its prologue, checking every boundary if asked. */
    private Optional<Verdict> prologue(Frame frame, boolean checked) {
        long begin = frame.begin();
        int n = frame.count();
        for (int h = 0; h < frame.hosts().size(); h++) {
            long host = target.imageBase() + frame.hosts().get(h).rva();
            if (h == 0) {
                cpu.enter(host);
            } else {
                cpu.setPc(host);
            }
            for (int k = 0; k < frame.hosts().get(h).prologueCount(); k++) {
                Optional<Verdict> v = stepper.step(host, InsnClass.Sequence.PROLOGUE);
                if (v.isPresent()) {
                    String why = switch (v.get()) {
                        case Verdict.Unsupported u -> u.reason();
                        case Verdict.Disagree d -> d.line();
                        case Verdict.Ok o -> o.line();
                    };
                    return Optional.of(new Verdict.Unsupported(String.format("the host's prologue at 0x%x: %s",
                            host - target.imageBase(), why)));
                }
            }
        }
        if (frame.hosts().isEmpty()) {
            cpu.enter(begin);
        } else {
            cpu.setPc(begin);
        }
        prologueChecked = 0;
        for (int k = 0; ; k++) {
            if (checked) {
                prologueChecked++;
                Optional<Verdict> v = check.now(begin);
                if (v.isPresent()) {
                    return v;
                }
            }
            if (k == n) {
                return Optional.empty();
            }
            Optional<Verdict> v = stepper.step(begin, InsnClass.Sequence.PROLOGUE);
            if (v.isPresent()) {
                return v;
            }
        }
    }

    /**
     * One epilogue, checked from a body state: {@code body} if given (the post-prologue state of
     * {@link AuditScope#EVERY_BOUNDARY}), else the one {@link EpilogueProbe} finds from the code —
     * body values in the registers the epilogue restores, SP where the epilogue returns the caller's
     * SP from. The epilogue of a secondary fragment that ends with {@code end_c} always goes through
     * the probe, in its host's frame.
     */
    private Optional<Verdict> epilogue(Frame frame, UnwindMeaning.Epilog ep, int[] stepped, CpuSnapshot body) {
        long begin = frame.begin();
        long start = begin + ep.startOffset();
        int limit = ep.sequence().instructionCount() + EPILOGUE_SLACK;
        EpilogueProbe.End end = EpilogueProbe.End.RETURN;
        Optional<Verdict> v;
        if (!frame.hosts().isEmpty() && ep.sequence().endC() && !ep.sequence().phantom().isEmpty()) {
            v = prologue(new Frame(frame.hosts(), begin, 0), false);
            if (v.isPresent()) {
                return v;
            }
            end = new EpilogueProbe.End(cpu.sp(), ep.sequence().instructionCount());
            body = null;
        }
        if (body != null) {
            cpu.restore(body);
            cpu.setPc(start);
        } else {
            EpilogueProbe.Prologue run = () -> prologue(frame, false);
            EpilogueProbe.Outcome.Found found;
            switch (probe.find(run, begin, start, limit, ep.startOffset(), end)) {
                case EpilogueProbe.Outcome.Refused r -> {
                    return Optional.of(r.verdict());
                }
                case EpilogueProbe.Outcome.Found f -> found = f;
            }
            v = probe.enter(run, begin, found.start(), start, found.restored());
            if (v.isPresent()) {
                return v;
            }
        }
        for (int i = 0; ; i++) {
            stepped[0] = i + 1;
            v = check.now(begin);
            if (v.isPresent() || (end.steps() < 0 ? EpilogueProbe.terminatorAtPc(cpu) : i == end.steps())) {
                return v;
            }
            if (i == limit) {
                return Optional.of(new Verdict.Unsupported(String.format(
                        "epilogue at +0x%x: no return or tail branch within %d instructions", ep.startOffset(), limit)));
            }
            v = stepper.step(begin, InsnClass.Sequence.EPILOGUE);
            if (v.isPresent()) {
                return v;
            }
        }
    }
}
