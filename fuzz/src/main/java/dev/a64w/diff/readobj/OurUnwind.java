package dev.a64w.diff.readobj;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PackedUnwind;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.check.unwind.Xdata;
import dev.a64w.check.unwind.XdataDecoder;
import dev.a64w.exec.ExecException;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.RuntimeFunction;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every {@code .pdata} entry of an object or image, decoded by the harness's own readers, in the
 * order llvm-readobj prints them. {@code symbols} (objects only) lets the comparison resolve the
 * symbol names readobj prints.
 */
public record OurUnwind(boolean image, List<OurEntry> entries, List<Symbol> symbols) {

    public OurUnwind {
        entries = List.copyOf(entries);
        symbols = List.copyOf(symbols);
    }

    /** Reads a PE image (starts with "MZ") or a COFF object. */
    public static OurUnwind read(Bytes file) {
        return file.size() >= 2 && file.u16(0) == 0x5a4d ? image(file) : object(file);
    }

    public static OurUnwind object(Bytes file) {
        CoffObject obj;
        try {
            obj = CoffReader.read(file);
        } catch (MalformedObjectException e) {
            throw new ReadobjException("our COFF reader rejects the object: " + e.getMessage(), e);
        }
        List<OurEntry> out = new ArrayList<>();
        for (Section p : obj.sections()) {
            if (!p.name().startsWith(".pdata")) {
                continue;
            }
            List<PdataDecoder.ObjectEntry> entries;
            try {
                entries = PdataDecoder.fromObject(obj, p);
            } catch (MalformedUnwindException e) {
                throw new ReadobjException("our decoder rejects " + p.name() + " (section " + p.number() + "): "
                        + e.getMessage(), e);
            }
            for (PdataDecoder.ObjectEntry e : entries) {
                out.add(objectEntry(obj, e));
            }
        }
        return new OurUnwind(false, out, obj.symbols());
    }

    private static OurEntry objectEntry(CoffObject obj, PdataDecoder.ObjectEntry e) {
        PdataDecoder.Target fn = e.function();
        Place function = new Place.InObject(fn.symbol(), fn.sectionNumber(), fn.offset());
        String label = label(obj, fn);
        Optional<Place> xplace = e.xdata().map(t -> new Place.InObject(t.symbol(), t.sectionNumber(), t.offset()));
        if (e.packed().isPresent()) {
            return new OurEntry(label, function, new OurEntry.Decoded.Packed(e.packed().get()), xplace, Bytes.EMPTY,
                    Optional.empty(), OptionalLong.empty());
        }
        Xdata x;
        try {
            x = ((UnwindData.Full) PdataDecoder.unwindData(obj, e)).xdata();
        } catch (MalformedUnwindException ex) {
            return new OurEntry(label, function, new OurEntry.Decoded.Rejected(ex.getMessage()), xplace, Bytes.EMPTY,
                    Optional.empty(), OptionalLong.empty());
        }
        PdataDecoder.Target t = e.xdata().orElseThrow();
        Section xs = obj.sectionNumber(t.sectionNumber()).orElseThrow();
        Optional<Place> handler = Optional.empty();
        OptionalLong parameter = OptionalLong.empty();
        if (x.x()) {
            long at = t.offset() + x.size() - 4;
            handler = Optional.of(relocated(obj, xs, at, x.handlerRva().orElseThrow()));
            parameter = word(xs.data(), at + 4);
        }
        return new OurEntry(label, function, new OurEntry.Decoded.Full(x), xplace, x.codes(), handler, parameter);
    }

    /** The place a relocated word names: its relocation's symbol plus the stored addend, or the raw word. */
    private static Place relocated(CoffObject obj, Section s, long at, long addend) {
        for (Relocation r : s.relocations()) {
            if (r.offset() == at) {
                Optional<Symbol> sym = obj.symbolAt(r.symbolIndex());
                if (sym.isPresent()) {
                    return new Place.InObject(sym.get().name(), sym.get().sectionNumber(), sym.get().value() + addend);
                }
            }
        }
        return new Place.InObject("", 0, addend);
    }

    /** The function symbol (highest value at or below the offset) in the target's section, else the target's symbol. */
    private static String label(CoffObject obj, PdataDecoder.Target t) {
        Symbol best = null;
        for (Symbol s : obj.symbols()) {
            boolean fn = s.isFunction() || s.storageClass() == Symbol.CLASS_EXTERNAL;
            if (fn && s.sectionNumber() == t.sectionNumber() && s.value() <= t.offset()
                    && (best == null || s.value() > best.value())) {
                best = s;
            }
        }
        if (best == null) {
            return t.symbol() + "+0x" + Long.toHexString(t.offset());
        }
        long delta = t.offset() - best.value();
        return best.name() + (delta == 0 ? "" : "+0x" + Long.toHexString(delta));
    }

    public static OurUnwind image(Bytes file) {
        PeImage pe;
        try {
            pe = PeImage.parse(file);
        } catch (ExecException e) {
            throw new ReadobjException("our PE reader rejects the image: " + e.getMessage(), e);
        }
        Bytes mem = pe.mapped();
        long base = pe.imageBase();
        List<OurEntry> out = new ArrayList<>();
        for (RuntimeFunction rf : pe.runtimeFunctions()) {
            Place function = new Place.InImage(base + rf.beginRva());
            String label = "0x" + Long.toHexString(base + rf.beginRva());
            if (rf.packed()) {
                OurEntry.Decoded d;
                try {
                    d = new OurEntry.Decoded.Packed(PackedUnwind.decode(rf.unwindData()));
                } catch (MalformedUnwindException e) {
                    d = new OurEntry.Decoded.Rejected(e.getMessage());
                }
                out.add(new OurEntry(label, function, d, Optional.empty(), Bytes.EMPTY, Optional.empty(),
                        OptionalLong.empty()));
                continue;
            }
            Optional<Place> xplace = Optional.of(new Place.InImage(base + rf.xdataRva()));
            Xdata x;
            try {
                if (rf.xdataRva() >= mem.size()) {
                    throw new MalformedUnwindException("xdata RVA 0x" + Long.toHexString(rf.xdataRva())
                            + " is outside the image (SizeOfImage 0x" + Integer.toHexString(mem.size()) + ")");
                }
                x = XdataDecoder.decode(mem, (int) rf.xdataRva());
            } catch (MalformedUnwindException e) {
                out.add(new OurEntry(label, function, new OurEntry.Decoded.Rejected(e.getMessage()), xplace, Bytes.EMPTY,
                        Optional.empty(), OptionalLong.empty()));
                continue;
            }
            Optional<Place> handler = x.handlerRva().isPresent()
                    ? Optional.of(new Place.InImage(base + x.handlerRva().getAsLong())) : Optional.empty();
            OptionalLong parameter = x.x() ? word(mem, rf.xdataRva() + x.size()) : OptionalLong.empty();
            out.add(new OurEntry(label, function, new OurEntry.Decoded.Full(x), xplace, x.codes(), handler, parameter));
        }
        return new OurUnwind(true, out, List.of());
    }

    private static OptionalLong word(Bytes b, long at) {
        return at >= 0 && at + 4 <= b.size() ? OptionalLong.of(b.u32((int) at)) : OptionalLong.empty();
    }
}
