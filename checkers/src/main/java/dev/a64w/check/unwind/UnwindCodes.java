package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes unwind code bytes. The length of every code follows from its first byte alone (the
 * Microsoft table): 00–BF one byte, C0–DF two, E0 four, E2 two, E7 three, F8–FB two to five, all
 * others one.
 */
public final class UnwindCodes {
    private UnwindCodes() {
    }

    /** The length in bytes of the code starting with {@code first}. */
    public static int lengthOf(int first) {
        int f = first & 0xFF;
        if (f < 0xC0) {
            return 1;
        }
        if (f < 0xE0) {
            return 2;
        }
        return switch (f) {
            case 0xE0 -> 4;
            case 0xE2 -> 2;
            case 0xE7 -> 3;
            case 0xF8 -> 2;
            case 0xF9 -> 3;
            case 0xFA -> 4;
            case 0xFB -> 5;
            default -> 1;
        };
    }

    /** Decodes every code of the array (padding included). */
    public static List<UnwindCode> decode(Bytes codeBytes) {
        return decode(codeBytes, 0, false);
    }

    /**
     * Decodes from byte {@code start} up to and including the first {@code end} (phantom codes after
     * an {@code end_c} included), or to the end of the code array when there is no {@code end}: as
     * Windows and Wine do (their loops run while the pointer is below the array's end, and stop early
     * at {@code end}), so bytes up to the array's end, zero padding included ({@code alloc_s 0}),
     * are codes of the sequence. docs/unwind-windows.md, "A sequence without end".
     */
    public static List<UnwindCode> decodeSequence(Bytes codeBytes, int start) {
        return decode(codeBytes, start, true);
    }

    private static List<UnwindCode> decode(Bytes in, int start, boolean untilEnd) {
        if (start < 0 || start > in.size()) {
            throw new MalformedUnwindException("unwind codes: start index 0x" + Integer.toHexString(start)
                    + " outside the 0x" + Integer.toHexString(in.size()) + " code bytes");
        }
        List<UnwindCode> out = new ArrayList<>();
        int p = start;
        while (p < in.size()) {
            int len = lengthOf(in.u8(p));
            if (p + len > in.size()) {
                throw new MalformedUnwindException("unwind code 0x" + Integer.toHexString(in.u8(p)) + " at byte 0x"
                        + Integer.toHexString(p) + ": expected " + len + " bytes, only " + (in.size() - p) + " left");
            }
            UnwindCode c = decodeOne(in, p);
            out.add(c);
            p += len;
            if (untilEnd && c instanceof UnwindCode.End) {
                return out;
            }
        }
        return out;
    }

    /** Decodes the single code at {@code p}; the caller has checked that all its bytes are present. */
    static UnwindCode decodeOne(Bytes in, int p) {
        int b0 = in.u8(p);
        int b1 = lengthOf(b0) > 1 ? in.u8(p + 1) : 0;
        if (b0 < 0x20) {
            return new UnwindCode.AllocS(b0 & 0x1F);
        }
        if (b0 < 0x40) {
            return new UnwindCode.SaveR19R20X(b0 & 0x1F);
        }
        if (b0 < 0x80) {
            return new UnwindCode.SaveFpLr(b0 & 0x3F);
        }
        if (b0 < 0xC0) {
            return new UnwindCode.SaveFpLrX(b0 & 0x3F);
        }
        if (b0 < 0xC8) {
            return new UnwindCode.AllocM(((b0 & 7) << 8) | b1);
        }
        if (b0 < 0xCC) {
            return new UnwindCode.SaveRegP(((b0 & 3) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xD0) {
            return new UnwindCode.SaveRegPX(((b0 & 3) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xD4) {
            return new UnwindCode.SaveReg(((b0 & 3) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xD6) {
            return new UnwindCode.SaveRegX(((b0 & 1) << 3) | (b1 >> 5), b1 & 0x1F);
        }
        if (b0 < 0xD8) {
            return new UnwindCode.SaveLrPair(((b0 & 1) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xDA) {
            return new UnwindCode.SaveFRegP(((b0 & 1) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xDC) {
            return new UnwindCode.SaveFRegPX(((b0 & 1) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 < 0xDE) {
            return new UnwindCode.SaveFReg(((b0 & 1) << 2) | (b1 >> 6), b1 & 0x3F);
        }
        if (b0 == 0xDE) {
            return new UnwindCode.SaveFRegX(b1 >> 5, b1 & 0x1F);
        }
        return switch (b0) {
            case 0xE0 -> new UnwindCode.AllocL((b1 << 16) | (in.u8(p + 2) << 8) | in.u8(p + 3));
            case 0xE1 -> new UnwindCode.SetFp();
            case 0xE2 -> new UnwindCode.AddFp(b1);
            case 0xE3 -> new UnwindCode.Nop();
            case 0xE4 -> new UnwindCode.End();
            case 0xE5 -> new UnwindCode.EndC();
            case 0xE6 -> new UnwindCode.SaveNext();
            case 0xE7 -> new UnwindCode.SaveAnyReg(b1, in.u8(p + 2));
            case 0xE8 -> new UnwindCode.TrapFrame();
            case 0xE9 -> new UnwindCode.MachineFrame();
            case 0xEA -> new UnwindCode.ContextFrame();
            case 0xEB -> new UnwindCode.EcContext();
            case 0xEC -> new UnwindCode.ClearUnwoundToCall();
            case 0xFC -> new UnwindCode.PacSignLr();
            default -> new UnwindCode.Reserved(in.slice(p, p + lengthOf(b0)));
        };
    }
}
