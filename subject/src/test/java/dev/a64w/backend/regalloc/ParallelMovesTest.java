package dev.a64w.backend.regalloc;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("regalloc")
class ParallelMovesTest {
    private static Loc x(int n) {
        return Loc.InReg.of(Gpr.x(n));
    }

    private static Loc v(int n) {
        return Loc.InReg.of(FReg.v(n));
    }

    /** Runs the sequence on symbolic contents and checks every destination got its source's old value. */
    private static void assertParallel(List<Move> parallel, List<Move> seq) {
        Map<Loc, Object> state = new HashMap<>();
        for (Move m : parallel) {
            state.putIfAbsent(m.src(), "old " + m.src());
            state.putIfAbsent(m.dst(), "old " + m.dst());
        }
        Map<Loc, Object> before = new HashMap<>(state);
        for (Move m : seq) {
            assertEquals(m.cls(), m.src() instanceof Loc.InReg r ? r.cls() : m.cls());
            state.put(m.dst(), state.getOrDefault(m.src(), "garbage"));
        }
        for (Move m : parallel) assertEquals(before.get(m.src()), state.get(m.dst()), "into " + m.dst());
    }

    @Test
    void anIntegerCycleBreaksThroughX16() {
        List<Move> par = List.of(new Move(x(0), x(1), RegClass.INT), new Move(x(1), x(0), RegClass.INT));
        List<Move> seq = ParallelMoves.sequence(par);
        assertParallel(par, seq);
        assertTrue(seq.stream().anyMatch(m -> m.dst().equals(x(16))), seq.toString());
    }

    @Test
    void aFloatCycleBreaksThroughV31AndNeverTouchesAGpr() {
        List<Move> par = List.of(new Move(v(0), v(1), RegClass.FLOAT), new Move(v(1), v(2), RegClass.FLOAT), new Move(v(2), v(0), RegClass.FLOAT));
        List<Move> seq = ParallelMoves.sequence(par);
        assertParallel(par, seq);
        assertTrue(seq.stream().anyMatch(m -> m.dst().equals(v(31))), seq.toString());
        for (Move m : seq) {
            assertFalse(m.src() instanceof Loc.InReg r && r.reg() instanceof Gpr, seq.toString());
            assertFalse(m.dst() instanceof Loc.InReg r && r.reg() instanceof Gpr, seq.toString());
        }
    }

    @Test
    void mixedClassesAreSequencedApartIntegersFirst() {
        List<Move> par = List.of(new Move(v(0), v(1), RegClass.FLOAT), new Move(x(0), x(1), RegClass.INT),
                new Move(v(1), v(0), RegClass.FLOAT), new Move(x(1), x(0), RegClass.INT), new Move(new Loc.Spill(3), v(5), RegClass.FLOAT));
        List<Move> seq = ParallelMoves.sequence(par);
        assertParallel(par, seq);
        int lastInt = -1, firstFloat = seq.size();
        for (int k = 0; k < seq.size(); k++) {
            if (seq.get(k).cls() == RegClass.INT) lastInt = k;
            else firstFloat = Math.min(firstFloat, k);
        }
        assertTrue(lastInt < firstFloat, seq.toString());
    }

    @Test
    void aMoveAcrossClassesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Move(x(0), v(0), RegClass.INT));
        assertThrows(IllegalArgumentException.class, () -> new Move(x(0), v(0), RegClass.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> new Move(new Loc.Spill(0), x(3), RegClass.FLOAT));
    }

    @Test
    void theScratchMayNotBeAnOperand() {
        assertThrows(IllegalArgumentException.class, () -> ParallelMoves.sequence(List.of(new Move(v(31), v(0), RegClass.FLOAT))));
        assertThrows(IllegalArgumentException.class, () -> ParallelMoves.sequence(List.of(new Move(x(0), x(16), RegClass.INT))));
    }
}
