package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.VReg;
import java.util.ArrayList;
import java.util.List;

/** A lowered block terminator. Edge arguments are moved into the target's parameters on the edge. */
public sealed interface VTerm {
    List<VReg> uses();

    List<Edge> edges();

    record Jump(Edge target) implements VTerm {
        public List<VReg> uses() { return target.args(); }
        public List<Edge> edges() { return List.of(target); }
    }

    /** {@code test} sets flags and names the condition under which {@code taken} is followed; it reads {@code testUses}. */
    record Branch(List<VReg> testUses, CondTest test, Edge taken, Edge notTaken) implements VTerm {
        public Branch {
            testUses = List.copyOf(testUses);
            if (testUses.size() > 2) throw new IllegalArgumentException("branch test with more than 2 uses");
        }

        public List<VReg> uses() {
            List<VReg> all = new ArrayList<>(testUses);
            all.addAll(taken.args());
            all.addAll(notTaken.args());
            return all;
        }

        public List<Edge> edges() { return List.of(taken, notTaken); }
    }

    /** {@code br_table}: index of {@code indexBits} bits (unsigned), a fallback and the targets. */
    record Table(VReg index, int indexBits, Edge fallback, List<Edge> targets) implements VTerm {
        public Table {
            targets = List.copyOf(targets);
        }

        public List<VReg> uses() {
            List<VReg> all = new ArrayList<>();
            all.add(index);
            for (Edge e : edges()) all.addAll(e.args());
            return all;
        }

        public List<Edge> edges() {
            List<Edge> all = new ArrayList<>();
            all.add(fallback);
            all.addAll(targets);
            return all;
        }
    }

    /** Return: the values moved to their fixed places (x0..x7, v0..v7), then the epilogue. */
    record Ret(List<Fixed> places) implements VTerm {
        public Ret {
            places = List.copyOf(places);
            for (Fixed r : places) if (r instanceof Fixed.OnStack) throw new IllegalArgumentException("a returned value on the stack: " + r);
        }

        /** The returned values, in order. */
        public List<VReg> values() { return Fixed.vregs(places); }
        public List<VReg> uses() { return values(); }
        public List<Edge> edges() { return List.of(); }
    }

    /**
     * A tail call: arguments in their fixed places (x0..x7, v0..v7, then the function's own incoming
     * stack-argument area, which must be large enough), the frame torn down, then {@code b}/{@code
     * br} to the target.
     */
    record TailCall(CallTarget target, List<Fixed> args) implements VTerm {
        public TailCall {
            args = List.copyOf(args);
        }

        public List<VReg> uses() {
            List<VReg> all = new ArrayList<>();
            if (target instanceof CallTarget.Indirect i) all.add(i.callee());
            for (Fixed a : args) all.add(a.v());
            return all;
        }

        public List<Edge> edges() { return List.of(); }
    }

    /** {@code brk #imm}. */
    record Trap(int imm) implements VTerm {
        public List<VReg> uses() { return List.of(); }
        public List<Edge> edges() { return List.of(); }
    }
}
