package dev.a64w.diff.readobj;

import java.util.List;
import java.util.Optional;

/** One {@code RuntimeFunction} block of llvm-readobj's {@code --unwind} output (one {@code .pdata} entry). */
public sealed interface ReadobjEntry {
    /** Where the entry says the function starts. */
    Optional<FunctionRef> function();

    /** Flag 0: the entry points to an {@code .xdata} record (absent when readobj could not find its section). */
    record Unpacked(Optional<FunctionRef> function, FunctionRef exceptionRecord, Optional<ReadobjXdata> xdata)
            implements ReadobjEntry {
    }

    /**
     * Flag 1 or 2: the packed fields as printed ({@code functionLength} and {@code frameSize} in
     * bytes) and the prologue readobj synthesizes from them, line by line in unwind order, ending
     * with {@code "end"}.
     */
    record Packed(Optional<FunctionRef> function, boolean fragment, long functionLength, int regF, int regI,
                  boolean homedParameters, int cr, long frameSize, List<String> prologue) implements ReadobjEntry {
        public Packed {
            prologue = List.copyOf(prologue);
        }
    }

    /** A block readobj started but gave up on (it stops dumping the section there). */
    record Incomplete(Optional<FunctionRef> function, List<String> lines) implements ReadobjEntry {
        public Incomplete {
            lines = List.copyOf(lines);
        }
    }

    static ReadobjEntry of(ReadobjTree t) {
        Optional<FunctionRef> fn = t.field("Function").map(FunctionRef::parse);
        if (t.field("RegF").isPresent()) {
            List<String> pro = t.scope("Prologue").map(ReadobjTree::lines).orElse(List.of());
            return new Packed(fn, t.bool("Fragment"), t.number("FunctionLength"), (int) t.number("RegF"),
                    (int) t.number("RegI"), t.bool("HomedParameters"), (int) t.number("CR"), t.number("FrameSize"), pro);
        }
        Optional<String> record = t.field("ExceptionRecord");
        if (record.isPresent() && fn.isPresent()) {
            return new Unpacked(fn, FunctionRef.parse(record.get()), t.scope("ExceptionData").map(ReadobjXdata::of));
        }
        return new Incomplete(fn, t.lines());
    }
}
