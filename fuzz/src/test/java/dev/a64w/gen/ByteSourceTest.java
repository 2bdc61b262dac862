package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("generator")
class ByteSourceTest {
    @Test
    void seededSourceIsReproducibleAndInRange() {
        var a = new SeededSource(42);
        var b = new SeededSource(42);
        for (int k = 0; k < 10_000; k++) {
            int x = a.nextInt(-3, 5);
            assertEquals(x, b.nextInt(-3, 5));
            assertTrue(x >= -3 && x <= 5);
        }
        assertEquals(a.nextLong(), b.nextLong());
        int big = new SeededSource(1).nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertTrue(big >= Integer.MIN_VALUE);
        assertFalse(a.exhausted());
    }

    @Test
    void exhaustedBytesGiveSmallestChoices() {
        var s = new BytesSource(new byte[] {5});
        assertFalse(s.exhausted());
        assertEquals(2 + 5 % 9, s.nextInt(2, 10));
        assertTrue(s.exhausted());
        assertEquals(2, s.nextInt(2, 10));
        assertEquals(0L, s.nextLong());
        assertFalse(s.nextBoolean());
        assertEquals("a", s.pick(List.of("a", "b")));
        assertFalse(s.chance(999));
        assertEquals(0, s.weighted(1, 100));
    }

    @Test
    void bytesSourceStaysInRangeAndConsumesOnlyWhatItNeeds() {
        var s = new BytesSource(new byte[] {(byte) 0xff, (byte) 0xff, 7});
        assertEquals(4, s.nextInt(4, 4)); // one value: no byte consumed
        int x = s.nextInt(0, 300); // two bytes: 0xffff % 301
        assertEquals(0xffff % 301, x);
        assertEquals(7L, s.nextLong());
        assertTrue(s.exhausted());
        var t = new BytesSource(new byte[] {(byte) 0x80, 0, 0, 0});
        assertEquals(Integer.MIN_VALUE + 0x80, t.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void emptyRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SeededSource(0).nextInt(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new BytesSource(new byte[0]).pick(List.of()));
    }
}
