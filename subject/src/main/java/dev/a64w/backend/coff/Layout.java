package dev.a64w.backend.coff;

import dev.a64w.backend.CompileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every file offset of a {@link CoffObject}, computed without writing anything. The order is
 * LLVM's: file header, section headers, then per section its raw data followed by its relocation
 * table (no padding: objects need none, MSVC and LLVM pack them), then the symbol table (one
 * section symbol + aux record per section, in section order, then the named symbols in model
 * order), then the string table.
 *
 * @param sectionHeadersOffset offset of the first section header (20)
 * @param sections             one placement per section, in section order
 * @param symbolTableOffset    PointerToSymbolTable
 * @param symbolRecords        NumberOfSymbols (18-byte records, aux records included)
 * @param stringTableOffset    offset of the string table (right after the symbol table)
 * @param strings              the string table's contents
 * @param fileSize             total size
 */
public record Layout(
        int sectionHeadersOffset,
        List<SectionPlacement> sections,
        int symbolTableOffset,
        int symbolRecords,
        int stringTableOffset,
        StringTable strings,
        int fileSize) {

    public Layout {
        sections = List.copyOf(sections);
    }

    public static Layout of(CoffObject obj) {
        List<String> names = new ArrayList<>();
        for (CoffSection s : obj.sections()) names.add(s.name());
        for (CoffSymbol s : obj.symbols()) names.add(s.name());
        StringTable strings = StringTable.of(names);

        int offset = Coff.FILE_HEADER_SIZE;
        int headers = offset;
        offset += Coff.SECTION_HEADER_SIZE * obj.sections().size();
        List<SectionPlacement> placements = new ArrayList<>();
        for (int i = 0; i < obj.sections().size(); i++) {
            CoffSection s = obj.sections().get(i);
            String headerName = s.name();
            if (StringTable.isLong(s.name())) {
                int at = strings.offsetOf(s.name());
                if (at > 9_999_999) {
                    throw new CompileException("section " + s.name() + ": string table offset " + at + " does not fit /nnnnnnn");
                }
                headerName = "/" + at;
            }
            int size = s.data().size();
            int raw = size == 0 ? 0 : offset;
            offset += size;
            int count = s.relocations().size();
            boolean overflow = count >= Coff.RELOC_OVERFLOW_THRESHOLD;
            int records = count + (overflow ? 1 : 0);
            int relocs = count == 0 ? 0 : offset;
            offset += Coff.RELOCATION_SIZE * records;
            placements.add(new SectionPlacement(headers + Coff.SECTION_HEADER_SIZE * i, headerName, raw, size, relocs, records,
                    overflow ? 0xFFFF : count, s.writtenCharacteristics(), JamCrc.of(s.data())));
            if (offset < 0) throw new CompileException("object larger than 2 GiB");
        }
        int symbolRecords = 2 * obj.sections().size() + obj.symbols().size();
        int symtab = offset;
        offset += Coff.SYMBOL_SIZE * symbolRecords;
        int strtab = offset;
        offset += strings.size();
        return new Layout(headers, placements, symtab, symbolRecords, strtab, strings, offset);
    }

    /** The symbol-table index a relocation target resolves to. */
    public int symbolTableIndex(CoffRelocation.Target target) {
        return switch (target) {
            case CoffRelocation.SectionSymbol(int section) -> 2 * section;
            case CoffRelocation.NamedSymbol(int symbol) -> 2 * sections.size() + symbol;
        };
    }
}
