package dev.a64w.audit;

/** What the audit says about one function entry. */
public sealed interface Verdict {
    /** The text after {@code NAME: } on the function's output line. */
    String line();

    /**
     * Unwinding agreed with the entry state at every boundary stepped. {@code fragment}: the entry
     * has no prologue or epilogue of its own (packed Flag 2, or an {@code end_c} fragment without
     * epilogue instructions), so there was nothing to step ({@code boundaries} is 0).
     */
    record Ok(int boundaries, boolean fragment) implements Verdict {
        public String line() {
            return fragment ? "ok (fragment: no prologue or epilogue to step)" : "ok";
        }
    }

    /**
     * The unwind data is wrong: at byte {@code offset} from the function start, {@code detail} is
     * either {@code REGISTER expected X got Y} or a reason (malformed data, an unwind that fails).
     */
    record Disagree(long offset, String detail) implements Verdict {
        public String line() {
            return String.format("disagree +0x%x %s", offset, detail);
        }
    }

    /** The audit cannot judge this function (an instruction it does not step, a frame it cannot build). */
    record Unsupported(String reason) implements Verdict {
        public String line() {
            return "unsupported " + reason;
        }
    }
}
