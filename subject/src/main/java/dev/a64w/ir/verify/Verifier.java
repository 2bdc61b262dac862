package dev.a64w.ir.verify;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the facts the IR model does not hold by construction: every value defined once and
 * dominating its uses, operand and result types per opcode (Cranelift's constraints, i64
 * addresses), branch, call and return arities and types, declared references, immediates in range,
 * and module-level consistency (unique names, data alignment, addr= targets, run lines).
 */
public final class Verifier {
    private Verifier() {}

    /** All findings for the module (empty when valid). */
    public static List<Diagnostic> check(Module m) {
        List<Diagnostic> out = new ArrayList<>(moduleLevel(m));
        for (Function f : m.functions()) out.addAll(check(f, m));
        return out;
    }

    /** All findings for one function; {@code module} may be null to skip cross-function checks. */
    public static List<Diagnostic> check(Function f, Module module) {
        return new FunctionVerifier(f, module).run();
    }

    public static void verify(Module m) throws VerifierException {
        List<Diagnostic> d = check(m);
        if (!d.isEmpty()) throw new VerifierException(d);
    }

    public static void verify(Function f, Module module) throws VerifierException {
        List<Diagnostic> d = check(f, module);
        if (!d.isEmpty()) throw new VerifierException(d);
    }

    private static List<Diagnostic> moduleLevel(Module m) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> fnNames = new HashSet<>();
        for (Function f : m.functions()) {
            if (!fnNames.add(f.name())) out.add(new Diagnostic("", "function %" + f.name(), "defined more than once"));
        }
        Set<String> imports = new HashSet<>();
        for (Import i : m.imports()) {
            if (!imports.add(i.name())) out.add(new Diagnostic("", "import %" + i.name(), "imported more than once"));
            if (fnNames.contains(i.name())) out.add(new Diagnostic("", "import %" + i.name(), "also defined in this module"));
        }
        Set<String> dataNames = new HashSet<>();
        for (DataObject d : m.data()) {
            String loc = "data %" + d.name();
            if (!dataNames.add(d.name())) out.add(new Diagnostic("", loc, "defined more than once"));
            if (fnNames.contains(d.name()) || imports.contains(d.name())) out.add(new Diagnostic("", loc, "name is also a function"));
            if (d.align() < 1 || d.align() > 4096 || Integer.bitCount(d.align()) != 1) {
                out.add(new Diagnostic("", loc, "align " + d.align() + " is not a power of two in 1..4096"));
            }
        }
        for (DataObject d : m.data()) {
            for (DataItem item : d.items()) {
                if (item instanceof DataItem.Addr a && !dataNames.contains(a.symbol()) && !fnNames.contains(a.symbol())
                        && !imports.contains(a.symbol())) {
                    out.add(new Diagnostic("", "data %" + d.name(), "addr=%" + a.symbol() + " names no function, data object or import of the module"));
                }
            }
        }
        Set<String> skipped = new HashSet<>();
        m.skipped().forEach(s -> skipped.add(s.name()));
        for (RunLine r : m.runs()) {
            String loc = "run line " + r.line();
            var f = m.function(r.function());
            if (f.isEmpty()) {
                if (!skipped.contains(r.function())) out.add(new Diagnostic("", loc, "%" + r.function() + " is not defined"));
            } else if (f.get().signature().params().size() != r.args().size()) {
                out.add(new Diagnostic("", loc, "%" + r.function() + " takes " + f.get().signature().params().size()
                        + " arguments, the run line gives " + r.args().size()));
            } else if (f.get().signature().returns().size() != r.expected().size()) {
                out.add(new Diagnostic("", loc, "%" + r.function() + " returns " + f.get().signature().returns().size()
                        + " values, the run line expects " + r.expected().size()));
            }
        }
        return out;
    }
}
