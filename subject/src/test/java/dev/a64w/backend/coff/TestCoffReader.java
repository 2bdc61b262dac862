package dev.a64w.backend.coff;

import dev.a64w.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only COFF reader, written from the PE format specification without the writer's Layout:
 * parses every header, relocation, symbol and the string table, checks the section symbols and
 * their aux records, and rebuilds the model so tests can assert read(write(obj)) == obj.
 */
public final class TestCoffReader {
    private TestCoffReader() {}

    public record Header(int machine, int sections, long timestamp, int symbolTable, int symbols, int optionalHeader, int characteristics) {}

    public record SectionHeader(String rawName, String name, long virtualSize, long virtualAddress, int size, int rawData,
                                int relocations, long lineNumbers, int relocationCountField, int lineNumberCount, int characteristics) {}

    public record Reloc(int offset, int symbolIndex, int type) {}

    public record Symbol(int index, String name, long value, int section, int type, int storageClass, int auxCount, Bytes aux) {}

    public record Parsed(Header header, List<SectionHeader> sections, List<List<Reloc>> relocations, List<Symbol> symbols,
                         int stringTableSize, CoffObject model) {
        public Symbol symbol(int index) {
            return symbols.stream().filter(s -> s.index() == index).findFirst().orElseThrow();
        }

        public Symbol symbol(String name) {
            return symbols.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no symbol " + name));
        }

        public SectionHeader section(String name) {
            return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no section " + name));
        }

        public int sectionNumber(String name) {
            for (int i = 0; i < sections.size(); i++) if (sections.get(i).name().equals(name)) return i + 1;
            throw new AssertionError("no section " + name);
        }

        public Bytes data(Bytes file, String name) {
            SectionHeader h = section(name);
            return h.rawData() == 0 ? Bytes.EMPTY : file.slice(h.rawData(), h.rawData() + h.size());
        }
    }

    static int crc(Bytes data) {
        int crc = 0; // LLVM: JamCRC with initial value 0, no final xor
        for (int i = 0; i < data.size(); i++) {
            crc ^= data.u8(i);
            for (int k = 0; k < 8; k++) crc = (crc >>> 1) ^ (-(crc & 1) & 0xEDB88320);
        }
        return crc;
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("malformed COFF: " + what);
    }

