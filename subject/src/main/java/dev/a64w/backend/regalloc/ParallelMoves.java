package dev.a64w.backend.regalloc;

import java.util.ArrayList;
import java.util.List;

/**
 * Sequentializes a parallel move (every destination receives the value its source held before
 * any move), breaking cycles through one scratch location that is neither a source nor a
 * destination.
 */
public final class ParallelMoves {
    /** One move between locations. */
    public record Move(Loc src, Loc dst) {}

    private ParallelMoves() {}

    public static List<Move> sequence(List<Move> parallel, Loc scratch) {
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
                out.add(new Move(m.dst(), scratch));
                for (int k = 0; k < pending.size(); k++) {
                    Move p = pending.get(k);
                    if (p.src().equals(m.dst())) pending.set(k, new Move(scratch, p.dst()));
                }
            }
        }
        return out;
    }
}
