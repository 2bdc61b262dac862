package dev.a64w.exec;

import dev.a64w.oracle.llvm.OracleException;
import dev.a64w.oracle.llvm.ToolResult;
import dev.a64w.oracle.llvm.Tools;
import dev.a64w.util.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Links COFF objects into an ARM64 DLL with the bundled lld-link, at the fixed base
 * {@link #IMAGE_BASE} (so the loader never relocates):
 *
 * <pre>
 * llvm-lib /def:&lt;dll&gt;.def /machine:arm64 /out:&lt;dll&gt;.lib        one per imported DLL (cached)
 * lld-link /dll /noentry /nodefaultlib /machine:arm64 /base:0x180000000 /opt:noref /Brepro
 *          /export:f ... /export:d,DATA ... /out:t.dll m0.obj m1.obj ... *.lib
 * </pre>
 *
 * <p>{@code __chkstk} is an import from the runtime DLL {@link #RUNTIME_DLL}, always offered to
 * the link (an unreferenced import library member adds nothing to the image); the executor
 * implements it in Java like a host function, as DESIGN.md asks. {@code /opt:noref} keeps every
 * section, so a bad relocation in an unreferenced function is still reported.
 *
 * <p>Process start dominates a link (~18 ms), so {@link #link} takes any number of objects: a
 * harness links a batch of modules into one DLL (their symbol names must be distinct: the
 * caller prefixes them). Import libraries are cached per {@code .def} text on this instance.
 * Each call works in its own temporary directory, deleted afterwards; calls may run in parallel.
 */
public final class Linker {
    public static final long IMAGE_BASE = 0x1_8000_0000L;
    /** The runtime DLL that provides {@link #CHKSTK}. */
    public static final String RUNTIME_DLL = "a64w_rt.dll";
    public static final String CHKSTK = "__chkstk";

    private final Duration timeout;
    private final Map<String, Bytes> importLibs = new ConcurrentHashMap<>();
    /** Imports every link offers (see {@link #widen}). */
    private final Imports offered;

    public Linker() {
        this(Duration.ofSeconds(60));
    }

    public Linker(Duration timeout) {
        this(timeout, Imports.NONE);
    }

    /** A linker whose import libraries always hold {@code offered} (per DLL a module imports from). */
    public Linker(Duration timeout, Imports offered) {
        this.timeout = timeout;
        this.offered = offered;
    }

    /** Links {@code objects}; functions in {@code exports} are exported as code. */
    public LinkResult link(List<Bytes> objects, Imports imports, List<String> exports) {
        return link(objects, imports, exports, List.of());
    }

    /**
     * Links {@code objects} with the import libraries for {@code imports} (plus the runtime DLL),
     * exporting {@code functionExports} as code and {@code dataExports} with {@code ,DATA}.
     * lld's own complaints are results, not exceptions; {@link ExecException} means a tool could
     * not be run at all.
     */
    public LinkResult link(List<Bytes> objects, Imports imports, List<String> functionExports,
            List<String> dataExports) {
        if (objects.isEmpty()) {
            throw new ExecException("link: no objects");
        }
        Imports all = widen(imports.byDll().containsKey(RUNTIME_DLL) ? imports : imports.with(RUNTIME_DLL, List.of(CHKSTK)));
        Path dir;
        try {
            dir = Files.createTempDirectory("a64w-link");
        } catch (IOException e) {
            throw new ExecException("link: cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            List<String> argv = new ArrayList<>(List.of("lld-link", "/dll", "/noentry", "/nodefaultlib",
                    "/machine:arm64", "/base:0x" + Long.toHexString(IMAGE_BASE), "/opt:noref", "/Brepro"));
            for (String f : functionExports) {
                argv.add("/export:" + checkSymbol(f));
            }
            for (String d : dataExports) {
                argv.add("/export:" + checkSymbol(d) + ",DATA");
            }
            argv.add("/out:t.dll");
            for (int i = 0; i < objects.size(); i++) {
                String name = "m" + i + ".obj";
                Files.write(dir.resolve(name), objects.get(i).toArray());
                argv.add(name);
            }
            for (String dll : all.byDll().keySet()) {
                String lib = libName(dll);
                Files.write(dir.resolve(lib), importLib(all.defText(dll), dll).toArray());
                argv.add(lib);
            }
            ToolResult r = run(argv, dir);
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            parseDiagnostics(r.stderr() + r.stdout(), errors, warnings);
            Path out = dir.resolve("t.dll");
            if (r.exitCode() != 0 && errors.isEmpty()) {
                errors.add("lld-link exited " + r.exitCode() + " without an error line: " + r.stderr().strip());
            }
            Bytes dll = errors.isEmpty() && Files.isRegularFile(out) ? Bytes.of(Files.readAllBytes(out)) : Bytes.EMPTY;
            if (errors.isEmpty() && dll.size() == 0) {
                errors.add("lld-link reported success but wrote no t.dll");
            }
            return new LinkResult(dll, errors, warnings);
        } catch (IOException e) {
            throw new ExecException("link: temporary files in " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * {@code imports} with, for each of its DLLs, first the functions {@link #offered} names for that
     * DLL: import libraries then differ only when a module imports something unusual, so cases that
     * import different subsets share one cached library (and a batch of cases links against the same
     * one). An import library member nothing refers to adds nothing to the image.
     */
    private Imports widen(Imports imports) {
        Imports out = Imports.NONE;
        for (Map.Entry<String, List<String>> e : imports.byDll().entrySet()) {
            List<String> first = offered.byDll().getOrDefault(e.getKey(), List.of());
            out = out.with(e.getKey(), first).with(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The import library for one DLL's {@code .def} text, made once per text. */
    private Bytes importLib(String defText, String dll) {
        Bytes cached = importLibs.get(defText);
        if (cached != null) {
            return cached;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("a64w-implib");
        } catch (IOException e) {
            throw new ExecException("import library " + dll + ": cannot create a temporary directory", e);
        }
        try {
            Files.writeString(dir.resolve("i.def"), defText);
            ToolResult r = run(List.of("llvm-lib", "/def:i.def", "/machine:arm64", "/out:i.lib"), dir);
            Path lib = dir.resolve("i.lib");
            if (r.exitCode() != 0 || !Files.isRegularFile(lib)) {
                throw new ExecException("import library " + dll + ": llvm-lib exited " + r.exitCode() + ": "
                        + r.stderr().strip() + "\n.def was:\n" + defText);
            }
            Bytes bytes = Bytes.of(Files.readAllBytes(lib));
            importLibs.put(defText, bytes);
            return bytes;
        } catch (IOException e) {
            throw new ExecException("import library " + dll + ": " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private ToolResult run(List<String> argv, Path dir) {
        try {
            return Tools.run(argv, dir, timeout);
        } catch (OracleException e) {
            throw new ExecException(argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Groups lld's stderr into diagnostics: a line with "error:"/"warning:" starts one. */
    static void parseDiagnostics(String text, List<String> errors, List<String> warnings) {
        List<String> last = null;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int e = line.indexOf("error: ");
            int w = line.indexOf("warning: ");
            if (e >= 0 && (w < 0 || e < w)) {
                errors.add(line.substring(e + "error: ".length()));
                last = errors;
            } else if (w >= 0) {
                warnings.add(line.substring(w + "warning: ".length()));
                last = warnings;
            } else if (last != null) {
                last.set(last.size() - 1, last.get(last.size() - 1) + "\n" + line);
            } else {
                // output lld did not classify: never let it pass silently
                warnings.add(line);
                last = warnings;
            }
        }
    }

    private static String libName(String dll) {
        String base = dll.toLowerCase().endsWith(".dll") ? dll.substring(0, dll.length() - 4) : dll;
        return "imp_" + base + ".lib";
    }

    private static String checkSymbol(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '=')) {
            throw new ExecException("link: export name '" + s + "' is not a plain symbol");
        }
        return s;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new ExecException("link: cannot delete temporary directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