    public static Parsed read(Bytes f) {
        Header h = new Header(f.u16(0), f.u16(2), f.u32(4), (int) f.u32(8), (int) f.u32(12), f.u16(16), f.u16(18));
        check(h.optionalHeader() == 0, "object with optional header");
        int strtab = h.symbolTable() + 18 * h.symbols();
        int strSize = (int) f.u32(strtab);
        check(strtab + strSize == f.size(), "string table size " + strSize + " does not end the file (" + f.size() + ")");

        List<SectionHeader> secs = new ArrayList<>();
        List<List<Reloc>> relocs = new ArrayList<>();
        for (int i = 0; i < h.sections(); i++) {
            int o = 20 + 40 * i;
            String raw = cstring(f, o, 8);
            String name = raw.startsWith("/") ? cstring(f, strtab + Integer.parseInt(raw.substring(1)), 1 << 20) : raw;
            SectionHeader s = new SectionHeader(raw, name, f.u32(o + 8), f.u32(o + 12), (int) f.u32(o + 16), (int) f.u32(o + 20),
                    (int) f.u32(o + 24), f.u32(o + 28), f.u16(o + 32), f.u16(o + 34), (int) f.u32(o + 36));
            check(s.virtualSize() == 0 && s.virtualAddress() == 0, name + ": virtual size/address in an object");
            check(s.size() == 0 || s.rawData() + s.size() <= f.size(), name + ": raw data beyond the file");
            secs.add(s);
            List<Reloc> rs = new ArrayList<>();
            int count = s.relocationCountField();
            int at = s.relocations();
            if ((s.characteristics() & 0x01000000) != 0) {
                check(count == 0xFFFF, name + ": NRELOC_OVFL with count field " + count);
                count = (int) f.u32(at) - 1;
                check(f.u16(at + 8) == 0, name + ": overflow record has a type");
                at += 10;
            }
            for (int k = 0; k < count; k++, at += 10) rs.add(new Reloc((int) f.u32(at), (int) f.u32(at + 4), f.u16(at + 8)));
            relocs.add(rs);
        }

        List<Symbol> syms = new ArrayList<>();
        for (int i = 0; i < h.symbols(); ) {
            int o = h.symbolTable() + 18 * i;
            String name = f.u32(o) == 0 ? cstring(f, strtab + (int) f.u32(o + 4), 1 << 20) : cstring(f, o, 8);
            int naux = f.u8(o + 17);
            Symbol s = new Symbol(i, name, f.u32(o + 8), (short) f.u16(o + 12), f.u16(o + 14), f.u8(o + 16), naux,
                    f.slice(o + 18, o + 18 + 18 * naux));
            syms.add(s);
            i += 1 + naux;
        }

        int n = secs.size();
        for (int i = 0; i < n; i++) {
            SectionHeader sh = secs.get(i);
            Symbol s = syms.get(i);
            check(s.index() == 2 * i && s.name().equals(sh.name()) && s.section() == i + 1 && s.storageClass() == 3
                    && s.auxCount() == 1 && s.value() == 0, "section symbol " + i + " is " + s);
            Bytes aux = s.aux();
            Bytes contents = sh.size() == 0 ? Bytes.EMPTY : f.slice(sh.rawData(), sh.rawData() + sh.size());
            check(aux.u32(0) == sh.size(), sh.name() + ": aux Length " + aux.u32(0));
            check(aux.u16(4) == sh.relocationCountField(), sh.name() + ": aux NumberOfRelocations");
            check((int) aux.u32(8) == crc(contents), sh.name() + ": aux CheckSum");
        }
        List<Symbol> named = syms.subList(n, syms.size());

        CoffObject model = CoffObject.build(h.machine(), b -> {
            for (SectionHeader sh : secs) {
                Bytes contents = sh.size() == 0 ? Bytes.EMPTY : f.slice(sh.rawData(), sh.rawData() + sh.size());
                int align = Coff.alignmentOf(sh.characteristics());
                b.section(sh.name(), sh.characteristics() & ~0x00F00000 & ~0x01000000, align, contents);
            }
            for (Symbol s : named) {
                check(s.auxCount() == 0, s.name() + ": unexpected aux records");
                if (s.section() == 0) {
                    check(s.storageClass() == 2 && s.value() == 0, s.name() + ": undefined but not EXTERNAL/0");
                    b.undefined(s.name(), s.type());
                } else {
                    b.defined(s.name(), s.section() - 1, (int) s.value(), s.type(), s.storageClass());
                }
            }
            for (int i = 0; i < n; i++) {
                for (Reloc r : relocs.get(i)) {
                    int idx = r.symbolIndex();
                    if (idx < 2 * n) {
                        check(idx % 2 == 0, "relocation into an aux record: " + r);
                        b.relocationToSection(i, r.offset(), idx / 2, r.type());
                    } else {
                        int k = -1;
                        for (int j = 0; j < named.size(); j++) if (named.get(j).index() == idx) k = j;
                        check(k >= 0, "relocation to symbol index " + idx + " that is no symbol start");
                        b.relocationToSymbol(i, r.offset(), k, r.type());
                    }
                }
            }
        });
        return new Parsed(h, secs, relocs, syms, strSize, model);
    }

    private static String cstring(Bytes f, int from, int max) {
        int end = from;
        while (end < f.size() && end - from < max && f.get(end) != 0) end++;
        return new String(f.slice(from, end).toArray(), StandardCharsets.UTF_8);
    }
}
