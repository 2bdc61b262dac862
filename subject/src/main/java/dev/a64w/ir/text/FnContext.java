package dev.a64w.ir.text;

import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the parser knows while reading one function: declarations, the types of values defined so
 * far in the text (for type inference, as in Cranelift), and signature numbering. A function
 * declaration with an inline signature creates the next free {@code sigN} implicitly, as
 * Cranelift's parser does; an implicit signature that is referenced by number becomes an explicit
 * {@link SigDecl} in the model. Value aliases are resolved as they are read: the model has none.
 */
final class FnContext {
    final Map<Value, Type> types = new HashMap<>();
    /** Value aliases ({@code v1 -> v0}) read so far, each to its final (non-alias) value. */
    final Map<Value, Value> aliases = new HashMap<>();
    final TreeMap<Integer, StackSlot> slots = new TreeMap<>();
    final TreeMap<Integer, GlobalValue> globals = new TreeMap<>();
    final TreeMap<Integer, FuncDecl> funcs = new TreeMap<>();
    private final TreeMap<Integer, Signature> explicitSigs = new TreeMap<>();
    private final Map<Integer, Signature> implicitSigs = new HashMap<>();
    private final TreeSet<Integer> promoted = new TreeSet<>();
    private int nextSig;

    /** The value an operand names, aliases resolved (an alias must be read before its uses). */
    Value resolve(Value v) {
        return aliases.getOrDefault(v, v);
    }

    void declareSig(Token at, int id, Signature sig) throws ParseException {
        if (explicitSigs.containsKey(id) || implicitSigs.containsKey(id)) throw TokenStream.error(at, "duplicate sig" + id);
        explicitSigs.put(id, sig);
        nextSig = Math.max(nextSig, id + 1);
    }

    /** Allocates the implicit signature of an inline {@code fnN = %f(...)} declaration. */
    void implicitSig(Signature sig) {
        implicitSigs.put(nextSig++, sig);
    }

    /** Resolves {@code sigN}; an implicit one is promoted to an explicit declaration. Null if undefined. */
    Signature resolveSig(int id) {
        Signature s = explicitSigs.get(id);
        if (s != null) return s;
        s = implicitSigs.get(id);
        if (s != null) promoted.add(id);
        return s;
    }

    List<SigDecl> sigs() {
        TreeMap<Integer, Signature> all = new TreeMap<>(explicitSigs);
        for (int id : promoted) all.put(id, implicitSigs.get(id));
        return all.entrySet().stream().map(e -> new SigDecl(e.getKey(), e.getValue())).toList();
    }
}
