package dev.a64w.audit;

import dev.a64w.audit.AuditTarget.AuditFunction;
import dev.a64w.audit.AuditTarget.Unwind;
import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays out a COFF object for the audit: every section that occupies memory gets a synthetic RVA
 * (page aligned, in table order, from {@link #FIRST_RVA}) under {@link #BASE}; nothing is linked and
 * no relocation is applied. Each relocation is recorded by address instead, so that stepping an
 * instruction whose relocation would change what it does is reported as {@code unsupported}
 * (prologues and epilogues rarely have any: the {@code bl __chkstk} and a tail call's {@code b} are
 * not executed, so theirs do not matter). Functions come from the {@code .pdata} sections
 * ({@link PdataDecoder#fromObject}); their names from the symbol the entry's relocation names, or a
 * function symbol at the same place when that is a section symbol.
 */
final class ObjectReader {
    static final long BASE = 0x1_0000_0000L;
    static final long FIRST_RVA = 0x1000;

    private ObjectReader() {
    }

    static AuditTarget read(Bytes file) {
        CoffObject obj;
        try {
            obj = CoffReader.read(file);
        } catch (MalformedObjectException e) {
            throw new AuditException("not a readable COFF object: " + e.getMessage());
        }
        if (obj.machine() != CoffObject.MACHINE_ARM64) {
            throw new AuditException("not an ARM64 object: machine " + PeReader.machineName(obj.machine())
                    + ", expected ARM64 (0xaa64)");
        }
        Map<Integer, Long> rvaOf = new HashMap<>();
        List<AuditTarget.Segment> segments = new ArrayList<>();
        Map<Long, String> relocations = new TreeMap<>();
        Map<Long, String> externals = new TreeMap<>();
        long cursor = FIRST_RVA;
        for (Section s : obj.sections()) {
            if ((s.characteristics() & (Section.LNK_INFO | Section.LNK_REMOVE)) != 0) {
                continue;
            }
            long size = s.isUninitialized() ? s.sizeOfRawData() : s.data().size();
            rvaOf.put(s.number(), cursor);
            if (!s.isUninitialized() && size > 0) {
                segments.add(new AuditTarget.Segment(cursor, s.data()));
            }
            if (s.isCode()) {
                for (Relocation r : s.relocations()) {
                    String type = r.arm64Type().map(Enum::name).orElse("type 0x" + Integer.toHexString(r.type()));
                    relocations.put(BASE + cursor + r.offset(), "IMAGE_REL_ARM64_" + type + " against " + r.symbolName());
                    externals.put(BASE + cursor + r.offset(), r.symbolName());
                }
            }
            cursor = (cursor + Math.max(size, 1) + 0xFFF) & ~0xFFFL;
        }
        List<AuditFunction> functions = new ArrayList<>();
        for (Section pdata : obj.sectionsNamed(".pdata")) {
            functions.addAll(functions(obj, pdata, rvaOf));
        }
        functions.sort(Comparator.comparingLong(AuditFunction::rva));
        return new AuditTarget("object", BASE, cursor, segments, functions, relocations, externals, rvaOf);
    }

    private static List<AuditFunction> functions(CoffObject obj, Section pdata, Map<Integer, Long> rvaOf) {
        List<PdataDecoder.ObjectEntry> entries;
        try {
            entries = PdataDecoder.fromObject(obj, pdata);
        } catch (MalformedUnwindException e) {
            long at = rvaOf.getOrDefault(pdata.number(), 0L);
            return List.of(new AuditFunction(".pdata#" + pdata.number(), at, false, new Unwind.Undecodable(e.getMessage())));
        }
        List<AuditFunction> out = new ArrayList<>();
        for (PdataDecoder.ObjectEntry e : entries) {
            PdataDecoder.Target fn = e.function();
            Long sectionRva = rvaOf.get(fn.sectionNumber());
            boolean packed = e.packed().isPresent();
            if (sectionRva == null) {
                String where = String.format(".pdata#%d+0x%x", pdata.number(), e.pdataOffset());
                out.add(new AuditFunction(where, rvaOf.getOrDefault(pdata.number(), 0L) + e.pdataOffset(), packed,
                        new Unwind.Undecodable(where + ": function " + fn.symbol() + " is not in a section of this object")));
                continue;
            }
            long rva = sectionRva + fn.offset();
            out.add(new AuditFunction(name(obj, fn), rva, packed, unwind(obj, e)));
        }
        return out;
    }

    private static Unwind unwind(CoffObject obj, PdataDecoder.ObjectEntry e) {
        try {
            UnwindData data = PdataDecoder.unwindData(obj, e);
            data.meaning();
            return new Unwind.Decoded(data);
        } catch (MalformedUnwindException ex) {
            return new Unwind.Undecodable(ex.getMessage());
        }
    }

    /** The relocation's symbol (plus the addend), unless it is a section symbol: then a function or external symbol at that place. */
    private static String name(CoffObject obj, PdataDecoder.Target fn) {
        Section section = obj.sectionNumber(fn.sectionNumber()).orElseThrow();
        List<Symbol> here = obj.symbolsIn(section);
        Symbol named = here.stream().filter(s -> s.name().equals(fn.symbol())).findFirst().orElse(null);
        boolean sectionSymbol = named == null || (named.storageClass() == Symbol.CLASS_STATIC && named.value() == 0
                && named.name().equals(section.name()));
        if (!sectionSymbol) {
            long addend = fn.offset() - named.value();
            return addend == 0 ? named.name() : String.format("%s+0x%x", named.name(), addend);
        }
        return here.stream()
                .filter(s -> s.value() == fn.offset() && (s.isFunction() || s.storageClass() == Symbol.CLASS_EXTERNAL))
                .map(Symbol::name).findFirst()
                .orElse(String.format("%s+0x%x", section.name(), fn.offset()));
    }
}
