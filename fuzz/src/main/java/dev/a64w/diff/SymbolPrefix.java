package dev.a64w.diff;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.SkippedFunction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives every symbol a module defines (functions, data objects, skipped functions) a prefix, so that
 * several modules can be linked into one image without clashes ({@link BatchLink}). References
 * follow: declared functions, global values, {@code addr=} data items and run lines. Imports keep
 * their names (they are the host's functions, shared by every module of a batch). Code does not
 * depend on symbol names, so the renamed module compiles to the same instructions.
 */
public record SymbolPrefix(String prefix) {
    public static final SymbolPrefix NONE = new SymbolPrefix("");

    /** The prefix of batch member {@code index}. */
    public static SymbolPrefix forMember(long index) {
        return new SymbolPrefix("c" + index + "_");
    }

    public boolean isNone() {
        return prefix.isEmpty();
    }

    public Module apply(Module m) {
        if (isNone()) return m;
        Set<String> own = new HashSet<>();
        m.functions().forEach(f -> own.add(f.name()));
        m.data().forEach(d -> own.add(d.name()));
        m.skipped().forEach(s -> own.add(s.name()));
        Renamer r = new Renamer(prefix, own);
        return new Module(m.header(), m.imports(),
                m.data().stream().map(r::data).toList(),
                m.functions().stream().map(r::function).toList(),
                m.runs().stream().map(x -> new RunLine(x.line(), r.name(x.function()), x.args(), x.equal(), x.expected())).toList(),
                m.skipped().stream().map(s -> new SkippedFunction(r.name(s.name()), s.line(), s.column(), s.feature())).toList());
    }

    /** The name {@code function} gets (for invocations), whether or not the module defines it. */
    public String apply(String function) {
        return prefix + function;
    }

    /** The original name of a prefixed one (unchanged if it does not carry the prefix). */
    public String strip(String name) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    private record Renamer(String prefix, Set<String> own) {
        String name(String n) {
            return own.contains(n) ? prefix + n : n;
        }

        DataObject data(DataObject d) {
            return new DataObject(name(d.name()), d.readOnly(), d.align(), d.items().stream().map(this::item).toList());
        }

        DataItem item(DataItem i) {
            return switch (i) {
                case DataItem.Addr a -> new DataItem.Addr(name(a.symbol()), a.addend());
                case DataItem.Raw x -> x;
                case DataItem.Zero x -> x;
            };
        }

        Function function(Function f) {
            List<FuncDecl> funcs = f.funcs().stream()
                    .map(d -> new FuncDecl(d.id(), name(d.name()), d.colocated(), d.signature(), d.sigRef())).toList();
            List<GlobalValue> globals = f.globals().stream()
                    .map(g -> new GlobalValue(g.id(), name(g.symbol()), g.colocated(), g.offset())).toList();
            return new Function(name(f.name()), f.signature(), f.slots(), globals, f.sigs(), funcs, f.blocks());
        }
    }
}
