package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.audit.AuditTarget.Unwind;
import dev.a64w.check.unwind.FunctionEntry;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.Memory;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.PeSection;
import dev.a64w.exec.PeSectionHeader;
import dev.a64w.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a PE32+ image (EXE or DLL) for the audit, from Microsoft's PE/COFF specification ("MS-DOS
 * Stub", "COFF File Header", "Optional Header", "Section Table", "The .edata Section", "The .pdata
 * Section"). Unlike {@link dev.a64w.exec.PeImage}, which loads what our own linker produces for
 * execution, this reader takes real images as they come: imports (by name or ordinal), TLS,
 * resources, debug and delay-import directories, /DYNAMICBASE, any number of {@code .pdata}
 * entries — it reads only the headers, the sections, the export names and the exception directory.
 *
 * <p>Machines: only {@code IMAGE_FILE_MACHINE_ARM64} (0xAA64) is accepted. An ARM64X image also
 * carries 0xAA64 in its header; its exception directory is the native ARM64 view, which is what is
 * audited (the x64/ARM64EC view described by the hybrid metadata is not). ARM64EC-only images carry
 * the x64 machine 0x8664 and are rejected with the other non-ARM64 machines.
 */
final class PeReader {
    static final int MACHINE_ARM64 = 0xAA64;
    private static final long MAX_IMAGE = 1L << 30;
    /** Where an image is mapped when its preferred base collides with the audit's own regions. */
    private static final long FALLBACK_BASE = 0x1_4000_0000L;

    private PeReader() {
    }

    static AuditTarget read(Bytes file) {
        try {
            return parse(file);
        } catch (IndexOutOfBoundsException e) {
            throw new AuditException("truncated PE image (" + file.size() + " bytes)");
        }
    }

    static String machineName(int machine) {
        return switch (machine) {
            case 0x8664 -> "x64 (0x8664; ARM64EC images carry this machine too)";
            case 0x14c -> "x86 (0x14c)";
            case 0x1c4 -> "ARM Thumb-2 (0x1c4)";
            case 0xA641 -> "ARM64EC (0xa641)";
            case 0xA64E -> "ARM64X (0xa64e)";
            default -> String.format("0x%x", machine);
        };
    }

    private static AuditTarget parse(Bytes file) {
        if (file.size() < 0x40) {
            throw new AuditException("truncated PE image (" + file.size() + " bytes, no complete DOS header)");
        }
        long pe = file.u32(0x3c);
        if (pe + 24 > file.size()) {
            throw new AuditException("truncated PE image: e_lfanew 0x" + Long.toHexString(pe) + " beyond the end (0x"
                    + Integer.toHexString(file.size()) + " bytes)");
        }
        if (file.u32((int) pe) != 0x4550) {
            throw new AuditException("not a PE image: no 'PE\\0\\0' signature at e_lfanew 0x" + Long.toHexString(pe));
        }
        int coff = (int) pe + 4;
        int machine = file.u16(coff);
        if (machine != MACHINE_ARM64) {
            throw new AuditException("not an ARM64 image: machine " + machineName(machine) + ", expected ARM64 (0xaa64)");
        }
        int nSections = file.u16(coff + 2);
        int optSize = file.u16(coff + 16);
        int opt = coff + 20;
        if (optSize < 112 || opt + optSize > file.size()) {
            throw new AuditException("truncated PE image: optional header of " + optSize + " bytes at 0x"
                    + Integer.toHexString(opt));
        }
        if (file.u16(opt) != 0x20b) {
            throw new AuditException("not a PE32+ image: optional header magic 0x" + Integer.toHexString(file.u16(opt)));
        }
        long preferredBase = file.u64(opt + 24);
        long sizeOfImage = file.u32(opt + 56);
        long sizeOfHeaders = file.u32(opt + 60);
        int nDirs = (int) Math.min(16, file.u32(opt + 108));
        if (sizeOfImage == 0 || sizeOfImage > MAX_IMAGE) {
            throw new AuditException("SizeOfImage 0x" + Long.toHexString(sizeOfImage) + " out of range (1..1 GiB)");
        }
        if (112 + 8L * nDirs > optSize) {
            throw new AuditException("NumberOfRvaAndSizes " + nDirs + " does not fit the optional header (" + optSize + " bytes)");
        }
        byte[] image = new byte[(int) sizeOfImage];
        int headers = (int) Math.min(Math.min(sizeOfHeaders, sizeOfImage), file.size());
        byte[] raw = file.toArray();
        System.arraycopy(raw, 0, image, 0, headers);
        List<long[]> code = sections(file, raw, opt + optSize, nSections, image);
        long base = usableBase(preferredBase, sizeOfImage) ? preferredBase : FALLBACK_BASE;
        return target(Bytes.of(image), base, sizeOfImage, directories(file, opt, nDirs), code);
    }

