package dev.a64w.audit;

import dev.a64w.check.unwind.Context;
import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.check.unwind.FunctionTable;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Memory;
import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.UnwindOp;
import dev.a64w.check.unwind.VirtualUnwinder;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One instruction boundary checked: unwind one frame with {@link VirtualUnwinder} (the function
 * table's entry for pc, or a leaf's pc = LR if there is none) and compare with the caller's state
 * at entry ({@link EntryState#expectedCaller()}): SP, pc, x19–x30 and d8–d15, in that order; the
 * first difference is the disagreement, at pc's offset from the function start.
 */
final class BoundaryCheck {
    private static final Context EXPECTED = EntryState.expectedCaller();

    private final AuditCpu cpu;
    private final FunctionTable table;
    private final Map<FunctionEntry, UnwindMeaning> meanings = new IdentityHashMap<>();

    BoundaryCheck(AuditCpu cpu, FunctionTable table) {
        this.cpu = cpu;
        this.table = table;
    }

    /** The boundary the CPU is at. */
    Optional<Verdict> now(long begin) {
        return of(cpu.context(), cpu.memory(), begin);
    }

    /** A boundary in the state {@code now} with memory {@code memory} (a state the CPU need not be in). */
    Optional<Verdict> of(Context now, Memory memory, long begin) {
        long offset = now.pc() - begin;
        Context caller;
        try {
            caller = unwind(now, memory);
        } catch (MalformedUnwindException e) {
            return Optional.of(new Verdict.Disagree(offset, "unwind failed: " + e.getMessage()));
        }
        return firstDifference(caller).map(d -> new Verdict.Disagree(offset, d));
    }

    /**
     * What unwinding found in one state, by where pc is for the unwinder ({@link VirtualUnwinder.Place}):
     * pcs of one function whose place is the same (all of its body, say) unwind one state alike, so
     * the unwind runs once per place. Valid for one state and its memory only.
     */
    static final class Memo {
        private final Map<FunctionEntry, Map<Sequence, Map<Long, Optional<String>>>> found = new IdentityHashMap<>();

        private Optional<String> get(FunctionEntry e, VirtualUnwinder.Place p, java.util.function.Supplier<Optional<String>> unwind) {
            Map<Long, Optional<String>> bySkip = found.computeIfAbsent(e, k -> new IdentityHashMap<>())
                    .computeIfAbsent(p.sequence(), k -> new HashMap<>());
            Optional<String> r = bySkip.get(p.skip());
            if (r == null) {
                r = unwind.get();
                bySkip.put(p.skip(), r);
            }
            return r;
        }
    }

    /**
     * {@link #of(Context, Memory, long)} for {@code state} with pc set to {@code pc}, remembered in
     * {@code memo} by place (a place whose codes include a custom frame code is unwound every time:
     * those read pc).
     */
    Optional<Verdict> of(Context state, Memory memory, long begin, long pc, Memo memo) {
        Optional<FunctionEntry> entry = table.lookup(pc);
        long delta = entry.map(e -> pc - (e.imageBase() + e.beginRva())).orElse(-1L);
        if (entry.isEmpty() || delta % 4 != 0) {
            return of(state.withPc(pc), memory, begin);
        }
        UnwindMeaning m;
        try {
            m = meanings.computeIfAbsent(entry.get(), k -> k.data().meaning());
        } catch (MalformedUnwindException e) {
            return of(state.withPc(pc), memory, begin);
        }
        VirtualUnwinder.Place place = VirtualUnwinder.place(m, delta / 4);
        if (place.sequence().ops().stream().anyMatch(op -> op instanceof UnwindOp.Special)
                || place.sequence().phantom().stream().anyMatch(op -> op instanceof UnwindOp.Special)) {
            return of(state.withPc(pc), memory, begin);
        }
        Optional<String> found = memo.get(entry.get(), place, () -> of(state.withPc(pc), memory, begin)
                .map(v -> ((Verdict.Disagree) v).detail()));
        return found.map(d -> new Verdict.Disagree(pc - begin, d));
    }

    /** {@link VirtualUnwinder#unwind}, with each entry's meaning decoded once (a sweep unwinds in one function many times). */
    private Context unwind(Context now, Memory memory) {
        Optional<FunctionEntry> entry = table.lookup(now.pc());
        if (entry.isEmpty()) {
            return VirtualUnwinder.unwind(now, memory, entry);
        }
        FunctionEntry e = entry.get();
        long delta = now.pc() - (e.imageBase() + e.beginRva());
        if (delta < 0 || delta % 4 != 0 || !e.contains(now.pc())) {
            return VirtualUnwinder.unwind(now, memory, entry); // refuses it, with its message
        }
        UnwindMeaning m = meanings.computeIfAbsent(e, k -> k.data().meaning());
        return VirtualUnwinder.run(now, memory, m, delta / 4);
    }

    private static Optional<String> firstDifference(Context got) {
        if (got.sp() != EXPECTED.sp()) {
            return Optional.of(diff("sp", EXPECTED.sp(), got.sp()));
        }
        if (got.pc() != EXPECTED.pc()) {
            return Optional.of(diff("pc", EXPECTED.pc(), got.pc()));
        }
        for (int n = 19; n <= 30; n++) {
            if (got.x(n) != EXPECTED.x(n)) {
                return Optional.of(diff("x" + n, EXPECTED.x(n), got.x(n)));
            }
        }
        for (int n = 8; n <= 15; n++) {
            if (got.d(n) != EXPECTED.d(n)) {
                return Optional.of(diff("d" + n, EXPECTED.d(n), got.d(n)));
            }
        }
        return Optional.empty();
    }

    private static String diff(String reg, long expected, long got) {
        return String.format("%s expected 0x%x got 0x%x", reg, expected, got);
    }
}
