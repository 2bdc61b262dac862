package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("unwind codes")
class UnwindCodesTest {

    /** Every first byte: the decoded code's length equals the table, re-encodes to the input, and truncation throws. */
    @Test
    void everyFirstByteHasAConsistentLength() {
        for (int first = 0; first < 256; first++) {
            int len = UnwindCodes.lengthOf(first);
            int[] seconds = len == 1 ? new int[] {0} : java.util.stream.IntStream.range(0, 256).toArray();
            for (int second : seconds) {
                byte[] in = new byte[len];
                in[0] = (byte) first;
                if (len > 1) {
                    in[1] = (byte) second;
                }
                for (int k = 2; k < len; k++) {
                    in[k] = (byte) (0x5A + 17 * k + second);
                }
                List<UnwindCode> codes = UnwindCodes.decode(Bytes.of(in));
                String what = String.format("code %s", Bytes.of(in).hex());
                assertEquals(1, codes.size(), what);
                assertEquals(len, codes.get(0).length(), what);
                assertEquals(Bytes.of(in), codes.get(0).encode(), what + " re-encodes");
            }
            if (len > 1) {
                byte[] cut = new byte[len - 1];
                cut[0] = (byte) first;
                assertThrows(MalformedUnwindException.class, () -> UnwindCodes.decode(Bytes.of(cut)),
                        String.format("truncated 0x%02x", first));
            }
        }
    }

    @Test
    void lengthTableMatchesTheSpecRanges() {
        for (int b = 0; b < 256; b++) {
            int expected = b < 0xC0 ? 1 : b < 0xE0 ? 2 : switch (b) {
                case 0xE0 -> 4;
                case 0xE2, 0xF8 -> 2;
                case 0xE7, 0xF9 -> 3;
                case 0xFA -> 4;
                case 0xFB -> 5;
                default -> 1;
            };
            assertEquals(expected, UnwindCodes.lengthOf(b), String.format("0x%02x", b));
        }
    }

    @Test
    void decodesTheReferenceWorkedExample() {
        List<UnwindCode> codes = UnwindCodes.decode(Bytes.ofHex("E1 D0 02 83 E4 E3 E3 E3"));
        assertEquals(List.of(new UnwindCode.SetFp(), new UnwindCode.SaveReg(0, 2), new UnwindCode.SaveFpLrX(3),
                new UnwindCode.End(), new UnwindCode.Nop(), new UnwindCode.Nop(), new UnwindCode.Nop()), codes);
    }

    @Test
    void decodesFieldsOfEachFamily() {
        assertEquals(new UnwindCode.AllocM(0x7FF), one("C7 FF"));
        assertEquals(new UnwindCode.SaveRegP(10, 0x3F), one("CA BF"));
        assertEquals(new UnwindCode.SaveRegX(9, 3), one("D5 23"));
        assertEquals(new UnwindCode.SaveLrPair(4, 1), one("D7 01"));
        assertEquals(new UnwindCode.SaveFRegX(7, 0x1F), one("DE FF"));
        assertEquals(new UnwindCode.AllocL(0x123456), one("E0 12 34 56"));
        assertEquals(new UnwindCode.AddFp(0x20), one("E2 20"));
        UnwindCode.SaveAnyReg any = assertInstanceOf(UnwindCode.SaveAnyReg.class, one("E7 73 45"));
        assertEquals(19, any.register());
        assertEquals(true, any.pair());
        assertEquals(true, any.writeback());
        assertEquals(1, any.regClass());
        assertEquals(5, any.offsetField());
        assertInstanceOf(UnwindCode.Reserved.class, one("FB 01 02 03 04"));
    }

    @Test
    void sequenceWithoutEndRunsToTheEndOfTheCodeArray() {
        // as Windows and Wine read it (docs/unwind-windows.md, "A sequence without end")
        List<UnwindCode> codes = UnwindCodes.decodeSequence(Bytes.ofHex("E1 83 E3 E3"), 0);
        assertEquals(4, codes.size(), codes.toString());
        assertTrue(codes.stream().noneMatch(c -> c instanceof UnwindCode.End), codes.toString());
        // zero padding is alloc_s 0: a code like any other
        assertEquals(3, UnwindCodes.decodeSequence(Bytes.ofHex("E1 81 00"), 0).size());
    }

    private static UnwindCode one(String hex) {
        List<UnwindCode> codes = UnwindCodes.decode(Bytes.ofHex(hex));
        assertEquals(1, codes.size(), hex);
        return codes.get(0);
    }
}
