package dev.a64w.ir;

import java.util.ArrayList;
import java.util.List;

/** The last instruction of a block; a block has exactly one, by construction. */
public sealed interface Terminator {
    List<Value> uses();

    List<BlockCall> successors();

    /** {@code jump blockN(args)}. */
    record Jump(BlockCall target) implements Terminator {
        public List<Value> uses() { return target.args(); }
        public List<BlockCall> successors() { return List.of(target); }
    }

    /**
     * {@code brif[.T] c, blockA(args), blockB(args)}: A when c != 0. {@code suffix} as in
     * {@link Inst}: a type suffix contradicting the type of {@code c}, else null.
     */
    record Brif(Value cond, BlockCall ifTrue, BlockCall ifFalse, Type suffix) implements Terminator {
        public Brif(Value cond, BlockCall ifTrue, BlockCall ifFalse) {
            this(cond, ifTrue, ifFalse, null);
        }

        public List<Value> uses() {
            var all = new ArrayList<Value>();
            all.add(cond);
            all.addAll(ifTrue.args());
            all.addAll(ifFalse.args());
            return List.copyOf(all);
        }

        public List<BlockCall> successors() { return List.of(ifTrue, ifFalse); }
    }

    /** {@code br_table idx, default, [t0, t1, ...]}; the index is unsigned. */
    record BrTable(Value index, BlockCall fallback, List<BlockCall> targets) implements Terminator {
        public BrTable {
            targets = List.copyOf(targets);
        }

        public List<Value> uses() {
            var all = new ArrayList<Value>();
            all.add(index);
            all.addAll(fallback.args());
            for (BlockCall t : targets) all.addAll(t.args());
            return List.copyOf(all);
        }

        public List<BlockCall> successors() {
            var all = new ArrayList<BlockCall>();
            all.add(fallback);
            all.addAll(targets);
            return List.copyOf(all);
        }
    }

    /** {@code return v...}. */
    record Return(List<Value> values) implements Terminator {
        public Return {
            values = List.copyOf(values);
        }

        public List<Value> uses() { return values; }
        public List<BlockCall> successors() { return List.of(); }
    }

    /** {@code trap code}. */
    record Trap(TrapCode code) implements Terminator {
        public List<Value> uses() { return List.of(); }
        public List<BlockCall> successors() { return List.of(); }
    }

    /** {@code return_call fnN(args)}. */
    record ReturnCall(int func, List<Value> args) implements Terminator {
        public ReturnCall {
            args = List.copyOf(args);
        }

        public List<Value> uses() { return args; }
        public List<BlockCall> successors() { return List.of(); }
    }

    /** {@code return_call_indirect sigN, callee(args)}. */
    record ReturnCallIndirect(int sig, Value callee, List<Value> args) implements Terminator {
        public ReturnCallIndirect {
            args = List.copyOf(args);
        }

        public List<Value> uses() {
            var all = new ArrayList<Value>();
            all.add(callee);
            all.addAll(args);
            return List.copyOf(all);
        }

        public List<BlockCall> successors() { return List.of(); }
    }
}
