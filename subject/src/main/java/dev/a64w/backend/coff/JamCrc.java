package dev.a64w.backend.coff;

import dev.a64w.util.Bytes;

/**
 * The section-definition aux CheckSum as LLVM's WinCOFFObjectWriter computes it: the reflected
 * CRC-32 (polynomial 0xEDB88320) with register initial value 0 and no final inversion.
 */
final class JamCrc {
    private JamCrc() {}

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0xEDB88320 : c >>> 1;
            TABLE[i] = c;
        }
    }

    static int of(Bytes data) {
        int crc = 0;
        for (int i = 0; i < data.size(); i++) crc = TABLE[(crc ^ data.u8(i)) & 0xff] ^ (crc >>> 8);
        return crc;
    }
}
