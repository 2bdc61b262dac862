package dev.a64w.check.unwind;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes {@code .pdata} (reference §5): 8-byte entries, word 0 the function start, word 1 either an
 * xdata RVA (Flag 0) or packed unwind bits (Flag 1/2). In an object the RVAs are zero-based addends
 * of ADDR32NB relocations; in an image they are real RVAs.
 */
public final class PdataDecoder {
    private PdataDecoder() {
    }

    /** A place in an object: a symbol plus the addend stored in the relocated word. */
    public record Target(String symbol, int sectionNumber, long offset) {
    }

    /** One object {@code .pdata} entry. {@code xdata} is present for Flag 0, {@code packed} for Flag 1/2. */
    public record ObjectEntry(long pdataOffset, Target function, Optional<Target> xdata, Optional<PackedUnwind> packed) {
    }

    public static List<ObjectEntry> fromObject(CoffObject obj, Section pdata) {
        Bytes b = pdata.data();
        if (b.size() % 8 != 0) {
            throw new MalformedUnwindException(pdata.name() + ": size expected a multiple of 8, actual 0x"
                    + Integer.toHexString(b.size()));
        }
        List<ObjectEntry> out = new ArrayList<>();
        for (int at = 0; at < b.size(); at += 8) {
            int entryAt = at;
            Target fn = target(obj, pdata, at).orElseThrow(() -> new MalformedUnwindException(pdata.name() + "+0x"
                    + Integer.toHexString(entryAt) + ": function start has no ADDR32NB relocation"));
            long word = b.u32(at + 4);
            Optional<Target> x = target(obj, pdata, at + 4);
            int flag = (int) (word & 3);
            String where = pdata.name() + "+0x" + Integer.toHexString(at + 4);
            if (x.isPresent()) {
                if (flag != 0) {
                    throw new MalformedUnwindException(where + ": xdata relocation with Flag expected 0, actual " + flag);
                }
                out.add(new ObjectEntry(at, fn, x, Optional.empty()));
            } else {
                if (flag == 0 || flag == 3) {
                    throw new MalformedUnwindException(where + ": no xdata relocation, so Flag expected 1 or 2, actual "
                            + flag + " (word 0x" + Long.toHexString(word) + ")");
                }
                out.add(new ObjectEntry(at, fn, Optional.empty(), Optional.of(PackedUnwind.decode(word))));
            }
        }
        return out;
    }

    /** The unwind data of an object entry (decodes the referenced xdata in its section). */
    public static UnwindData unwindData(CoffObject obj, ObjectEntry e) {
        if (e.packed().isPresent()) {
            return new UnwindData.Packed(e.packed().get());
        }
        Target t = e.xdata().orElseThrow();
        Section xs = obj.sectionNumber(t.sectionNumber()).orElseThrow(() ->
                new MalformedUnwindException("xdata target " + t + " is not in a section of this object"));
        if (t.offset() % 4 != 0 || t.offset() > Integer.MAX_VALUE) {
            throw new MalformedUnwindException("xdata target " + t + ": offset expected 4-byte aligned");
        }
        return new UnwindData.Full(XdataDecoder.decode(xs.data(), (int) t.offset()));
    }

    private static Optional<Target> target(CoffObject obj, Section pdata, long offset) {
        Relocation found = null;
        for (Relocation r : pdata.relocations()) {
            if (r.offset() == offset) {
                if (found != null) {
                    throw new MalformedUnwindException(pdata.name() + "+0x" + Long.toHexString(offset)
                            + ": two relocations on one word");
                }
                found = r;
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        if (found.type() != 0x02) {
            throw new MalformedUnwindException(pdata.name() + "+0x" + Long.toHexString(offset)
                    + ": relocation type expected ADDR32NB (0x2), actual 0x" + Integer.toHexString(found.type()));
        }
        Relocation r = found;
        Symbol s = obj.symbolAt(r.symbolIndex()).orElseThrow(() ->
                new MalformedUnwindException("relocation symbol #" + r.symbolIndex() + " missing"));
        long addend = pdata.data().u32((int) offset) & ~3L;
        return Optional.of(new Target(s.name(), s.sectionNumber(), s.value() + addend));
    }

    /** Reads the {@code .pdata} of a loaded image: {@code size} bytes at {@code imageBase + pdataRva}. */
    public static List<FunctionEntry> fromImage(Memory mem, long imageBase, long pdataRva, long size) {
        if (size % 8 != 0 || size < 0) {
            throw new MalformedUnwindException("image .pdata size expected a multiple of 8, actual 0x" + Long.toHexString(size));
        }
        List<FunctionEntry> out = new ArrayList<>();
        try {
            for (long at = 0; at < size; at += 8) {
                Bytes entry = mem.readBytes(imageBase + pdataRva + at, 8);
                long begin = entry.u32(0);
                long word = entry.u32(4);
                int flag = (int) (word & 3);
                UnwindData data = switch (flag) {
                    case 0 -> new UnwindData.Full(readXdata(mem, imageBase + (word & ~3L)));
                    case 1, 2 -> new UnwindData.Packed(PackedUnwind.decode(word));
                    default -> throw new MalformedUnwindException(String.format(
                            "image .pdata entry at RVA 0x%x: Flag 3 is reserved", pdataRva + at));
                };
                out.add(FunctionEntry.of(imageBase, begin, data));
            }
        } catch (MalformedUnwindException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedUnwindException("image .pdata at RVA 0x" + Long.toHexString(pdataRva)
                    + ": memory read failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static Xdata readXdata(Memory mem, long address) {
        Bytes head = mem.readBytes(address, 8);
        long h = head.u32(0);
        int epilogs = (int) ((h >> 22) & 0x1F);
        int words = (int) (h >>> 27);
        long size = 4;
        if (epilogs == 0 && words == 0) {
            long ext = head.u32(4);
            epilogs = (int) (ext & 0xFFFF);
            words = (int) ((ext >> 16) & 0xFF);
            size = 8;
        }
        boolean e = ((h >> 21) & 1) != 0;
        size += (e ? 0 : 4L * epilogs) + 4L * words + (((h >> 20) & 1) != 0 ? 4 : 0);
        return XdataDecoder.decode(mem.readBytes(address, (int) size), 0);
    }
}
