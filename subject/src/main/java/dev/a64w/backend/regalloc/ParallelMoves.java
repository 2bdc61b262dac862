package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.RegClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequentializes a parallel move (every destination receives the value its source held before
 * any move). Each move belongs to one register class and never crosses classes; the moves of each
 * class are sequenced on their own (integer moves first, then float moves: the two never share a
 * location), a cycle breaking through the scratch register of its class, which is neither a source
 * nor a destination: x16 for INT, v31 for FLOAT ({@link #scratch}; the allocator never hands either
 * out). Spill slots hold either class.
 */
public final class ParallelMoves {
    /** One move between locations of class {@code cls} (a register end must be of that class). */
    public record Move(Loc src, Loc dst, RegClass cls) {
        public Move {
            check(src, cls);
            check(dst, cls);
        }

        private static void check(Loc l, RegClass cls) {
            if (l instanceof Loc.InReg r && r.cls() != cls) throw new IllegalArgumentException("a " + cls + " move through " + r.reg());
        }
    }

    private static final Loc INT_SCRATCH = Loc.InReg.of(Gpr.X16);
    private static final Loc FLOAT_SCRATCH = Loc.InReg.of(FReg.v(31));

    private ParallelMoves() {}

    /** The cycle-breaking scratch of a class: x16 (INT) or v31 (FLOAT). */
    public static Loc scratch(RegClass cls) {
        return cls == RegClass.FLOAT ? FLOAT_SCRATCH : INT_SCRATCH;
    }

    public static List<Move> sequence(List<Move> parallel) {
        List<Move> ints = new ArrayList<>(parallel.size()), floats = new ArrayList<>();
        for (Move m : parallel) (m.cls() == RegClass.FLOAT ? floats : ints).add(m);
        List<Move> out = sequence(ints, RegClass.INT);
        if (!floats.isEmpty()) out.addAll(sequence(floats, RegClass.FLOAT));
        return out;
    }

    private static List<Move> sequence(List<Move> parallel, RegClass cls) {
        Loc scratch = scratch(cls);
        List<Move> pending = new ArrayList<>();
        for (Move m : parallel) {
            if (m.src().equals(m.dst())) continue;
            for (Move p : pending) {
                if (p.dst().equals(m.dst())) throw new IllegalArgumentException("two moves into " + m.dst());
            }
            if (m.src().equals(scratch) || m.dst().equals(scratch)) throw new IllegalArgumentException("scratch " + scratch + " in a parallel move");
            pending.add(m);
        }
        List<Move> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (int k = 0; k < pending.size(); k++) {
                Move m = pending.get(k);
                boolean blocked = false;
                for (Move p : pending) if (p != m && p.src().equals(m.dst())) { blocked = true; break; }
                if (!blocked) {
                    out.add(m);
                    pending.remove(k);
                    k--;
                    progress = true;
                }
            }
            if (!progress) {
                Move m = pending.getFirst();
                out.add(new Move(m.dst(), scratch, cls));
                for (int k = 0; k < pending.size(); k++) {
                    Move p = pending.get(k);
                    if (p.src().equals(m.dst())) pending.set(k, new Move(scratch, p.dst(), cls));
                }
            }
        }
        return out;
    }
}
