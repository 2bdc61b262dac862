package dev.a64w.exec;

import dev.a64w.util.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * One 40-byte entry of a PE section table as stored (PE format, "Section Table (Section
 * Headers)"): the short name (up to 8 bytes, NUL-padded), VirtualSize, VirtualAddress,
 * SizeOfRawData, PointerToRawData and Characteristics. The strict image loader ({@link PeImage})
 * and the audit's lenient reader both read headers through this and judge the values themselves.
 */
public record PeSectionHeader(String name, long virtualSize, long virtualAddress, long rawSize, long rawPointer,
                              long characteristics) {
    /** The size of one entry. */
    public static final int SIZE = 40;

    /** Reads the entry at file offset {@code at}; the caller has checked that 40 bytes are there. */
    public static PeSectionHeader read(Bytes file, int at) {
        int len = 0;
        while (len < 8 && file.u8(at + len) != 0) {
            len++;
        }
        String name = new String(file.slice(at, at + len).toArray(), StandardCharsets.UTF_8);
        return new PeSectionHeader(name, file.u32(at + 8), file.u32(at + 12), file.u32(at + 16), file.u32(at + 20),
                file.u32(at + 36));
    }
}
