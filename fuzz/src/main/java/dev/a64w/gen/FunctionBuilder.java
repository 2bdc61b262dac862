package dev.a64w.gen;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;

/**
 * The one mutable buffer of a function being generated: blocks in layout order, the current
 * block, the preamble declarations, value numbering, the value pool and the cost estimate.
 */
final class FunctionBuilder {
    /** A block under construction; {@code terminator} is null until it is closed. */
    static final class Draft {
        final BlockRef ref;
        final List<Param> params = new ArrayList<>();
        final List<Inst> insts = new ArrayList<>();
        Terminator terminator;

        Draft(BlockRef ref) {
            this.ref = ref;
        }

        List<Value> paramValues() {
            return params.stream().map(Param::value).toList();
        }
    }

    final String name;
    final Signature signature;
    final ValuePool pool = new ValuePool();
    final List<StackSlot> slots = new ArrayList<>();
    final List<GlobalValue> globals = new ArrayList<>();
    final List<SigDecl> sigs = new ArrayList<>();
    final List<FuncDecl> funcs = new ArrayList<>();
    private final List<Draft> layout = new ArrayList<>();
    private int nextValue;
    private int nextBlock;
    private Draft current;
    /** Estimated dynamic instruction count so far (loops multiplied, calls included). */
    long cost;
    /** Product of the trip counts of the enclosing loops. */
    long multiplier = 1;
    /** Number of blocks allocated. */
    int blockCount;
    /** The instructions {@link Checksum} emitted (identity: left out of {@link #usedOutsideChecksums}). */
    final Set<Inst> checksumInsts = Collections.newSetFromMap(new IdentityHashMap<>());

    FunctionBuilder(String name, Signature signature) {
        this.name = name;
        this.signature = signature;
    }

    Value newValue() {
        return new Value(nextValue++);
    }

    /** Allocates a block with parameters of the given types; it joins the layout when {@link #place}d. */
    Draft newBlock(List<Type> paramTypes) {
        var d = new Draft(new BlockRef(nextBlock++));
        for (Type t : paramTypes) d.params.add(new Param(newValue(), t));
        blockCount++;
        return d;
    }

    /** Appends the block to the layout and makes it current. */
    void place(Draft d) {
        if (current != null && current.terminator == null) {
            throw new IllegalStateException(name + ": " + current.ref + " not terminated before " + d.ref);
        }
        layout.add(d);
        current = d;
    }

    Draft current() {
        return current;
    }

    void emit(Inst inst) {
        if (current.terminator != null) throw new IllegalStateException(name + ": emit after terminator in " + current.ref);
        current.insts.add(inst);
        cost += multiplier;
    }

    void terminate(Terminator t) {
        if (current.terminator != null) throw new IllegalStateException(name + ": " + current.ref + " terminated twice");
        current.terminator = t;
        cost += multiplier;
    }

    boolean terminated() {
        return current.terminator != null;
    }

    /** The finished blocks in layout order. */
    List<Block> blocks() {
        var out = new ArrayList<Block>();
        for (Draft d : layout) {
            if (d.terminator == null) throw new IllegalStateException(name + ": " + d.ref + " has no terminator");
            out.add(new Block(d.ref, d.params, d.insts, d.terminator));
        }
        return out;
    }

    /** The values some instruction or terminator uses so far, not counting {@link Checksum}'s instructions. */
    Set<Value> usedOutsideChecksums() {
        Set<Value> used = new HashSet<>();
        for (Draft d : layout) {
            for (Inst i : d.insts) if (!checksumInsts.contains(i)) used.addAll(i.uses());
            if (d.terminator != null) used.addAll(d.terminator.uses());
        }
        return used;
    }

    /** The values defined by {@code iconst} or {@code f32const}/{@code f64const} so far. */
    Set<Value> constants() {
        Set<Value> out = new HashSet<>();
        for (Draft d : layout) {
            for (Inst i : d.insts) {
                if (i instanceof Inst.Iconst c) out.add(c.result());
                if (i instanceof Inst.Fconst c) out.add(c.result());
            }
        }
        return out;
    }

    /** The gv for {@code symbol colocated %name+offset}, declared on first use. */
    int globalFor(String symbol, long offset) {
        for (GlobalValue g : globals) if (g.symbol().equals(symbol) && g.offset() == offset) return g.id();
        int id = globals.size();
        globals.add(new GlobalValue(id, symbol, true, offset));
        return id;
    }

    /** The id of a SigDecl with this signature, declaring it on first use. */
    int sigFor(Signature s) {
        for (SigDecl d : sigs) if (d.signature().equals(s)) return d.id();
        int id = sigs.size();
        sigs.add(new SigDecl(id, s));
        return id;
    }
}
