package dev.a64w.check.unwind;

import dev.a64w.check.coff.Arm64RelocType;
import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.TestCoffBuilder;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Epic("fuzz")
@Feature("pdata")
class PdataObjectTest {
    private static final long TEXT = 0x6030_0020L;
    private static final long RDATA4 = 0x4030_0040L;

    /** Two functions: f with xdata (the reference worked example), g with packed data. */
    private static TestCoffBuilder object(byte[] pdata) {
        TestCoffBuilder b = new TestCoffBuilder();
        int t = b.section(".text", TEXT, new byte[0x20 + 0x1c]);
        int x = b.section(".xdata", RDATA4, Bytes.ofHex("08 00 60 10 E1 D0 02 83 E4 E3 E3 E3").toArray());
        int p = b.section(".pdata", RDATA4, pdata);
        b.symbol("f", 0, t, 0x20, 2);
        b.symbol("g", 0x20, t, 0x20, 2);
        int textSym = b.symbol(".text", 0, t, 0, 3);
        int xdataSym = b.symbol(".xdata", 0, x, 0, 3);
        b.reloc(p, 0, textSym, Arm64RelocType.ADDR32NB);
        b.reloc(p, 4, xdataSym, Arm64RelocType.ADDR32NB);
        b.reloc(p, 8, 1, Arm64RelocType.ADDR32NB);
        return b;
    }

    private static byte[] pdata(long packed) {
        byte[] out = new byte[16];
        for (int k = 0; k < 4; k++) {
            out[12 + k] = (byte) (packed >>> (8 * k));
        }
        return out;
    }

    @Test
    void decodesXdataAndPackedEntries() {
        CoffObject obj = CoffReader.read(object(pdata(0x0162001DL)).build());
        List<PdataDecoder.ObjectEntry> entries = PdataDecoder.fromObject(obj, obj.section(".pdata").orElseThrow());
        assertEquals(2, entries.size());
        PdataDecoder.ObjectEntry f = entries.get(0);
        assertEquals(new PdataDecoder.Target(".text", 1, 0), f.function());
        assertEquals(new PdataDecoder.Target(".xdata", 2, 0), f.xdata().orElseThrow());
        UnwindData fd = PdataDecoder.unwindData(obj, f);
        assertEquals(32, fd.functionLengthBytes());
        PdataDecoder.ObjectEntry g = entries.get(1);
        assertEquals(new PdataDecoder.Target("g", 1, 0x20), g.function());
        assertEquals(7, g.packed().orElseThrow().functionLengthWords());
        assertTrue(PdataDecoder.unwindData(obj, g) instanceof UnwindData.Packed);
    }

    @Test
    void flagZeroWithoutXdataRelocationIsRejected() {
        CoffObject obj = CoffReader.read(object(pdata(0x0162001CL)).build());
        MalformedUnwindException e = assertThrows(MalformedUnwindException.class,
                () -> PdataDecoder.fromObject(obj, obj.section(".pdata").orElseThrow()));
        assertTrue(e.getMessage().contains("Flag expected 1 or 2, actual 0"), e.getMessage());
    }
}
