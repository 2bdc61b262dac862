package dev.a64w.backend.a64;

import static org.junit.jupiter.api.Assertions.*;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("a64 encoder")
class FpImmTest {
    /** The encodable values by their definition, independent of the bit twiddling: ±n/16 × 2^r, n 16..31, r -3..4. */
    static Set<Double> definition() {
        Set<Double> out = new HashSet<>();
        for (int sign : new int[] {1, -1}) {
            for (int n = 16; n <= 31; n++) {
                for (int r = -3; r <= 4; r++) out.add(sign * n / 16.0 * Math.pow(2, r));
            }
        }
        return out;
    }

    @Test
    void all256DecodeToTheDefinedValuesAndEncodeBack() {
        Set<Double> defined = definition();
        assertEquals(256, defined.size());
        Set<Double> decoded = new HashSet<>();
        for (int imm8 = 0; imm8 < 256; imm8++) {
            FpImm imm = new FpImm(imm8);
            long d = imm.decode(FpSize.D), s = imm.decode(FpSize.S);
            double v = Double.longBitsToDouble(d);
            decoded.add(v);
            assertEquals(Float.floatToRawIntBits((float) v) & 0xffff_ffffL, s, "imm8 " + imm8 + ": S and D decode to the same value");
            assertEquals(imm, FpImm.encode(d, FpSize.D).orElseThrow(), "D " + v);
            assertEquals(imm, FpImm.encode(s, FpSize.S).orElseThrow(), "S " + v);
        }
        assertEquals(defined, decoded);
    }

    @Test
    void knownEncodings() {
        assertEquals(0x70, FpImm.encode(Double.doubleToRawLongBits(1.0), FpSize.D).orElseThrow().imm8());
        assertEquals(0x78, FpImm.encode(Float.floatToRawIntBits(1.5f), FpSize.S).orElseThrow().imm8());
        assertEquals(0xf0, FpImm.encode(Double.doubleToRawLongBits(-1.0), FpSize.D).orElseThrow().imm8());
        assertEquals(0x00, FpImm.encode(Double.doubleToRawLongBits(2.0), FpSize.D).orElseThrow().imm8());
        assertEquals("#1.50000000", new FpImm(0x78).asm());
        assertEquals("#-0.12500000", FpImm.encode(Double.doubleToRawLongBits(-0.125), FpSize.D).orElseThrow().asm());
        assertEquals("#31.00000000", FpImm.encode(Double.doubleToRawLongBits(31.0), FpSize.D).orElseThrow().asm());
    }

    @Test
    void nonEncodableValuesAreRejected() {
        double[] bad = {0.0, -0.0, 0.1, 32.5, 32.0, 0.0625, 0.12, 1.0 + Math.ulp(1.0), 1.03125, 33.0, 64.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE};
        for (double v : bad) {
            assertTrue(FpImm.encode(Double.doubleToRawLongBits(v), FpSize.D).isEmpty(), "D " + v);
            float f = (float) v;
            if ((double) f == v || Double.isNaN(v)) {
                assertTrue(FpImm.encode(Float.floatToRawIntBits(f) & 0xffff_ffffL, FpSize.S).isEmpty(), "S " + f);
            }
        }
        assertTrue(FpImm.encode(Float.floatToRawIntBits(1.0f + Math.ulp(1.0f)), FpSize.S).isEmpty());
        // an S pattern must be zero-extended; a D pattern is not an S pattern
        assertTrue(FpImm.encode(0xffff_ffff_0000_0000L | Float.floatToRawIntBits(1.0f), FpSize.S).isEmpty());
        assertTrue(FpImm.encode(Double.doubleToRawLongBits(1.0), FpSize.S).isEmpty());
        assertTrue(FpImm.encode(Float.floatToRawIntBits(1.0f), FpSize.D).isEmpty());
        // exhaustively over every f32 with a 4-bit fraction: encodable exactly when the definition says so
        Set<Double> defined = definition();
        for (long bits = 0; bits < 0x1_0000_0000L; bits += 1 << 19) {
            double v = Float.intBitsToFloat((int) bits);
            assertEquals(defined.contains(v), FpImm.encode(bits, FpSize.S).isPresent(), "S 0x" + Long.toHexString(bits) + " = " + v);
        }
    }

    @Test
    void imm8RangeIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new FpImm(256));
        assertThrows(IllegalArgumentException.class, () -> new FpImm(-1));
    }
}
