package dev.a64w.backend.a64;

import static org.junit.jupiter.api.Assertions.*;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("a64 encoder")
class ImmLogicTest {
    @Test
    void exhaustiveCountsAndRoundTrip() {
        for (int w : new int[] {32, 64}) {
            List<ImmLogic> all = ImmLogic.all(w);
            assertEquals(w == 64 ? 5334 : 1302, all.size());
            Set<Long> values = new HashSet<>();
            for (ImmLogic i : all) {
                assertTrue(values.add(i.value()), "duplicate value 0x" + Long.toHexString(i.value()));
                assertEquals(i, ImmLogic.tryFrom(i.value(), w).orElseThrow(), "re-encode 0x" + Long.toHexString(i.value()));
            }
            Random r = new Random(42);
            for (int k = 0; k < 200_000; k++) {
                long v = r.nextLong() >>> r.nextInt(64);
                if (w == 32) v &= 0xffff_ffffL;
                assertEquals(values.contains(v), ImmLogic.tryFrom(v, w).isPresent(), "0x" + Long.toHexString(v));
            }
        }
    }

    @Test
    void knownValues() {
        assertTrue(ImmLogic.tryFrom(0, 64).isEmpty());
        assertTrue(ImmLogic.tryFrom(-1, 64).isEmpty());
        assertTrue(ImmLogic.tryFrom(0xffff_ffffL, 32).isEmpty());
        assertTrue(ImmLogic.tryFrom(0x1234, 64).isEmpty());
        ImmLogic ff = ImmLogic.tryFrom(0xff, 32).orElseThrow();
        assertEquals(0, ff.n());
        assertEquals(0, ff.immr());
        assertEquals(7, ff.imms());
        ImmLogic m = ImmLogic.tryFrom(0x5555_5555_5555_5555L, 64).orElseThrow();
        assertEquals(0x3c, m.imms());
        assertEquals(0xffff_fff0L, ImmLogic.tryFrom(-16, 32).orElseThrow().value());
    }
}
