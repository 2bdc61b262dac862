package dev.a64w.diff;

import dev.a64w.check.coff.Arm64RelocType;
import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Relocation;
import dev.a64w.check.coff.Section;
import dev.a64w.ir.Module;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The Policy check (DESIGN.md check 5): for every symbol of the module, the relocation classes the
 * subject's object uses against it are compared with those of LLVM's objects at O0 and O2, through
 * the IR's reference kinds ({@link PolicyReferences}), with two rules:
 * <ol>
 *   <li><b>Same choice:</b> for each reference kind the IR makes to a symbol, if LLVM uses the
 *       kind's class against the symbol, the subject does too (a call that LLVM makes with
 *       BRANCH26 is a {@code BL} in the subject too);</li>
 *   <li><b>Nothing unexplained:</b> every class the subject uses against a symbol is the class of
 *       some reference kind the IR makes to it (an ADRP+LDR against a function that is only
 *       called is the wasmtime #8247 bug, whatever LLVM did).</li>
 * </ol>
 * Rule 1 looks only at classes LLVM uses that the IR explains, so LLVM's optimizations (dead loads
 * removed, an indirect call through a known {@code func_addr} made direct) are no false alarm.
 * Symbols only the compilers invent ({@code __chkstk}, jump-table labels) are not compared.
 */
public final class PolicyCheck {
    private PolicyCheck() {
    }

    /**
     * @param disassemble text of an instruction word, for the report (only used once a mismatch is found)
     */
    public static Verdict check(Module module, Bytes subject, Map<OptLevel, Bytes> llvm, LongFunction<String> disassemble) {
        List<String> problems = problems(module, subject, llvm, RAW);
        if (!problems.isEmpty() && disassemble != RAW) {
            problems = problems(module, subject, llvm, disassemble); // the same findings, now with instruction text
        }
        return problems.isEmpty() ? Verdict.PASS : new Verdict.Mismatch(Check.POLICY, problems.getFirst());
    }

    static List<String> problems(Module module, Bytes subject, Map<OptLevel, Bytes> llvm, LongFunction<String> disassemble) {
        Map<String, Set<String>> kinds = PolicyReferences.kinds(module);
        Map<String, Map<String, List<String>>> ours;
        try {
            ours = classes(CoffReader.read(subject), kinds.keySet(), disassemble);
        } catch (MalformedObjectException e) {
            return List.of("subject object malformed: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (var e : new TreeMap<>(ours).entrySet()) {
            Set<String> explained = PolicyReferences.expected(kinds.get(e.getKey()), module.importOf(e.getKey()).isPresent());
            for (var c : e.getValue().entrySet()) {
                if (!explained.contains(c.getKey())) {
                    problems.add(String.format("%s %s (%s): subject uses %s [%s], which none of its IR uses explains (expected %s)",
                            PolicyReferences.describe(module, e.getKey()), e.getKey(), String.join(", ", kinds.get(e.getKey())),
                            c.getKey(), String.join("; ", c.getValue()), explained));
                }
            }
        }
        for (var level : new TreeMap<>(llvm).entrySet()) {
            Map<String, Map<String, List<String>>> theirs;
            try {
                theirs = classes(CoffReader.read(level.getValue()), kinds.keySet(), disassemble);
            } catch (MalformedObjectException e) {
                problems.add("LLVM " + level.getKey() + " object malformed: " + e.getMessage());
                continue;
            }
            for (var e : new TreeMap<>(theirs).entrySet()) {
                Set<String> explained = PolicyReferences.expected(kinds.get(e.getKey()), module.importOf(e.getKey()).isPresent());
                Map<String, List<String>> mine = ours.getOrDefault(e.getKey(), Map.of());
                for (var c : e.getValue().entrySet()) {
                    if (explained.contains(c.getKey()) && !mine.containsKey(c.getKey()) && !mine.isEmpty()) {
                        problems.add(String.format("%s %s (%s): LLVM %s uses %s [%s], the subject %s [%s]",
                                PolicyReferences.describe(module, e.getKey()), e.getKey(),
                                String.join(", ", kinds.get(e.getKey())), level.getKey(), c.getKey(),
                                String.join("; ", c.getValue()), mine.keySet(),
                                String.join("; ", mine.values().stream().flatMap(List::stream).toList())));
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Per IR symbol, per class ({@code code:BRANCH}, {@code code:PAGE}, {@code code:PAGE(__imp_)},
     * {@code data:ABSOLUTE}...), the sites using it: {@code TYPE section+0xOFF (instruction)}.
     * Unwind, debug and linker-directive sections are not references of the program.
     */
    static Map<String, Map<String, List<String>>> classes(CoffObject obj, Set<String> names, LongFunction<String> disassemble) {
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        for (Section s : obj.sections()) {
            if (UnwindEntries.isUnwindSection(s) || (s.characteristics() & (Section.LNK_INFO | Section.LNK_REMOVE)) != 0
                    || s.name().startsWith(".debug")) {
                continue;
            }
            String origin = s.isCode() ? "code" : "data";
            for (Relocation r : s.relocations()) {
                String target = r.symbolName();
                boolean viaImport = target.startsWith("__imp_");
                String name = viaImport ? target.substring("__imp_".length()) : target;
                if (!names.contains(name) || r.arm64Type().isEmpty()) {
                    continue;
                }
                Arm64RelocType type = r.arm64Type().get();
                String cls = origin + ":" + RelocClass.of(type) + (viaImport ? "(__imp_)" : "");
                String site = type + " " + s.name() + "+0x" + Long.toHexString(r.offset());
                if (type.patchesInstruction() && r.offset() + 4 <= s.data().size()) {
                    site += " (" + disassemble.apply(s.data().u32((int) r.offset())) + ")";
                }
                out.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(cls, k -> new ArrayList<>()).add(site);
            }
        }
        return out;
    }

    /**
     * For {@code --stats}: per IR symbol referred to in {@code object}, its kind of reference
     * ({@code "external [call]"}, {@code "data object [symbol_value]"}, ...) and the classes the
     * object uses against it ({@code code:BRANCH}, ...), in sorted order. An unreadable object
     * gives nothing.
     */
    public static Map<String, Set<String>> referenceClasses(Module module, Bytes object) {
        Map<String, Set<String>> kinds = PolicyReferences.kinds(module);
        Map<String, Set<String>> out = new TreeMap<>();
        try {
            classes(CoffReader.read(object), kinds.keySet(), RAW).entrySet().stream()
                    .filter(e -> !kinds.get(e.getKey()).isEmpty()) // only references the IR makes
                    .forEach(e -> out.merge(
                    PolicyReferences.describe(module, e.getKey()) + " [" + String.join(", ", kinds.get(e.getKey())) + "]",
                    new java.util.TreeSet<>(e.getValue().keySet()), (a, b) -> {
                        a.addAll(b);
                        return a;
                    }));
        } catch (MalformedObjectException e) {
            return Map.of();
        }
        return out;
    }

    /** A disassembler that prints the raw word (for callers without LLVM at hand). */
    public static final LongFunction<String> RAW = w -> String.format("0x%08x", w);

}