    /**
     * An image our own linker made, as {@link dev.a64w.exec.PeImage} loaded it: the same target as
     * {@link #read(Bytes)} gives for its file (the headers are mapped at RVA 0), mapped at {@code base}.
     */
    static AuditTarget read(PeImage image, long base) {
        Bytes mapped = image.mapped();
        int opt = (int) mapped.u32(0x3c) + 4 + 20;
        int nDirs = (int) Math.min(16, mapped.u32(opt + 108));
        List<long[]> code = image.sections().stream().filter(PeSection::executable)
                .map(s -> new long[] {s.virtualAddress(), s.virtualSize()}).toList();
        return target(mapped, base, image.sizeOfImage(), directories(mapped, opt, nDirs), code);
    }

    /** The data directories as {RVA, size}, 16 of them, those the header does not have zero. */
    private static long[][] directories(Bytes headers, int opt, int nDirs) {
        long[][] dirs = new long[16][2];
        for (int i = 0; i < nDirs; i++) {
            dirs[i][0] = headers.u32(opt + 112 + 8 * i);
            dirs[i][1] = headers.u32(opt + 112 + 8 * i + 4);
        }
        return dirs;
    }

    private static AuditTarget target(Bytes mapped, long base, long sizeOfImage, long[][] dirs, List<long[]> code) {
        Map<Long, String> names = exportNames(mapped, dirs[0]);
        List<AuditFunction> functions = functions(mapped, dirs[3], names, code);
        return new AuditTarget("image", base, sizeOfImage, List.of(new AuditTarget.Segment(0, mapped)), functions, Map.of(),
                imports(mapped, dirs[1], base), Map.of());
    }

    static boolean usableBase(long base, long size) {
        return base >= 0x10000 && (base & 0xFFF) == 0 && base + size <= 0x7f00_0000_0000L;
    }

