package dev.a64w.diff;

import dev.a64w.check.unwind.Sequence;
import dev.a64w.check.unwind.UnwindMeaning;

import java.util.ArrayList;
import java.util.List;

/**
 * The unwind meaning of a whole function over all its {@code .pdata} fragments (reference §6.2), so
 * that two objects that cut a function of 1 MiB or more at different points still compare:
 * <ul>
 *   <li>{@code length}: the sum of the fragment lengths;</li>
 *   <li>{@code prologue}: the first fragment's prologue sequence;</li>
 *   <li>{@code epilogues}: every fragment's epilogues with their start offsets made relative to the
 *       function start, in order; an "epilogue" of no instructions whose codes start at
 *       {@code end_c} (what LLVM writes for a fragment with neither prologue nor epilogue) is no
 *       epilogue and is left out;</li>
 *   <li>{@code hasHandler}: any fragment has X=1.</li>
 * </ul>
 * What is not comparable across different cuts, the fragment boundaries, is checked per object
 * instead ({@link #problems}): fragments start at 0 and follow each other without gap, the first
 * has a real prologue (no {@code end_c}), and every later one has no prologue instructions, only
 * {@code end_c} and then a phantom prologue equal to the first fragment's prologue.
 */
record WholeUnwind(long length, Sequence prologue, List<UnwindMeaning.Epilog> epilogues, boolean hasHandler) {

    WholeUnwind {
        epilogues = List.copyOf(epilogues);
    }

    /** The same facts as one {@link UnwindMeaning} (for {@link UnwindText}). */
    UnwindMeaning asMeaning() {
        return new UnwindMeaning(length, prologue, epilogues, hasHandler);
    }

    /** Combines fragments sorted by offset (non-empty). */
    static WholeUnwind of(List<UnwindEntries.Fragment> sorted) {
        Sequence prologue = sorted.get(0).meaning().prologue();
        List<UnwindMeaning.Epilog> epilogues = new ArrayList<>();
        long length = 0;
        boolean handler = false;
        for (UnwindEntries.Fragment f : sorted) {
            UnwindMeaning m = f.meaning();
            for (UnwindMeaning.Epilog e : m.epilogs()) {
                if (!isNoEpilogueMarker(e.sequence())) {
                    epilogues.add(new UnwindMeaning.Epilog(f.offset() + e.startOffset(), e.sequence()));
                }
            }
            length = Math.max(length, f.offset() + m.functionLengthBytes());
            handler |= m.hasHandler();
        }
        return new WholeUnwind(length, prologue, epilogues, handler);
    }

    static boolean isNoEpilogueMarker(Sequence s) {
        return s.endC() && s.ops().isEmpty();
    }

    /** Fragment problems of one function's entries, sorted by offset; one line each, {@code fn} prefixed. */
    static List<String> problems(String fn, List<UnwindEntries.Fragment> sorted) {
        List<String> out = new ArrayList<>();
        if (sorted.isEmpty()) {
            return out;
        }
        UnwindEntries.Fragment first = sorted.get(0);
        Sequence prologue = first.meaning().prologue();
        if (prologue.endC()) {
            out.add(fn + ": .pdata entry " + first.pdataPlace() + " at +0x" + Long.toHexString(first.offset())
                    + ": the first fragment expected a prologue without end_c, actual " + UnwindText.sequence(prologue));
        }
        long cursor = first.offset();
        for (UnwindEntries.Fragment f : sorted) {
            if (f.offset() != cursor) {
                out.add(fn + ": .pdata entry " + f.pdataPlace() + " expected to start at +0x" + Long.toHexString(cursor)
                        + " (right after the previous fragment), actual +0x" + Long.toHexString(f.offset()));
            }
            cursor = f.offset() + f.meaning().functionLengthBytes();
            if (f == first) {
                continue;
            }
            Sequence p = f.meaning().prologue();
            if (!p.endC() || !p.ops().isEmpty() || !p.phantom().equals(prologue.ops())) {
                out.add(fn + ": fragment +0x" + Long.toHexString(f.offset()) + " (.pdata entry " + f.pdataPlace()
                        + "): prologue codes expected end_c and the first fragment's prologue (phantom) "
                        + UnwindText.sequence(new Sequence(List.of(), true, prologue.ops())) + ", actual "
                        + UnwindText.sequence(p));
            }
        }
        return out;
    }
}
