package dev.a64w.check.coff;

import dev.a64w.util.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a COFF object file (PE format specification, sections "COFF File Header", "Section Table",
 * "COFF Relocations", "COFF Symbol Table", "COFF String Table"). Written from the specification,
 * independently of the subject's writer. Every read is bounds-checked: any input either yields a
 * {@link CoffObject} or a {@link MalformedObjectException}, never another exception.
 */
public final class CoffReader {
    private static final int FILE_HEADER = 20;
    private static final int SECTION_HEADER = 40;
    private static final int RELOCATION = 10;
    private static final int SYMBOL = 18;

    private final Bytes in;

    private CoffReader(Bytes in) {
        this.in = in;
    }

    public static CoffObject read(Bytes bytes) {
        if (bytes == null) {
            throw new MalformedObjectException("object: no bytes (null)");
        }
        return new CoffReader(bytes).readObject();
    }

    private CoffObject readObject() {
        need(0, FILE_HEADER, "file header");
        int machine = in.u16(0);
        int sectionCount = in.u16(2);
        long timestamp = in.u32(4);
        long symbolTable = in.u32(8);
        long symbolCount = in.u32(12);
        int optionalHeader = in.u16(16);

        long stringTable = symbolTable + SYMBOL * symbolCount;
        if (symbolCount > 0) {
            need(symbolTable, SYMBOL * symbolCount, "symbol table (" + symbolCount + " records)");
        }
        Bytes strings = readStringTable(symbolCount == 0 && symbolTable == 0 ? -1 : stringTable);

        long sectionTable = FILE_HEADER + (long) optionalHeader;
        need(sectionTable, (long) SECTION_HEADER * sectionCount, "section table (" + sectionCount + " headers)");

        List<RawSection> raw = new ArrayList<>();
        for (int i = 0; i < sectionCount; i++) {
            raw.add(readSectionHeader(i + 1, sectionTable + (long) SECTION_HEADER * i, strings));
        }
        List<Symbol> symbols = readSymbols(symbolTable, (int) symbolCount, strings, sectionCount);
        String[] nameAt = new String[(int) symbolCount];
        for (Symbol s : symbols) {
            nameAt[s.index()] = s.name();
        }
        List<Section> sections = new ArrayList<>();
        for (RawSection r : raw) {
            sections.add(r.resolve(readRelocations(r, nameAt)));
        }
        return new CoffObject(machine, timestamp, sections, symbols);
    }

    private Bytes readStringTable(long at) {
        if (at < 0 || at == in.size()) {
            return Bytes.EMPTY; // no string table at all (tolerated: nothing may refer to it)
        }
        need(at, 4, "string table size field");
        long size = in.u32((int) at);
        if (size < 4) {
            throw new MalformedObjectException("string table at 0x" + hex(at)
                    + ": size field expected >= 4 (it counts itself), actual 0x" + hex(size));
        }
        need(at, size, "string table (0x" + hex(size) + " bytes)");
        return in.slice((int) at, (int) (at + size));
    }

    private String stringAt(Bytes strings, long offset, String who) {
        if (offset < 4 || offset >= strings.size()) {
            throw new MalformedObjectException(who + ": string table offset expected in 0x4..0x"
                    + hex(Math.max(4, strings.size() - 1L)) + ", actual 0x" + hex(offset));
        }
        int end = (int) offset;
        while (end < strings.size() && strings.get(end) != 0) {
            end++;
        }
        if (end == strings.size()) {
            throw new MalformedObjectException(who + ": string at table offset 0x" + hex(offset)
                    + " has no terminating NUL before the table ends");
        }
        return new String(strings.slice((int) offset, end).toArray(), StandardCharsets.UTF_8);
    }

    private String shortName(long at) {
        int len = 0;
        while (len < 8 && in.get((int) at + len) != 0) {
            len++;
        }
        return new String(in.slice((int) at, (int) at + len).toArray(), StandardCharsets.UTF_8);
    }

