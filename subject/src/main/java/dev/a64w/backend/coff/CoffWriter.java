package dev.a64w.backend.coff;

import dev.a64w.util.ByteSink;
import dev.a64w.util.Bytes;

/**
 * Writes a {@link CoffObject} at the offsets its {@link Layout} gives, checking at every part that
 * the bytes land where the layout said. TimeDateStamp is 0 and every order comes from the model,
 * so the same object gives the same bytes.
 */
public final class CoffWriter {
    private CoffWriter() {}

    public static Bytes write(CoffObject obj) {
        return write(obj, Layout.of(obj));
    }

    static Bytes write(CoffObject obj, Layout layout) {
        ByteSink out = new ByteSink(layout.fileSize());
        out.u16(obj.machine()).u16(obj.sections().size()).u32(0)
                .u32(layout.symbolTableOffset()).u32(layout.symbolRecords()).u16(0).u16(0);

        at(out, layout.sectionHeadersOffset(), "section headers");
        for (int i = 0; i < obj.sections().size(); i++) {
            SectionPlacement p = layout.sections().get(i);
            at(out, p.headerOffset(), "section header " + i);
            name8(out, p.headerName());
            out.u32(0).u32(0).u32(p.rawDataSize()).u32(p.rawDataOffset()).u32(p.relocationsOffset()).u32(0)
                    .u16(p.numberOfRelocationsField()).u16(0).u32(p.characteristics() & 0xffff_ffffL);
        }

        for (int i = 0; i < obj.sections().size(); i++) {
            CoffSection s = obj.sections().get(i);
            SectionPlacement p = layout.sections().get(i);
            if (p.rawDataSize() > 0) {
                at(out, p.rawDataOffset(), s.name() + " raw data");
                out.bytes(s.data());
            }
            if (p.relocationRecords() > 0) {
                at(out, p.relocationsOffset(), s.name() + " relocations");
                if (p.overflow()) {
                    out.u32(p.relocationRecords()).u32(0).u16(0); // NRELOC_OVFL: the count, this record included
                }
                for (CoffRelocation r : s.relocations()) {
                    out.u32(r.offset()).u32(layout.symbolTableIndex(r.target())).u16(r.type());
                }
            }
        }

        at(out, layout.symbolTableOffset(), "symbol table");
        StringTable strings = layout.strings();
        for (int i = 0; i < obj.sections().size(); i++) {
            CoffSection s = obj.sections().get(i);
            SectionPlacement p = layout.sections().get(i);
            symbolName(out, s.name(), strings);
            out.u32(0).u16(i + 1).u16(Coff.IMAGE_SYM_TYPE_NULL).u8(Coff.IMAGE_SYM_CLASS_STATIC).u8(1);
            out.u32(p.rawDataSize()).u16(p.numberOfRelocationsField()).u16(0).u32(p.checksum() & 0xffff_ffffL)
                    .u16(i + 1).u8(0).zeros(3);
        }
        for (CoffSymbol sym : obj.symbols()) {
            symbolName(out, sym.name(), strings);
            switch (sym) {
                case CoffSymbol.Defined d -> out.u32(d.value()).u16(d.section() + 1).u16(d.type()).u8(d.storageClass()).u8(0);
                case CoffSymbol.Undefined u -> out.u32(0).u16(Coff.IMAGE_SYM_UNDEFINED).u16(u.type())
                        .u8(Coff.IMAGE_SYM_CLASS_EXTERNAL).u8(0);
            }
        }

        at(out, layout.stringTableOffset(), "string table");
        out.u32(strings.size());
        for (String name : strings.offsets().keySet()) {
            at(out, layout.stringTableOffset() + strings.offsetOf(name), "string '" + name + "'");
            for (byte b : StringTable.utf8(name)) out.u8(b);
            out.u8(0);
        }
        at(out, layout.fileSize(), "end of file");
        return out.toBytes();
    }

    private static void name8(ByteSink out, String name) {
        byte[] b = StringTable.utf8(name);
        if (b.length > 8) throw new IllegalStateException("name field '" + name + "' longer than 8 bytes");
        for (byte x : b) out.u8(x);
        out.zeros(8 - b.length);
    }

    private static void symbolName(ByteSink out, String name, StringTable strings) {
        if (StringTable.isLong(name)) {
            out.u32(0).u32(strings.offsetOf(name));
        } else {
            name8(out, name);
        }
    }

    private static void at(ByteSink out, int expected, String what) {
        if (out.size() != expected) {
            throw new IllegalStateException("COFF writer: " + what + " lands at 0x" + Integer.toHexString(out.size())
                    + ", layout says 0x" + Integer.toHexString(expected));
        }
    }
}
