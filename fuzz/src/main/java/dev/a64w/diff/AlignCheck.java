package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Alignment check (DESIGN.md "The checks", 6): every data object and every function starts at
 * an address that honours its declared alignment, in the object and in the linked image, and every
 * section is aligned at least as strictly as its strictest member. The emulator accepts unaligned
 * accesses, so a misplaced object is invisible to Run; another object file that loads it with
 * ADRP+LDR (PAGEOFFSET_12L) would fail to link (LNK2048), and an atomic access to it would fault.
 *
 * <p>Declared alignment: a data object's {@code align=N}; a function's is 4 (A64 instructions are
 * 4 bytes, and the README's decision "functions are 4-byte aligned"). Only the independent COFF
 * reader and PE reader are used, never the subject's writer.
 */
public final class AlignCheck {
    /** The alignment every function is declared with. */
    public static final long FUNCTION_ALIGN = 4;

    private AlignCheck() {
    }

    /** {@code pass}, or a mismatch naming the first misplaced member. */
    public static Verdict check(Map<String, Long> declared, Bytes object, Optional<PeImage> image) {
        return check(Check.ALIGN, declared, object, image);
    }

    /** The same for the object and image of {@code check}'s side. */
    public static Verdict check(Check check, Map<String, Long> declared, Bytes object, Optional<PeImage> image) {
        List<String> problems = new ArrayList<>();
        try {
            problems.addAll(objectProblems(declared, CoffReader.read(object)));
        } catch (MalformedObjectException e) {
            problems.add("object malformed: " + e.getMessage());
        }
        image.ifPresent(i -> problems.addAll(imageProblems(declared, i)));
        return problems.isEmpty() ? Verdict.PASS : new Verdict.Mismatch(check, problems.getFirst());
    }

    /**
     * The declared alignment of every member of a module: data objects with their {@code align=},
     * functions with {@link #FUNCTION_ALIGN}; in module order.
     */
    public static Map<String, Long> declared(Module module, List<String> functions) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String f : functions) {
            out.put(f, FUNCTION_ALIGN);
        }
        for (DataObject d : module.data()) {
            out.put(d.name(), (long) Math.max(1, d.align()));
        }
        return out;
    }

    /** Problems in an object: member offsets, and section alignment against the strictest member. */
    static List<String> objectProblems(Map<String, Long> declared, CoffObject obj) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Long> strictest = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : declared.entrySet()) {
            String name = e.getKey();
            long align = e.getValue();
            Optional<Symbol> sym = obj.symbols().stream()
                    .filter(s -> s.name().equals(name) && s.isDefined()).findFirst();
            if (sym.isEmpty()) {
                problems.add(name + ": declared align=" + align + ", but no defined symbol of that name in the object");
                continue;
            }
            Symbol s = sym.get();
            Section sec = obj.sectionNumber(s.sectionNumber()).orElseThrow();
            if (s.value() % align != 0) {
                problems.add(String.format("%s: object offset expected a multiple of %d, actual %s+0x%x (%d off)",
                        name, align, sec.name(), s.value(), s.value() % align));
            }
            strictest.merge(sec.number(), align, Math::max);
        }
        for (Map.Entry<Integer, Long> e : strictest.entrySet()) {
            Section sec = obj.sectionNumber(e.getKey()).orElseThrow();
            if (sec.alignment() < e.getValue()) {
                problems.add(String.format("section #%d %s: alignment expected >= %d (its strictest member), actual %s",
                        sec.number(), sec.name(), e.getValue(), sec.alignment() == 0 ? "unset" : sec.alignment()));
            }
        }
        return problems;
    }

    /** Problems in a linked image: each exported member's address against its declared alignment. */
    static List<String> imageProblems(Map<String, Long> declared, PeImage image) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> e : declared.entrySet()) {
            Long rva = image.exports().get(e.getKey());
            if (rva == null) {
                continue; // not exported (a function left out as unsupported): nothing to place
            }
            long address = image.imageBase() + rva;
            if (address % e.getValue() != 0) {
                problems.add(String.format("%s: image address expected a multiple of %d, actual 0x%x (%d off)",
                        e.getKey(), e.getValue(), address, address % e.getValue()));
            }
        }
        return problems;
    }
}