    private RawSection readSectionHeader(int number, long at, Bytes strings) {
        String who = "section header #" + number + " at 0x" + hex(at);
        String name = shortName(at);
        if (name.startsWith("/")) {
            String digits = name.substring(1);
            if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new MalformedObjectException(who + ": long name expected '/<decimal offset>', actual '"
                        + name + "'");
            }
            name = stringAt(strings, Long.parseLong(digits), who + " name");
        }
        int p = (int) at;
        long rawSize = in.u32(p + 16);
        long rawPointer = in.u32(p + 20);
        long relocPointer = in.u32(p + 24);
        int relocCount = in.u16(p + 32);
        long characteristics = in.u32(p + 36);
        int alignField = (int) ((characteristics & Section.ALIGN_MASK) >>> 20);
        if (alignField == 0xF) {
            throw new MalformedObjectException(who + " (" + name + "): ALIGN field expected 0x0..0xE, actual 0xf");
        }
        int alignment = alignField == 0 ? 0 : 1 << (alignField - 1);
        Bytes data;
        if ((characteristics & Section.CNT_UNINITIALIZED_DATA) != 0 && rawPointer == 0) {
            data = Bytes.EMPTY;
        } else if (rawSize == 0) {
            data = Bytes.EMPTY;
        } else {
            if (rawPointer == 0) {
                throw new MalformedObjectException(who + " (" + name + "): SizeOfRawData 0x" + hex(rawSize)
                        + " but PointerToRawData is 0");
            }
            need(rawPointer, rawSize, who + " (" + name + ") raw data");
            data = in.slice((int) rawPointer, (int) (rawPointer + rawSize));
        }
        return new RawSection(number, name, characteristics, alignment, data, rawSize, relocPointer, relocCount, who);
    }

    private List<Relocation> readRelocations(RawSection s, String[] nameAt) {
        long count = s.relocCount;
        long first = s.relocPointer;
        String who = s.who + " (" + s.name + ")";
        if (count == 0) {
            return List.of();
        }
        if ((s.characteristics & Section.LNK_NRELOC_OVFL) != 0) {
            if (count != 0xFFFF) {
                throw new MalformedObjectException(who + ": NRELOC_OVFL set, NumberOfRelocations expected 0xffff, actual 0x"
                        + hex(count));
            }
            need(first, RELOCATION, who + " relocation count record");
            long total = in.u32((int) first);
            if (total < 0xFFFF) {
                throw new MalformedObjectException(who + ": NRELOC_OVFL count record at 0x" + hex(first)
                        + " expected >= 0xffff, actual 0x" + hex(total));
            }
            count = total - 1; // the count includes the count record itself
            first += RELOCATION;
        }
        need(first, RELOCATION * count, who + " relocations (" + count + ")");
        List<Relocation> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            int at = (int) (first + RELOCATION * i);
            long offset = in.u32(at);
            long symbolIndex = in.u32(at + 4);
            int type = in.u16(at + 8);
            if (symbolIndex >= nameAt.length || nameAt[(int) symbolIndex] == null) {
                throw new MalformedObjectException(who + ": relocation #" + i + " at 0x" + hex(at)
                        + ": symbol index expected to name a primary symbol record (< 0x" + hex(nameAt.length)
                        + "), actual 0x" + hex(symbolIndex));
            }
            out.add(new Relocation(offset, type, (int) symbolIndex, nameAt[(int) symbolIndex]));
        }
        return out;
    }

    private List<Symbol> readSymbols(long table, int count, Bytes strings, int sectionCount) {
        List<Symbol> out = new ArrayList<>();
        int i = 0;
        while (i < count) {
            long at = table + (long) SYMBOL * i;
            int p = (int) at;
            String who = "symbol #" + i + " at 0x" + hex(at);
            String name;
            if (in.u32(p) == 0) {
                name = stringAt(strings, in.u32(p + 4), who + " name");
            } else {
                name = shortName(at);
            }
            long value = in.u32(p + 8);
            int sectionNumber = (short) in.u16(p + 12);
            int type = in.u16(p + 14);
            int storageClass = in.u8(p + 16);
            int auxCount = in.u8(p + 17);
            if (sectionNumber > sectionCount) {
                throw new MalformedObjectException(who + " (" + name + "): SectionNumber expected -2..0x"
                        + hex(sectionCount) + ", actual 0x" + hex(sectionNumber));
            }
            if (sectionNumber < -2) {
                throw new MalformedObjectException(who + " (" + name + "): SectionNumber expected >= -2, actual "
                        + sectionNumber);
            }
            if ((long) i + 1 + auxCount > count) {
                throw new MalformedObjectException(who + " (" + name + "): " + auxCount
                        + " aux records run past the symbol table end (" + count + " records)");
            }
            Bytes aux = in.slice(p + SYMBOL, p + SYMBOL + SYMBOL * auxCount);
            out.add(new Symbol(i, name, value, sectionNumber, type, storageClass, auxCount, aux));
            i += 1 + auxCount;
        }
        return out;
    }

    private void need(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > in.size()) {
            throw new MalformedObjectException(what + ": expected 0x" + hex(length) + " bytes at 0x" + hex(offset)
                    + ", file has 0x" + hex(in.size()));
        }
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }

    private record RawSection(int number, String name, long characteristics, int alignment, Bytes data, long rawSize,
                              long relocPointer, int relocCount, String who) {
        Section resolve(List<Relocation> relocations) {
            return new Section(number, name, characteristics, alignment, data, relocations, rawSize);
        }
    }
}
