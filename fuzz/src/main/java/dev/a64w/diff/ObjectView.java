package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.InlineAddend;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One object prepared for comparison with another: sections keyed by name (a second section of
 * the same name is {@code name[1]}, and so on), its functions, its decoded unwind entries, and
 * relocations normalized so that spelling does not matter: a target defined in the object is the
 * place it resolves to (section key + symbol value + inline addend), whether the relocation names
 * a section symbol, a local label or a global; an undefined target is its name plus addend.
 */
record ObjectView(CoffObject obj, Map<String, Section> sections, List<CodeFunction> functions, UnwindEntries unwind) {

    /** A relocation as compared: {@code key} decides equality, {@code text} is what a person reads. */
    record NormReloc(long offset, String type, String key, String text) {
        String line() {
            return type + " " + text;
        }

        boolean sameAs(NormReloc o) {
            return type.equals(o.type) && key.equals(o.key);
        }
    }

    static ObjectView of(CoffObject obj) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Section s : obj.sections()) {
            int n = seen.merge(s.name(), 1, Integer::sum) - 1;
            sections.put(n == 0 ? s.name() : s.name() + "[" + n + "]", s);
        }
        List<CodeFunction> functions = CodeFunction.of(obj);
        return new ObjectView(obj, sections, functions, UnwindEntries.decode(obj, functions));
    }

    String keyOf(Section s) {
        for (Map.Entry<String, Section> e : sections.entrySet()) {
            if (e.getValue().number() == s.number()) {
                return e.getKey();
            }
        }
        return s.name();
    }

    /** Sections whose bytes and relocations are compared: code and data, not unwind, linker-info or debug. */
    static boolean compared(Section s) {
        return !UnwindEntries.isUnwindSection(s)
                && (s.characteristics() & (Section.LNK_INFO | Section.LNK_REMOVE)) == 0
                && !s.name().startsWith(".debug")
                && !s.name().equals(".llvm_addrsig");
    }

    Optional<CodeFunction> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    List<NormReloc> relocations(Section s) {
        List<NormReloc> out = new ArrayList<>();
        for (Relocation r : s.relocations()) {
            String type = r.arm64Type().map(Enum::name).orElse("type 0x" + Integer.toHexString(r.type()));
            long addend = InlineAddend.of(s, r).orElse(0);
            Optional<Symbol> sym = obj.symbolAt(r.symbolIndex());
            String key;
            String text;
            if (sym.isPresent() && sym.get().isDefined() && obj.sectionNumber(sym.get().sectionNumber()).isPresent()) {
                Symbol t = sym.get();
                String place = keyOf(obj.sectionNumber(t.sectionNumber()).get()) + "+0x" + Long.toHexString(t.value() + addend);
                key = place;
                text = t.storageClass() == Symbol.CLASS_SECTION || isSectionSymbol(t)
                        ? place : t.name() + plus(addend);
            } else {
                String name = sym.map(Symbol::name).orElse("#" + r.symbolIndex());
                key = name + plus(addend);
                text = key;
            }
            out.add(new NormReloc(r.offset(), type, key, text));
        }
        out.sort(java.util.Comparator.comparingLong(NormReloc::offset).thenComparing(NormReloc::type).thenComparing(NormReloc::key));
        return out;
    }

    /** LLVM writes section symbols as static (class 3) with the section's name and an aux record. */
    private boolean isSectionSymbol(Symbol t) {
        return t.value() == 0 && t.auxCount() > 0
                && obj.sectionNumber(t.sectionNumber()).map(sec -> sec.name().equals(t.name())).orElse(false);
    }

    static String plus(long addend) {
        return addend == 0 ? "" : (addend > 0 ? "+0x" + Long.toHexString(addend) : "-0x" + Long.toHexString(-addend));
    }
}
