package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The checked cases as ranges, and the batches handed out from them. */
@Epic("fuzz")
@Feature("workers")
class CaseRangesTest {
    @Test
    void rangesHoldExactlyTheCasesAddedInAnyOrder() {
        Random rnd = new Random(3);
        for (int round = 0; round < 50; round++) {
            CaseRanges r = new CaseRanges();
            TreeSet<Long> model = new TreeSet<>();
            for (int k = 0; k < 200; k++) {
                long i = rnd.nextInt(120);
                assertEquals(model.add(i), r.add(i));
            }
            assertEquals(model.size(), r.count());
            for (long i = 0; i < 130; i++) {
                assertEquals(model.contains(i), r.contains(i), "case " + i);
                long next = i;
                while (model.contains(next)) next++;
                assertEquals(next, r.nextNotIn(i));
            }
            CaseRanges back = CaseRanges.of(r.ranges());
            assertEquals(r.count(), back.count());
            for (int k = 1; k < r.ranges().size(); k++) {
                assertTrue(r.ranges().get(k - 1)[1] < r.ranges().get(k)[0], "disjoint and not touching");
            }
        }
    }

    @Test
    void overlappingRangesMergeAndBadOnesAreRefused() {
        CaseRanges r = CaseRanges.of(List.of(new long[] {5, 10}, new long[] {0, 3}, new long[] {3, 6}, new long[] {20, 20}));
        assertEquals(1, r.ranges().size());
        assertArrayEquals(new long[] {0, 10}, r.ranges().getFirst());
        assertEquals(10, r.count());
        assertThrows(IllegalArgumentException.class, () -> CaseRanges.of(List.of(new long[] {4, 2})));
        assertThrows(IllegalArgumentException.class, () -> CaseRanges.of(List.of(new long[] {-1, 2})));
        assertThrows(IllegalArgumentException.class, () -> CaseRanges.of(List.of(new long[] {1})));
    }

    @Test
    void theQueueSkipsCheckedCasesHandsBackFirstAndStopsAtTheLimit() {
        CaseRanges done = CaseRanges.of(List.of(new long[] {0, 4}, new long[] {6, 7}));
        WorkQueue q = new WorkQueue(done, 12);
        assertEquals(List.of(4L, 5L, 7L), q.take(3));
        assertEquals(List.of(8L, 9L, 10L), q.take(3));
        q.handBackOneByOne(List.of(8L, 9L, 10L));
        q.handBack(List.of(5L, 7L));
        assertEquals(List.of(5L, 7L), q.take(3), "the batch handed back last goes out first");
        assertEquals(List.of(8L), q.take(3));
        assertEquals(List.of(9L), q.take(3));
        assertFalse(q.exhausted());
        assertEquals(List.of(10L), q.take(3));
        assertEquals(List.of(11L), q.take(3));
        assertTrue(q.exhausted());
        assertTrue(q.take(3).isEmpty());
    }
}
