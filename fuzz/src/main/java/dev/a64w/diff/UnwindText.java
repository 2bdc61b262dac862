package dev.a64w.diff;

import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.UnwindOp;

import java.util.List;
import java.util.stream.Collectors;

/** Short, stable text for normalized unwind data (offsets and sizes in hex), used in details and reports. */
final class UnwindText {
    private UnwindText() {
    }

    static String op(UnwindOp op) {
        return switch (op) {
            case UnwindOp.Alloc(long bytes) -> "alloc #0x" + Long.toHexString(bytes);
            case UnwindOp.Save(List<UnwindOp.Reg> regs, long offset, boolean writeback) -> "save "
                    + regs.stream().map(UnwindOp.Reg::toString).collect(Collectors.joining(","))
                    + (writeback ? " [sp,#-0x" + Long.toHexString(offset) + "]!" : " [sp,#0x" + Long.toHexString(offset) + "]");
            case UnwindOp.SetFp(long offset) -> offset == 0 ? "set_fp" : "add_fp #0x" + Long.toHexString(offset);
            case UnwindOp.Nop() -> "nop";
            case UnwindOp.PacSignLr() -> "pac_sign_lr";
            case UnwindOp.Special(int code) -> "special 0x" + Integer.toHexString(code);
        };
    }

    static String sequence(Sequence s) {
        String ops = s.ops().stream().map(UnwindText::op).collect(Collectors.joining(", "));
        if (!s.endC()) {
            return "[" + ops + "]";
        }
        return "[" + ops + "; end_c" + (s.phantom().isEmpty() ? "" : " "
                + s.phantom().stream().map(UnwindText::op).collect(Collectors.joining(", "))) + "]";
    }

    /**
     * The first op in which two sequences differ, the cause first ({@code op 3: save x21,x22 [sp,#0x20] vs save
     * x21,x22 [sp,#0x10]}); {@code op 3: none vs nop} where one is shorter; {@code end_c} when only that differs.
     */
    static String firstOp(Sequence a, Sequence b) {
        int n = Math.max(a.ops().size(), b.ops().size());
        for (int i = 0; i < n; i++) {
            String x = i < a.ops().size() ? op(a.ops().get(i)) : "none";
            String y = i < b.ops().size() ? op(b.ops().get(i)) : "none";
            if (!x.equals(y)) return "op " + i + ": " + x + " vs " + y;
        }
        return "end_c " + a.endC() + " vs " + b.endC();
    }

    static String epilogs(List<UnwindMeaning.Epilog> epilogs) {
        return epilogs.stream()
                .map(e -> "@0x" + Long.toHexString(e.startOffset()) + " " + sequence(e.sequence()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String meaning(UnwindMeaning m) {
        return "length 0x" + Long.toHexString(m.functionLengthBytes()) + ", prologue " + sequence(m.prologue())
                + ", epilogues " + epilogs(m.epilogs()) + (m.hasHandler() ? ", handler" : "");
    }

    /** The first component in which two meanings differ, as {@code "<what> <a> vs <b>"}; empty if equal. */
    static String firstDifference(UnwindMeaning a, UnwindMeaning b) {
        if (a.functionLengthBytes() != b.functionLengthBytes()) {
            return "function length 0x" + Long.toHexString(a.functionLengthBytes()) + " vs 0x"
                    + Long.toHexString(b.functionLengthBytes());
        }
        if (!a.prologue().equals(b.prologue())) {
            return "prologue " + firstOp(a.prologue(), b.prologue()) + " (" + sequence(a.prologue()) + " vs "
                    + sequence(b.prologue()) + ")";
        }
        if (!a.epilogs().equals(b.epilogs())) {
            return "epilogues " + epilogs(a.epilogs()) + " vs " + epilogs(b.epilogs());
        }
        if (a.hasHandler() != b.hasHandler()) {
            return "handler " + a.hasHandler() + " vs " + b.hasHandler();
        }
        return "";
    }
}
