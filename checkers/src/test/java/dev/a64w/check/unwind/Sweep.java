package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Test helper: unwinds a {@link FrameSim} function at every instruction boundary and lists what went wrong. */
final class Sweep {
    private Sweep() {
    }

    static FunctionEntry entry(UnwindData data) {
        return FunctionEntry.of(FrameSim.BASE, FrameSim.FUNC_RVA, data);
    }

    static FunctionEntry packed(PackedUnwind p) {
        return entry(new UnwindData.Packed(p));
    }

    static FunctionEntry xdata(String hex) {
        return entry(new UnwindData.Full(XdataDecoder.decode(Bytes.ofHex(hex), 0)));
    }

    /** One line per instruction whose unwind does not recover the caller; empty when every boundary unwinds. */
    static List<String> mismatches(List<Consumer<FrameSim>> function, FunctionEntry entry) {
        return mismatches(function, snap -> VirtualUnwinder.unwind(snap.context(), snap.memory(),
                FunctionTable.of(List.of(entry))));
    }

    /** The same with a meaning no encoding needs to express (positive controls). */
    static List<String> mismatches(List<Consumer<FrameSim>> function, UnwindMeaning meaning) {
        return mismatches(function, snap -> VirtualUnwinder.run(snap.context(), snap.memory(), meaning, snap.index()));
    }

    private static List<String> mismatches(List<Consumer<FrameSim>> function,
                                           java.util.function.Function<FrameSim.Snapshot, Context> unwind) {
        List<String> out = new ArrayList<>();
        Context expected = FrameSim.expectedCaller();
        for (FrameSim.Snapshot snap : FrameSim.run(function)) {
            try {
                Context caller = unwind.apply(snap);
                if (!caller.sameCalleeSaved(expected)) {
                    out.add("insn " + snap.index() + ": " + caller.calleeSavedDiff(expected));
                }
            } catch (MalformedUnwindException e) {
                out.add("insn " + snap.index() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
