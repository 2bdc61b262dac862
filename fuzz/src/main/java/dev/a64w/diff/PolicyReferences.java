package dev.a64w.diff;

import dev.a64w.ir.Block;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Terminator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference kinds a module's IR makes to each of its symbols, and the relocation class each
 * kind is expected to take in an object (docs/policy.md has the table with its sources):
 * <pre>
 *   call, return_call of a defined or external function  code:BRANCH         (BL / B + BRANCH26)
 *   call, return_call of an import                       code:PAGE(__imp_)   (ADRP+LDR of the IAT slot, BLR/BR)
 *   func_addr of a defined or external function          code:PAGE           (ADRP+ADD)
 *   func_addr of an import                               code:PAGE(__imp_)   (ADRP+LDR of the IAT slot)
 *   symbol_value / global_value (data or function)       code:PAGE           (ADRP+ADD, or ADRP+LDR/STR folded)
 *   addr= item in a data object                          data:ABSOLUTE       (ADDR64)
 * </pre>
 */
final class PolicyReferences {
    static final String CALL = "call";
    static final String FUNC_ADDR = "func_addr";
    static final String SYMBOL = "symbol_value";
    static final String POINTER = "pointer in data";

    private PolicyReferences() {
    }

    /** Per symbol the module refers to, the kinds of reference (sorted, for stable output). */
    static Map<String, Set<String>> kinds(Module module) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Function f : module.functions()) {
            for (Block b : f.blocks()) {
                for (Inst in : b.insts()) {
                    switch (in) {
                        case Inst.Call c -> f.func(c.func()).ifPresent(d -> add(out, d.name(), CALL));
                        case Inst.FuncAddr a -> f.func(a.func()).ifPresent(d -> add(out, d.name(), FUNC_ADDR));
                        case Inst.SymbolValue v -> f.global(v.globalValue()).ifPresent(g -> add(out, g.symbol(), SYMBOL));
                        default -> {
                        }
                    }
                }
                if (b.terminator() instanceof Terminator.ReturnCall rc) {
                    f.func(rc.func()).ifPresent(d -> add(out, d.name(), CALL));
                }
            }
        }
        for (DataObject d : module.data()) {
            for (DataItem item : d.items()) {
                if (item instanceof DataItem.Addr a) {
                    add(out, a.symbol(), POINTER);
                }
            }
        }
        for (Function f : module.functions()) {
            out.putIfAbsent(f.name(), new TreeSet<>());
        }
        for (DataObject d : module.data()) {
            out.putIfAbsent(d.name(), new TreeSet<>());
        }
        return out;
    }

    /**
     * The classes the kinds explain. An import is reached through its {@code __imp_} slot in the
     * import address table: its calls and addresses are ADRP+LDR of the slot, never a BL to the
     * linker's thunk.
     */
    static Set<String> expected(Set<String> kinds, boolean isImport) {
        Set<String> out = new TreeSet<>();
        String viaSlot = isImport ? "(__imp_)" : "";
        for (String k : kinds) {
            switch (k) {
                case CALL -> out.add(isImport ? "code:PAGE(__imp_)" : "code:BRANCH");
                case FUNC_ADDR, SYMBOL -> out.add("code:PAGE" + viaSlot);
                case POINTER -> {
                    out.add("data:ABSOLUTE");
                    out.add("data:ABSOLUTE(__imp_)");
                }
                default -> throw new IllegalStateException("unknown reference kind " + k);
            }
        }
        return out;
    }

    /** "function", "import", "data object" or "external" for the report. */
    static String describe(Module module, String name) {
        if (module.importOf(name).isPresent()) return "import";
        if (module.function(name).isPresent()) return "function";
        if (module.data().stream().anyMatch(d -> d.name().equals(name))) return "data object";
        return "external";
    }

    private static void add(Map<String, Set<String>> out, String name, String kind) {
        out.computeIfAbsent(name, k -> new TreeSet<>()).add(kind);
    }
}