    /** Copies every section's raw data to its RVA; returns the executable sections as [rva, size]. */
    private static List<long[]> sections(Bytes file, byte[] raw, int table, int n, byte[] image) {
        if (table + 40L * n > file.size()) {
            throw new AuditException("truncated PE image: section table of " + n + " entries at 0x" + Integer.toHexString(table));
        }
        List<long[]> code = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PeSectionHeader header = PeSectionHeader.read(file, table + PeSectionHeader.SIZE * i);
            String name = header.name();
            long vsize = header.virtualSize();
            long va = header.virtualAddress();
            long rawSize = header.rawSize();
            long rawPtr = header.rawPointer();
            long characteristics = header.characteristics();
            long size = vsize == 0 ? rawSize : vsize;
            if (va + size > image.length) {
                throw new AuditException("section " + name + ": 0x" + Long.toHexString(va) + "+0x" + Long.toHexString(size)
                        + " beyond SizeOfImage 0x" + Integer.toHexString(image.length));
            }
            long copy = Math.min(rawSize, size);
            if (rawPtr + copy > file.size()) {
                throw new AuditException("truncated PE image: section " + name + " raw data 0x" + Long.toHexString(rawPtr)
                        + "+0x" + Long.toHexString(copy) + " beyond the end (0x" + Integer.toHexString(file.size()) + " bytes)");
            }
            if (copy > 0) {
                System.arraycopy(raw, (int) rawPtr, image, (int) va, (int) copy);
            }
            if ((characteristics & 0x2000_0000L) != 0) {
                code.add(new long[] {va, size});
            }
        }
        return code;
    }

    /** Export names by RVA (the lexicographically first when several name one RVA); forwarders skipped. */
    private static Map<Long, String> exportNames(Bytes m, long[] dir) {
        Map<Long, String> out = new TreeMap<>();
        if (dir[1] == 0 || dir[0] + 40 > m.size()) {
            return out;
        }
        int d = (int) dir[0];
        long nAddresses = m.u32(d + 20);
        long nNames = m.u32(d + 24);
        long eat = m.u32(d + 28);
        long namePtrs = m.u32(d + 32);
        long ordinals = m.u32(d + 36);
        for (long i = 0; i < nNames; i++) {
            if (namePtrs + 4 * i + 4 > m.size() || ordinals + 2 * i + 2 > m.size()) {
                break;
            }
            int index = m.u16((int) (ordinals + 2 * i));
            if (index >= nAddresses || eat + 4L * index + 4 > m.size()) {
                continue;
            }
            long rva = m.u32((int) (eat + 4L * index));
            if (rva >= dir[0] && rva < dir[0] + dir[1]) {
                continue; // a forwarder string, not code
            }
            String name = cString(m, m.u32((int) (namePtrs + 4 * i)));
            if (name != null) {
                out.merge(rva, name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return out;
    }

    /**
     * The import address table slots by absolute address, each named {@code DLL!name} or
     * {@code DLL!#ordinal} ("The .idata Section": 20-byte directory entries with the lookup table at
     * +0, the DLL name at +12 and the address table at +16, ending in a zero entry; 8-byte lookup
     * entries, bit 63 for an ordinal, else the RVA of a hint and a name). What cannot be read is left out.
     */
    private static Map<Long, String> imports(Bytes m, long[] dir, long base) {
        Map<Long, String> out = new TreeMap<>();
        if (dir[1] == 0) {
            return out;
        }
        for (long d = dir[0]; d + 20 <= m.size(); d += 20) {
            long lookup = m.u32((int) d);
            long iat = m.u32((int) d + 16);
            if (lookup == 0 && iat == 0) {
                break;
            }
            String dll = cString(m, m.u32((int) d + 12));
            long table = lookup != 0 ? lookup : iat;
            for (long i = 0; table + 8 * i + 8 <= m.size() && iat + 8 * i + 8 <= m.size(); i++) {
                long entry = m.u64((int) (table + 8 * i));
                if (entry == 0) {
                    break;
                }
                String name = entry < 0 ? "#" + (entry & 0xFFFF) : cString(m, (entry & 0x7FFF_FFFFL) + 2);
                out.put(base + iat + 8 * i, (dll == null ? "?" : dll) + "!" + (name == null ? "?" : name));
            }
        }
        return out;
    }

    private static List<AuditFunction> functions(Bytes m, long[] dir, Map<Long, String> names, List<long[]> code) {
        List<AuditFunction> out = new ArrayList<>();
        if (dir[1] == 0) {
            return out;
        }
        if (dir[0] + dir[1] > m.size()) {
            throw new AuditException("exception directory 0x" + Long.toHexString(dir[0]) + "+0x" + Long.toHexString(dir[1])
                    + " beyond SizeOfImage 0x" + Integer.toHexString(m.size()));
        }
        Memory memory = address -> {
            if (address < 0 || address + 8 > m.size()) {
                throw new IndexOutOfBoundsException("RVA 0x" + Long.toHexString(address) + " outside the image");
            }
            return m.u64((int) address);
        };
        long count = dir[1] / 8; // what the loader does with a size that is not a multiple of 8
        for (long i = 0; i < count; i++) {
            long at = dir[0] + 8 * i;
            long begin = m.u32((int) at);
            long word = m.u32((int) at + 4);
            String name = names.getOrDefault(begin, String.format("0x%x", begin));
            out.add(new AuditFunction(name, begin, (word & 3) != 0, unwind(memory, at, begin, code)));
        }
        out.sort(Comparator.comparingLong(AuditFunction::rva));
        return out;
    }

    private static Unwind unwind(Memory memory, long pdataAt, long begin, List<long[]> code) {
        if (code.stream().noneMatch(c -> begin >= c[0] && begin < c[0] + c[1])) {
            return new Unwind.Undecodable(String.format(".pdata entry at RVA 0x%x: function start 0x%x is in no executable section",
                    pdataAt, begin));
        }
        try {
            FunctionEntry e = PdataDecoder.fromImage(memory, 0, pdataAt, 8).get(0);
            e.data().meaning(); // decodes the codes too: a record that does not decode is reported as such
            return new Unwind.Decoded(e.data());
        } catch (MalformedUnwindException e) {
            return new Unwind.Undecodable(e.getMessage());
        }
    }

    private static String cString(Bytes m, long at) {
        if (at <= 0 || at >= m.size()) {
            return null;
        }
        int end = (int) at;
        while (end < m.size() && m.u8(end) != 0 && end - at < 4096) {
            end++;
        }
        return new String(m.slice((int) at, end).toArray(), StandardCharsets.UTF_8);
    }
}
