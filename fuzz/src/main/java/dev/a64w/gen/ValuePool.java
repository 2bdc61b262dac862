package dev.a64w.gen;

import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The values usable at the current point: integers (data), floats (kept apart, so that nothing that
 * wants "any integer" gets one), pointers into a {@link MemArea}, and
 * function pointers. Scopes follow the structured CFG: a value defined in a region's arm is dropped
 * when the arm ends, so everything in the pool is defined in a block that dominates the current
 * one. Pointers are never used as data (their bits differ between runs); they only address memory
 * or are called.
 */
final class ValuePool {
    record IntVal(Value value, Type type) {}

    /** {@code value} = address of {@code area} + {@code offset}. */
    record Ptr(Value value, MemArea area, long offset) {}

    /** {@code value} = address of a function with {@code signature}, callable through {@code sig}. */
    record FnPtr(Value value, int sig, Signature signature) {}

    record Mark(int ints, int floats, int ptrs, int fns) {}

    private final List<IntVal> ints = new ArrayList<>();
    private final List<IntVal> floats = new ArrayList<>();
    private final List<Ptr> ptrs = new ArrayList<>();
    private final List<FnPtr> fns = new ArrayList<>();

    Mark mark() {
        return new Mark(ints.size(), floats.size(), ptrs.size(), fns.size());
    }

    void reset(Mark m) {
        ints.subList(m.ints(), ints.size()).clear();
        floats.subList(m.floats(), floats.size()).clear();
        ptrs.subList(m.ptrs(), ptrs.size()).clear();
        fns.subList(m.fns(), fns.size()).clear();
    }

    /** Adds a value of type {@code t}: an integer to {@link #ints()}, a float to {@link #floats()}. */
    void add(Value v, Type t) {
        (t.isFloat() ? floats : ints).add(new IntVal(v, t));
    }

    /**
     * Forgets every integer, pointer and function pointer (floats stay): what {@link FloatAcrossCalls}
     * does at each call, so that no integer value is used after a call that it was defined before.
     * Only outside scoped regions (a {@link #mark()} taken before would no longer fit).
     */
    void dropIntegers() {
        ints.clear();
        ptrs.clear();
        fns.clear();
    }

    void addPtr(Ptr p) {
        ptrs.add(p);
    }

    void addFn(FnPtr f) {
        fns.add(f);
    }

    List<IntVal> ints() {
        return ints;
    }

    /** The f32/f64 values in scope. */
    List<IntVal> floats() {
        return floats;
    }

    List<Ptr> ptrs() {
        return ptrs;
    }

    List<FnPtr> fns() {
        return fns;
    }

    List<IntVal> ofType(Type t) {
        var out = new ArrayList<IntVal>();
        for (IntVal v : t.isFloat() ? floats : ints) if (v.type() == t) out.add(v);
        return out;
    }

    /**
     * A value of type {@code t}, or null. Biased to recent values (short chains) but sometimes
     * reaching far back (long live ranges: register pressure and spills).
     */
    Value pick(ByteSource src, Type t) {
        var c = ofType(t);
        if (c.isEmpty()) return null;
        int n = c.size();
        int idx = src.chance(600) ? n - 1 - src.nextInt(0, Math.min(3, n - 1)) : src.nextInt(0, n - 1);
        return c.get(idx).value();
    }
}
