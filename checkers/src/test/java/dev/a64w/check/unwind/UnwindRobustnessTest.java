package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.Random;

/** Seeded sweep: random xdata and packed words only ever fail with the layer's exception. */
@Epic("fuzz")
@Feature("unwind robustness")
class UnwindRobustnessTest {

    @Test
    void randomXdataOnlyThrowsLayerException() {
        Random random = new Random(0x5EEDL);
        Memory memory = a -> a * 0x9E37_79B9_7F4A_7C15L;
        for (int round = 0; round < 50_000; round++) {
            byte[] b = new byte[4 + random.nextInt(40)];
            random.nextBytes(b);
            if (random.nextBoolean()) {
                // keep the header plausible more often: small code word and epilog counts
                b[3] = (byte) ((b[3] & 0x07) | (random.nextInt(4) << 3));
                b[2] &= (byte) 0x7F;
            }
            try {
                Xdata x = XdataDecoder.decode(Bytes.of(b), 0);
                UnwindMeaning m = UnwindMeaning.of(x);
                long k = random.nextInt(Math.max(1, x.functionLengthWords()));
                VirtualUnwinder.run(Context.zero().withSp(0x10000), memory, m, k);
            } catch (MalformedUnwindException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("seed 0x5EED round " + round + " bytes " + Bytes.of(b).hex() + ": " + e, e);
            }
        }
    }

    @Test
    void randomPackedWordsOnlyThrowLayerException() {
        Random random = new Random(0xFACEL);
        Memory memory = a -> a ^ 0x55;
        for (int round = 0; round < 50_000; round++) {
            long word = random.nextInt() & 0xFFFF_FFFFL;
            try {
                PackedUnwind p = PackedUnwind.decode(word);
                UnwindMeaning m = p.meaning();
                long k = random.nextInt(Math.max(1, p.functionLengthWords()));
                VirtualUnwinder.run(Context.zero().withSp(0x10000), memory, m, k);
            } catch (MalformedUnwindException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError(String.format("seed 0xFACE round %d word 0x%x: %s", round, word, e), e);
            }
        }
    }
}
