package dev.a64w.backend.unwind;

import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/** Test-only decoder written from the Microsoft unwind-code table (bit patterns, MSB first). */
final class SpecDecoder {
    private SpecDecoder() {}

    static List<UnwindCode> decodeAll(Bytes b) {
        List<UnwindCode> out = new ArrayList<>();
        int i = 0;
        while (i < b.size()) {
            UnwindCode c = decode(b, i);
            out.add(c);
            i += c.length();
        }
        return out;
    }

    static UnwindCode decode(Bytes b, int i) {
        int b0 = b.u8(i);
        int b1 = i + 1 < b.size() ? b.u8(i + 1) : -1;
        int w = (b0 << 8) | (b1 & 0xff);
        if ((b0 & 0b1110_0000) == 0b0000_0000) return new UnwindCode.AllocS(16 * (b0 & 0x1f));
        if ((b0 & 0b1110_0000) == 0b0010_0000) return new UnwindCode.SaveR19R20X(8 * (b0 & 0x1f));
        if ((b0 & 0b1100_0000) == 0b0100_0000) return new UnwindCode.SaveFpLr(8 * (b0 & 0x3f));
        if ((b0 & 0b1100_0000) == 0b1000_0000) return new UnwindCode.SaveFpLrX(8 * ((b0 & 0x3f) + 1));
        if ((b0 & 0b1111_1000) == 0b1100_0000) return new UnwindCode.AllocM(16 * (w & 0x7ff));
        int x4 = (w >> 6) & 0xf, z6 = w & 0x3f;
        if ((b0 & 0b1111_1100) == 0b1100_1000) return new UnwindCode.SaveRegP(19 + x4, 8 * z6);
        if ((b0 & 0b1111_1100) == 0b1100_1100) return new UnwindCode.SaveRegPX(19 + x4, 8 * (z6 + 1));
        if ((b0 & 0b1111_1100) == 0b1101_0000) return new UnwindCode.SaveReg(19 + x4, 8 * z6);
        if ((b0 & 0b1111_1110) == 0b1101_0100) return new UnwindCode.SaveRegX(19 + ((w >> 5) & 0xf), 8 * ((w & 0x1f) + 1));
        int x3 = (w >> 6) & 0x7;
        if ((b0 & 0b1111_1110) == 0b1101_0110) return new UnwindCode.SaveLrPair(19 + 2 * x3, 8 * z6);
        if ((b0 & 0b1111_1110) == 0b1101_1000) return new UnwindCode.SaveFRegP(8 + x3, 8 * z6);
        if ((b0 & 0b1111_1110) == 0b1101_1010) return new UnwindCode.SaveFRegPX(8 + x3, 8 * (z6 + 1));
        if ((b0 & 0b1111_1110) == 0b1101_1100) return new UnwindCode.SaveFReg(8 + x3, 8 * z6);
        if (b0 == 0b1101_1110) return new UnwindCode.SaveFRegX(8 + ((w >> 5) & 7), 8 * ((w & 0x1f) + 1));
        return switch (b0) {
            case 0xe0 -> new UnwindCode.AllocL(16 * ((b.u8(i + 1) << 16) | (b.u8(i + 2) << 8) | b.u8(i + 3)));
            case 0xe1 -> new UnwindCode.SetFp();
            case 0xe2 -> new UnwindCode.AddFp(8 * b1);
            case 0xe3 -> new UnwindCode.Nop();
            case 0xe4 -> new UnwindCode.End();
            case 0xe5 -> new UnwindCode.EndC();
            case 0xe6 -> new UnwindCode.SaveNext();
            default -> throw new IllegalArgumentException("reserved unwind code 0x" + Integer.toHexString(b0) + " at " + i);
        };
    }
}
