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

    record Ret(List<VReg> values) implements VTerm {
        public Ret {
            values = List.copyOf(values);
        }

        public List<VReg> uses() { return values; }
        public List<Edge> edges() { return List.of(); }
    }

    /**
     * A tail call: arguments in x0..x7 then the function's own incoming stack-argument area (which
     * must be large enough), the frame torn down, then {@code b}/{@code br} to the target.
     */
    record TailCall(CallTarget target, List<VReg> args) implements VTerm {
        public TailCall {
            args = List.copyOf(args);
        }

        public List<VReg> uses() {
            List<VReg> all = new ArrayList<>();
            if (target instanceof CallTarget.Indirect i) all.add(i.callee());
            all.addAll(args);
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
