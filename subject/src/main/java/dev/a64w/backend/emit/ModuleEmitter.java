package dev.a64w.backend.emit;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Reloc;
import dev.a64w.backend.RelocKind;
import dev.a64w.backend.coff.Arm64Relocations;
import dev.a64w.backend.coff.Coff;
import dev.a64w.backend.coff.CoffBuilder;
import dev.a64w.backend.coff.CoffObject;
import dev.a64w.backend.coff.CoffWriter;
import dev.a64w.backend.unwind.PackedUnwind;
import dev.a64w.backend.unwind.UnwindEntry;
import dev.a64w.backend.unwind.XdataRecord;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.ByteSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Puts a module's compiled functions and data into one COFF object, with the equivalent listing
 * printed on demand ({@link EmittedModule#listing}).
 *
 * <ul>
 *   <li>{@code .text} (ALIGN_4BYTES): the functions in the given order, each at a multiple of 4
 *       (LLVM's generic {@code .p2align 2}); an EXTERNAL function symbol (type 0x20) at each start;
 *       each function's relocations shifted by its start.</li>
 *   <li>{@code .data} / {@code .rdata}: the module's read-write / read-only data objects (see
 *       {@link DataLayout}); an EXTERNAL symbol per object; ADDR64 for {@code addr=} items.</li>
 *   <li>{@code .xdata} / {@code .pdata} (ALIGN_4BYTES, INITIALIZED_DATA|READ) for functions with
 *       unwind facts: a 4-aligned .xdata record per unwind segment (one, or several for a function of
 *       1 MiB or more, see {@code unwind.Segmenter}), and per segment a .pdata entry
 *       {@code [ADDR32NB function + segment offset][ADDR32NB .xdata + offset]} whose words hold the
 *       offsets inline (a reference to an unnamed place is symbol + offset, as LLVM writes it); a
 *       function whose unwind data packs ({@code unwind.Packing}) gets {@code [ADDR32NB function][packed
 *       word]} and no .xdata record; .xdata is absent when no function needs a record.</li>
 *   <li>Symbols: functions, then data objects, then undefined EXTERNAL symbols (every referenced
 *       name the object does not define: other objects' functions, {@code __imp_*}, {@code __chkstk})
 *       sorted by name; an undefined one has type 0x20 when some CALL26 targets it.</li>
 * </ul>
 * Stateless and deterministic: the same inputs give the same bytes and text.
 */
public final class ModuleEmitter {

    public EmittedModule emit(Module module, List<CompiledFunction> functions) {
        return new EmittedModule(CoffWriter.write(object(module, functions)), module, functions);
    }

    /** The object model, before writing. */
    public CoffObject object(Module module, List<CompiledFunction> functions) {
        List<DataObject> rw = module.data().stream().filter(d -> !d.readOnly()).toList();
        List<DataObject> ro = module.data().stream().filter(DataObject::readOnly).toList();
        checkNames(module, functions);

        int textSize = 0;
        for (CompiledFunction f : functions) textSize += (f.code().size() + 3) & ~3;
        ByteSink text = new ByteSink(textSize);
        Map<String, Integer> starts = new LinkedHashMap<>();
        for (CompiledFunction f : functions) {
            text.alignTo(4, 0);
            starts.put(f.name(), text.size());
            text.bytes(f.code());
        }
        DataLayout data = DataLayout.of(".data", rw);
        DataLayout rdata = DataLayout.of(".rdata", ro);

        ByteSink xdata = new ByteSink();
        ByteSink pdata = new ByteSink();
        record PdataEntry(int at, String function, OptionalInt xdataOffset) {}
        List<PdataEntry> entries = new ArrayList<>();
        for (CompiledFunction f : functions) {
            if (f.unwind().isEmpty()) continue;
            for (UnwindEntry.Placed placed : UnwindEntry.entries(f.name(), f.code().size(), f.unwind().get())) {
                switch (placed.entry()) {
                    case UnwindEntry.Full(XdataRecord x) -> {
                        xdata.alignTo(4, 0);
                        int at = xdata.size();
                        x.write(xdata);
                        entries.add(new PdataEntry(pdata.size(), f.name(), OptionalInt.of(at)));
                        pdata.u32(placed.offset()).u32(at);
                    }
                    case UnwindEntry.Packed(PackedUnwind p) -> {
                        entries.add(new PdataEntry(pdata.size(), f.name(), OptionalInt.empty()));
                        pdata.u32(placed.offset()).u32(p.word() & 0xffff_ffffL);
                    }
                }
            }
        }

        return CoffObject.build(Coff.IMAGE_FILE_MACHINE_ARM64, b -> {
            int textSec = b.section(".text", Coff.TEXT, 4, text.toBytes());
            int dataSec = rw.isEmpty() ? -1 : b.section(".data", Coff.DATA, data.alignment(), data.bytes());
            int rdataSec = ro.isEmpty() ? -1 : b.section(".rdata", Coff.RDATA, rdata.alignment(), rdata.bytes());
            int xdataSec = xdata.size() == 0 ? -1 : b.section(".xdata", Coff.RDATA, 4, xdata.toBytes());
            int pdataSec = entries.isEmpty() ? -1 : b.section(".pdata", Coff.RDATA, 4, pdata.toBytes());

            Map<String, Integer> symbols = new HashMap<>();
            for (CompiledFunction f : functions) {
                symbols.put(f.name(), b.defined(f.name(), textSec, starts.get(f.name()), Coff.IMAGE_SYM_DTYPE_FUNCTION,
                        Coff.IMAGE_SYM_CLASS_EXTERNAL));
            }
            for (DataLayout.Placed p : data.objects()) {
                symbols.put(p.object().name(), b.defined(p.object().name(), dataSec, p.offset(), 0, Coff.IMAGE_SYM_CLASS_EXTERNAL));
            }
            for (DataLayout.Placed p : rdata.objects()) {
                symbols.put(p.object().name(), b.defined(p.object().name(), rdataSec, p.offset(), 0, Coff.IMAGE_SYM_CLASS_EXTERNAL));
            }

            // undefined symbols: every referenced name not defined here, sorted; 0x20 if called
            Map<String, Boolean> undefined = new TreeMap<>();
            for (CompiledFunction f : functions) {
                for (Reloc r : f.relocs()) {
                    if (!symbols.containsKey(r.symbol())) undefined.merge(r.symbol(), r.kind() == RelocKind.CALL26, Boolean::logicalOr);
                }
            }
            for (DataLayout d : List.of(data, rdata)) {
                for (DataLayout.Pointer p : d.pointers()) {
                    if (!symbols.containsKey(p.symbol())) undefined.merge(p.symbol(), false, Boolean::logicalOr);
                }
            }
            undefined.forEach((name, called) -> symbols.put(name, b.undefined(name, called ? Coff.IMAGE_SYM_DTYPE_FUNCTION : 0)));

            for (CompiledFunction f : functions) {
                int start = starts.get(f.name());
                List<Reloc> sorted = new ArrayList<>(f.relocs());
                sorted.sort(Comparator.comparingInt(Reloc::offset));
                for (Reloc r : sorted) {
                    if (r.offset() < 0 || r.offset() + 4 > f.code().size()) {
                        throw new CompileException("function " + f.name() + ": relocation " + r + " at 0x" + Integer.toHexString(r.offset())
                                + " outside its code (0x" + Integer.toHexString(f.code().size()) + " bytes)");
                    }
                    b.relocationToSymbol(textSec, start + r.offset(), symbols.get(r.symbol()), Arm64Relocations.type(r.kind()));
                }
            }
            relocateData(b, dataSec, data, symbols);
            relocateData(b, rdataSec, rdata, symbols);
            for (PdataEntry e : entries) {
                b.relocationToSymbol(pdataSec, e.at(), symbols.get(e.function()), Arm64Relocations.IMAGE_REL_ARM64_ADDR32NB);
                if (e.xdataOffset().isPresent()) {
                    b.relocationToSection(pdataSec, e.at() + 4, xdataSec, Arm64Relocations.IMAGE_REL_ARM64_ADDR32NB);
                }
            }
        });
    }

    private static void relocateData(CoffBuilder b, int section, DataLayout layout, Map<String, Integer> symbols) {
        for (DataLayout.Pointer p : layout.pointers()) {
            b.relocationToSymbol(section, p.offset(), symbols.get(p.symbol()), Arm64Relocations.type(RelocKind.ABS64));
        }
    }

    private static void checkNames(Module module, List<CompiledFunction> functions) {
        Map<String, String> seen = new HashMap<>();
        for (CompiledFunction f : functions) {
            String prev = seen.put(f.name(), "function");
            if (prev != null) throw new CompileException("symbol " + f.name() + " defined twice (function and " + prev + ")");
        }
        for (DataObject d : module.data()) {
            if (d.align() < 1 || d.align() > 4096 || Integer.bitCount(d.align()) != 1) {
                throw new CompileException("data object " + d.name() + ": alignment " + d.align() + " is not a power of two in 1..4096");
            }
            String prev = seen.put(d.name(), "data object");
            if (prev != null) throw new CompileException("symbol " + d.name() + " defined twice (data object and " + prev + ")");
        }
    }
}
