package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PdataDecoder;
import dev.a64w.check.unwind.UnwindData;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code .pdata} entry of an object, decoded (xdata or packed) and attributed to the function
 * it starts in. Entries that do not decode or point outside every function become problems.
 */
record UnwindEntries(List<Fragment> fragments, List<String> problems) {

    /**
     * One decoded entry: it covers {@code function} from {@code offset} (relative to the function
     * start). {@code encoded} is what the entry is made of, byte for byte: the packed word's four
     * bytes (Flag 1/2), or the whole .xdata record from its header through the handler RVA.
     */
    record Fragment(CodeFunction function, long offset, String pdataPlace, UnwindData data, UnwindMeaning meaning,
                    Bytes encoded) {

        boolean packed() {
            return data instanceof UnwindData.Packed;
        }

        /** {@code packed 0x00e00015} or {@code xdata 0x10600008 +8 bytes} (header word, then how much follows). */
        String form() {
            return switch (data) {
                case UnwindData.Packed p -> String.format("packed 0x%08x", p.packed().encode());
                case UnwindData.Full f -> String.format("xdata 0x%08x +%d bytes", encoded.u32(0), encoded.size() - 4);
            };
        }
    }

    UnwindEntries {
        fragments = List.copyOf(fragments);
        problems = List.copyOf(problems);
    }

    static boolean isUnwindSection(Section s) {
        return isPdata(s) || s.name().equals(".xdata") || s.name().startsWith(".xdata$");
    }

    static boolean isPdata(Section s) {
        return s.name().equals(".pdata") || s.name().startsWith(".pdata$");
    }

    List<Fragment> of(CodeFunction f) {
        return fragments.stream().filter(x -> x.function().equals(f)).toList();
    }

    static UnwindEntries decode(CoffObject obj, List<CodeFunction> functions) {
        List<Fragment> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Section p : obj.sections()) {
            if (!isPdata(p)) {
                continue;
            }
            List<PdataDecoder.ObjectEntry> entries;
            try {
                entries = PdataDecoder.fromObject(obj, p);
            } catch (MalformedUnwindException e) {
                problems.add(p.name() + " does not decode: " + e.getMessage());
                continue;
            }
            for (PdataDecoder.ObjectEntry e : entries) {
                String place = p.name() + "+0x" + Long.toHexString(e.pdataOffset());
                PdataDecoder.Target t = e.function();
                var fn = CodeFunction.containing(functions, t.sectionNumber(), t.offset());
                if (fn.isEmpty()) {
                    problems.add(place + ": function start " + t.symbol() + "+0x" + Long.toHexString(t.offset())
                            + " expected inside a function symbol's extent, actual outside every function");
                    continue;
                }
                try {
                    UnwindData data = PdataDecoder.unwindData(obj, e);
                    out.add(new Fragment(fn.get(), t.offset() - fn.get().start(), place, data, data.meaning(),
                            encoded(obj, e, data)));
                } catch (MalformedUnwindException ex) {
                    problems.add(place + " (function " + fn.get().name() + "): unwind data does not decode: "
                            + ex.getMessage());
                }
            }
        }
        return new UnwindEntries(out, problems);
    }

    /** The bytes an entry is made of (see {@link Fragment#encoded}). */
    private static Bytes encoded(CoffObject obj, PdataDecoder.ObjectEntry e, UnwindData data) {
        return switch (data) {
            case UnwindData.Packed p -> {
                long w = p.packed().encode();
                yield Bytes.of(new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)});
            }
            case UnwindData.Full f -> {
                PdataDecoder.Target t = e.xdata().orElseThrow();
                Section xs = obj.sectionNumber(t.sectionNumber()).orElseThrow();
                int from = (int) t.offset();
                int to = from + f.xdata().size();
                if (to > xs.data().size()) {
                    throw new MalformedUnwindException("xdata record at " + xs.name() + "+0x" + Integer.toHexString(from)
                            + ": expected 0x" + Integer.toHexString(f.xdata().size()) + " bytes, section ends at 0x"
                            + Integer.toHexString(xs.data().size()));
                }
                yield xs.data().slice(from, to);
            }
        };
    }
}
