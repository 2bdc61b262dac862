package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.check.unwind.UnwindOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host of a secondary fragment: the function whose frame the fragment's phantom codes (those
 * after {@code end_c}) describe. MSVC's shrink-wrapping splits a function into a primary part that
 * builds some of the frame and fragments that build the rest, each fragment's codes ending with
 * {@code end_c} followed by the primary's prologue codes; the primary comes first in the image.
 * Fragments nest: a fragment's phantom codes can be another fragment's own codes followed by that
 * one's phantom codes. The host is the nearest of the {@link #SEARCH} entries before the fragment
 * whose prologue codes (own, then phantom) are exactly the phantom codes; if it is a fragment
 * itself, its host is found the same way. The chain's prologues, outermost first, are then run from
 * the code to build the frame the fragment runs in.
 */
final class HostFinder {
    /** How many entries before a fragment are searched for its host. */
    static final int SEARCH = 256;

    /** A host: where it starts and how many prologue instructions of its own it has. */
    record Host(long rva, int prologueCount) {
    }

    private final List<AuditFunction> functions;
    private final long[] rvas;

    HostFinder(List<AuditFunction> functions) {
        this.functions = functions;
        this.rvas = functions.stream().mapToLong(AuditFunction::rva).toArray();
    }

    /** The hosts of the fragment at {@code fragmentRva}, outermost (the primary) first; empty if none is found. */
    List<Host> find(long fragmentRva, List<UnwindOp> phantom) {
        int at = Arrays.binarySearch(rvas, fragmentRva);
        if (at < 0) {
            return List.of();
        }
        while (at > 0 && rvas[at - 1] == fragmentRva) {
            at--;
        }
        for (int j = at - 1; j >= 0 && j >= at - SEARCH; j--) {
            if (functions.get(j).unwind() instanceof AuditTarget.Unwind.Decoded d) {
                UnwindMeaning m;
                try {
                    m = d.data().meaning();
                } catch (MalformedUnwindException e) {
                    continue; // not a host
                }
                List<UnwindOp> whole = new ArrayList<>(m.prologue().ops());
                whole.addAll(m.prologue().phantom());
                if (!whole.equals(phantom)) {
                    continue;
                }
                Host here = new Host(rvas[j], m.prologue().instructionCount());
                if (m.prologue().phantom().isEmpty()) {
                    return List.of(here);
                }
                List<Host> outer = find(rvas[j], m.prologue().phantom());
                if (outer.isEmpty()) {
                    return List.of();
                }
                List<Host> chain = new ArrayList<>(outer);
                chain.add(here);
                return chain;
            }
        }
        return List.of();
    }

    /**
     * For a fragment of one of our own images, whose fragments of a long function follow each
     * other: the hosts of the fragment at {@code fragmentRva} found by position rather than by
     * codes — the entry that ends exactly where it starts, and that entry's own hosts if it is a
     * fragment too (by codes, else by position). Its phantom codes are then checked against the
     * frame the host's prologue builds, where {@link #find} would find no host for wrong ones.
     */
    List<Host> adjacent(long fragmentRva) {
        int at = Arrays.binarySearch(rvas, fragmentRva);
        if (at <= 0) {
            return List.of();
        }
        while (at > 0 && rvas[at - 1] == fragmentRva) {
            at--;
        }
        if (at == 0 || !(functions.get(at - 1).unwind() instanceof AuditTarget.Unwind.Decoded d)) {
            return List.of();
        }
        UnwindMeaning m;
        try {
            m = d.data().meaning();
        } catch (MalformedUnwindException e) {
            return List.of();
        }
        if (rvas[at - 1] + m.functionLengthBytes() != fragmentRva) {
            return List.of();
        }
        Host here = new Host(rvas[at - 1], m.prologue().instructionCount());
        if (!m.prologue().endC() || m.prologue().phantom().isEmpty()) {
            return List.of(here);
        }
        List<Host> outer = find(rvas[at - 1], m.prologue().phantom());
        if (outer.isEmpty()) {
            outer = adjacent(rvas[at - 1]);
        }
        if (outer.isEmpty()) {
            return List.of();
        }
        List<Host> chain = new ArrayList<>(outer);
        chain.add(here);
        return chain;
    }
}
