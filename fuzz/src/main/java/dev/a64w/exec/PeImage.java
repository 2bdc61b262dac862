package dev.a64w.exec;

import dev.a64w.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed PE32+ ARM64 DLL, written from Microsoft's PE/COFF specification: the headers, the
 * sections, the export table (name to RVA), the import directory (per function its IAT slot),
 * the exception directory ({@code .pdata}) and the base-relocation directory's extent, plus the
 * image as it lies in memory ({@link #mapped()}: headers and every section's raw data at its RVA,
 * the rest zero), so every later read is by RVA.
 *
 * <p>Only what our linker produces is accepted: machine {@code IMAGE_FILE_MACHINE_ARM64} (0xaa64),
 * optional-header magic 0x20b; anything malformed is an {@link ExecException} naming the field.
 */
public record PeImage(long imageBase, long sizeOfImage, long sectionAlignment, List<PeSection> sections,
        Map<String, Long> exports, List<PeImport> imports, List<RuntimeFunction> runtimeFunctions,
        long baseRelocRva, long baseRelocSize, Bytes mapped) {
    public static final int IMAGE_FILE_MACHINE_ARM64 = 0xaa64;
    public static final int PE32_PLUS_MAGIC = 0x20b;
    private static final long MAX_IMAGE = 256L << 20;

    public PeImage {
        sections = List.copyOf(sections);
        exports = Collections.unmodifiableMap(new TreeMap<>(exports));
        imports = List.copyOf(imports);
        runtimeFunctions = List.copyOf(runtimeFunctions);
    }

    /** The RVA of export {@code name}. */
    public long exportRva(String name) {
        Long rva = exports.get(name);
        if (rva == null) {
            throw new ExecException("export '" + name + "': not in the image; exports are " + exports.keySet());
        }
        return rva;
    }

    /** The absolute address of export {@code name} when mapped at {@link #imageBase()}. */
    public long exportAddress(String name) {
        return imageBase + exportRva(name);
    }

    /** The section containing {@code rva}. */
    public PeSection sectionAt(long rva) {
        for (PeSection s : sections) {
            if (s.contains(rva)) {
                return s;
            }
        }
        throw new ExecException("rva 0x" + Long.toHexString(rva) + ": in no section");
    }

    /** Parses a DLL file. */
    public static PeImage parse(Bytes file) {
        try {
            return new Parser(file).parse();
        } catch (IndexOutOfBoundsException e) {
            throw new ExecException("PE image: truncated (" + file.size() + " bytes): " + e.getMessage(), e);
        }
    }

    private static final class Parser {
        private final Bytes file;
        private byte[] image;

        Parser(Bytes file) {
            this.file = file;
        }

        PeImage parse() {
            if (file.size() < 0x40 || file.u16(0) != 0x5a4d) {
                throw new ExecException("PE image: no DOS header (expected 'MZ' at 0)");
            }
            int pe = (int) file.u32(0x3c); // e_lfanew
            if (pe < 0x40 || pe > file.size() - 24 || file.u32(pe) != 0x4550) {
                throw new ExecException("PE image: no 'PE\\0\\0' signature at e_lfanew 0x" + Integer.toHexString(pe));
            }
            int coff = pe + 4;
            int machine = file.u16(coff);
            if (machine != IMAGE_FILE_MACHINE_ARM64) {
                throw new ExecException("PE image: machine 0x" + Integer.toHexString(machine) + ", expected 0xaa64");
            }
            int nSections = file.u16(coff + 2);
            int optSize = file.u16(coff + 16);
            int opt = coff + 20;
            if (optSize < 112 || file.u16(opt) != PE32_PLUS_MAGIC) {
                throw new ExecException("PE image: optional header magic 0x" + Integer.toHexString(file.u16(opt))
                        + " size " + optSize + ", expected PE32+ (0x20b, >= 112 bytes)");
            }
            long imageBase = file.u64(opt + 24);
            long sectionAlignment = file.u32(opt + 32);
            long sizeOfImage = file.u32(opt + 56);
            long sizeOfHeaders = file.u32(opt + 60);
            long nDirs = file.u32(opt + 108);
            if (sizeOfImage == 0 || sizeOfImage > MAX_IMAGE || sizeOfHeaders > Math.min(sizeOfImage, file.size())) {
                throw new ExecException("PE image: SizeOfImage 0x" + Long.toHexString(sizeOfImage) + " / SizeOfHeaders 0x"
                        + Long.toHexString(sizeOfHeaders) + " out of range");
            }
            if (nDirs > 16 || 112 + nDirs * 8 > optSize) {
                throw new ExecException("PE image: NumberOfRvaAndSizes " + nDirs + " does not fit optional header of "
                        + optSize + " bytes");
            }
            image = new byte[(int) sizeOfImage];
            System.arraycopy(file.toArray(), 0, image, 0, (int) sizeOfHeaders);
            List<PeSection> sections = sections(opt + optSize, nSections, sizeOfImage);
            long[][] dirs = new long[16][2];
            for (int i = 0; i < nDirs; i++) {
                dirs[i][0] = file.u32(opt + 112 + 8 * i);
                dirs[i][1] = file.u32(opt + 112 + 8 * i + 4);
            }
            Bytes mapped = Bytes.of(image);
            return new PeImage(imageBase, sizeOfImage, sectionAlignment, sections, exports(mapped, dirs[0]),
                    imports(mapped, dirs[1]), pdata(mapped, dirs[3]), dirs[5][0], dirs[5][1], mapped);
        }

        private List<PeSection> sections(int table, int n, long sizeOfImage) {
            List<PeSection> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                PeSectionHeader header = PeSectionHeader.read(file, table + PeSectionHeader.SIZE * i);
                String name = header.name();
                long vsize = header.virtualSize();
                long va = header.virtualAddress();
                long rawSize = header.rawSize();
                long rawPtr = header.rawPointer();
                long ch = header.characteristics();
                if (va + vsize > sizeOfImage) {
                    throw new ExecException("PE section " + name + ": VirtualAddress 0x" + Long.toHexString(va)
                            + " + VirtualSize 0x" + Long.toHexString(vsize) + " exceeds SizeOfImage 0x"
                            + Long.toHexString(sizeOfImage));
                }
                long copy = Math.min(rawSize, vsize);
                if (rawPtr + copy > file.size()) {
                    throw new ExecException("PE section " + name + ": raw data 0x" + Long.toHexString(rawPtr) + "+0x"
                            + Long.toHexString(copy) + " beyond end of file 0x" + Integer.toHexString(file.size()));
                }
                byte[] raw = file.slice((int) rawPtr, (int) (rawPtr + copy)).toArray();
                System.arraycopy(raw, 0, image, (int) va, raw.length);
                out.add(new PeSection(name, va, vsize, ch));
            }
            return out;
        }

        private static void checkDir(String what, Bytes m, long[] dir) {
            if (dir[0] + dir[1] > m.size()) {
                throw new ExecException("PE " + what + " directory 0x" + Long.toHexString(dir[0]) + "+0x"
                        + Long.toHexString(dir[1]) + " beyond SizeOfImage 0x" + Integer.toHexString(m.size()));
            }
        }

        /** Export Directory Table: NameRVA +12, OrdinalBase +16, address/name counts +20/+24, tables +28/+32/+36. */
        private static Map<String, Long> exports(Bytes m, long[] dir) {
            Map<String, Long> out = new TreeMap<>();
            if (dir[1] == 0) {
                return out;
            }
            checkDir("export", m, dir);
            int d = (int) dir[0];
            long nAddresses = m.u32(d + 20);
            long nNames = m.u32(d + 24);
            int eat = (int) m.u32(d + 28);
            int namePtrs = (int) m.u32(d + 32);
            int ordinals = (int) m.u32(d + 36);
            for (int i = 0; i < nNames; i++) {
                String name = cString(m, (int) m.u32(namePtrs + 4 * i));
                int index = m.u16(ordinals + 2 * i);
                if (index >= nAddresses) {
                    throw new ExecException("PE export '" + name + "': ordinal index " + index + " >= " + nAddresses);
                }
                out.put(name, m.u32(eat + 4 * index));
            }
            return out;
        }

        /** Import Directory Table: 20-byte entries (ILT +0, Name +12, IAT +16) ending in a zero entry. */
        private static List<PeImport> imports(Bytes m, long[] dir) {
            List<PeImport> out = new ArrayList<>();
            if (dir[1] == 0) {
                return out;
            }
            checkDir("import", m, dir);
            for (int e = (int) dir[0]; ; e += 20) {
                long ilt = m.u32(e);
                long nameRva = m.u32(e + 12);
                long iat = m.u32(e + 16);
                if (ilt == 0 && nameRva == 0 && iat == 0) {
                    break;
                }
                String dll = cString(m, (int) nameRva);
                long lookup = ilt != 0 ? ilt : iat;
                for (int i = 0; ; i++) {
                    long entry = m.u64((int) lookup + 8 * i);
                    if (entry == 0) {
                        break;
                    }
                    if (entry < 0) {
                        throw new ExecException("PE import from " + dll + ": import by ordinal "
                                + (entry & 0xffff) + " is not supported");
                    }
                    String name = cString(m, (int) (entry & 0x7fff_ffffL) + 2); // skip the 2-byte hint
                    out.add(new PeImport(dll, name, iat + 8L * i));
                }
            }
            return out;
        }

        /** ARM64 .pdata: 8-byte entries (BeginAddress, UnwindData). */
        private static List<RuntimeFunction> pdata(Bytes m, long[] dir) {
            List<RuntimeFunction> out = new ArrayList<>();
            if (dir[1] == 0) {
                return out;
            }
            checkDir("exception", m, dir);
            if (dir[1] % 8 != 0) {
                throw new ExecException("PE exception directory: size 0x" + Long.toHexString(dir[1])
                        + " is not a multiple of 8");
            }
            for (int e = (int) dir[0]; e < dir[0] + dir[1]; e += 8) {
                out.add(new RuntimeFunction(m.u32(e), m.u32(e + 4)));
            }
            return out;
        }

        private static String cString(Bytes m, int at) {
            int end = at;
            while (m.u8(end) != 0) {
                end++;
            }
            return new String(m.slice(at, end).toArray(), StandardCharsets.UTF_8);
        }
    }
}
