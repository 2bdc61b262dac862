package dev.a64w.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DLL imports a link provides: DLL name (e.g. {@code host.dll}) to the function names it
 * exports. Sorted by DLL name, names in first-declared order, no duplicates, so the same imports
 * give the same {@code .def} text.
 */
public record Imports(Map<String, List<String>> byDll) {
    public static final Imports NONE = new Imports(Map.of());

    public Imports {
        TreeMap<String, List<String>> copy = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : byDll.entrySet()) {
            String dll = e.getKey();
            if (dll.isEmpty() || dll.contains("/") || dll.contains("\\") || dll.contains(" ")) {
                throw new ExecException("imports: DLL name '" + dll + "' is not a plain file name");
            }
            List<String> names = List.copyOf(new LinkedHashSet<>(e.getValue()));
            for (String n : names) {
                if (n.isEmpty() || n.chars().anyMatch(c -> c <= ' ' || c == ';' || c == '=')) {
                    throw new ExecException("imports: function name '" + n + "' from " + dll + " is not a plain symbol");
                }
            }
            copy.put(dll, names);
        }
        byDll = Collections.unmodifiableMap(copy);
    }

    public static Imports of(String dll, List<String> functions) {
        return new Imports(Map.of(dll, functions));
    }

    /** These imports plus {@code functions} from {@code dll}. */
    public Imports with(String dll, List<String> functions) {
        TreeMap<String, List<String>> m = new TreeMap<>(byDll);
        List<String> names = new ArrayList<>(m.getOrDefault(dll, List.of()));
        names.addAll(functions);
        m.put(dll, names);
        return new Imports(m);
    }

    /** Module-definition text for one DLL, as {@code llvm-lib /def:} reads it. */
    public String defText(String dll) {
        List<String> names = byDll.get(dll);
        if (names == null) {
            throw new ExecException("imports: no DLL '" + dll + "'; have " + byDll.keySet());
        }
        StringBuilder sb = new StringBuilder("LIBRARY ").append(dll).append("\nEXPORTS\n");
        for (String n : names) {
            sb.append("  ").append(n).append('\n');
        }
        return sb.toString();
    }
}
