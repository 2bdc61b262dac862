package dev.a64w.fuzzinfra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Arrays;

/**
 * Proves the Jazzer plumbing on a small real target: {@link Bytes}' little-endian readers, slices
 * and hex round trip against a naive byte-by-byte reference. Stored inputs in
 * {@code src/test/resources/dev/a64w/fuzzinfra/BytesFuzzTestInputs/<method>/} replay in every build;
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=BytesFuzzTest#readersAgreeWithNaiveReference} fuzzes it.
 */
@Epic("fuzz")
@Feature("fuzz-infra")
class BytesFuzzTest {
    /** Little-endian unsigned value of {@code n} bytes at {@code off}, one byte at a time. */
    private static long naive(byte[] a, int off, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (a[off + k] & 0xffL);
        }
        return v;
    }

    @FuzzTest(maxDuration = "10s")
    void readersAgreeWithNaiveReference(FuzzedDataProvider data) {
        byte[] raw = data.consumeBytes(data.consumeInt(0, 64));
        Bytes b = Bytes.of(raw);
        assertEquals(raw.length, b.size());

        // readers at every offset where they fit, and an out-of-range throw where they don't
        for (int off = 0; off < raw.length; off++) {
            assertEquals(raw[off], b.get(off));
            assertEquals(naive(raw, off, 1), b.u8(off));
            if (off + 2 <= raw.length) assertEquals(naive(raw, off, 2), b.u16(off), "u16 @0x" + Integer.toHexString(off));
            if (off + 4 <= raw.length) assertEquals(naive(raw, off, 4), b.u32(off), "u32 @0x" + Integer.toHexString(off));
            if (off + 8 <= raw.length) assertEquals(naive(raw, off, 8), b.u64(off), "u64 @0x" + Integer.toHexString(off));
        }
        int past = raw.length - data.consumeInt(0, 7);
        if (past >= 0) {
            assertThrows(IndexOutOfBoundsException.class, () -> b.u64(past));
        }

        // slices within bounds equal the same range of the array; slicing commutes with reading
        int from = data.consumeInt(0, raw.length);
        int to = data.consumeInt(from, raw.length);
        Bytes s = b.slice(from, to);
        assertArrayEquals(Arrays.copyOfRange(raw, from, to), s.toArray());
        assertEquals(s, Bytes.of(raw, from, to));
        if (to - from >= 4) assertEquals(b.u32(from), s.u32(0));
        // a slice past the end is an error, never zero padding (found by this target)
        int beyond = raw.length + 1 + data.consumeInt(0, 7);
        assertThrows(IndexOutOfBoundsException.class, () -> b.slice(from, beyond));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.of(raw, from, beyond));

        // hex round trip, with and without spaces between the bytes
        String hex = b.hex();
        assertEquals(2 * raw.length, hex.length());
        assertEquals(b, Bytes.ofHex(hex));
        assertEquals(b, Bytes.ofHex(hex.replaceAll("(..)", "$1 ").strip()));

        // value semantics: equal contents -> equal and same hash; copies are independent
        Bytes again = Bytes.of(raw.clone());
        assertEquals(b, again);
        assertEquals(b.hashCode(), again.hashCode());
        byte[] out = b.toArray();
        if (raw.length > 0) {
            raw[0] ^= 1;
            out[0] ^= 1;
            assertNotEquals(b, Bytes.of(raw), "Bytes.of must copy its argument");
            assertEquals(again, b, "changing toArray()'s result must not change the Bytes");
        }
    }
}
