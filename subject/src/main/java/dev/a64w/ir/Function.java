package dev.a64w.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function: its name (without {@code %}), signature, preamble declarations and blocks in
 * layout order; the first block is the entry and its parameters are the function's arguments.
 */
public record Function(
        String name,
        Signature signature,
        List<StackSlot> slots,
        List<GlobalValue> globals,
        List<SigDecl> sigs,
        List<FuncDecl> funcs,
        List<Block> blocks) {

    public Function {
        slots = List.copyOf(slots);
        globals = List.copyOf(globals);
        sigs = List.copyOf(sigs);
        funcs = List.copyOf(funcs);
        blocks = List.copyOf(blocks);
    }

    public Block entry() {
        return blocks.getFirst();
    }

    public Optional<Block> block(BlockRef ref) {
        return blocks.stream().filter(b -> b.ref().equals(ref)).findFirst();
    }

    public Optional<StackSlot> slot(int id) {
        return slots.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<GlobalValue> global(int id) {
        return globals.stream().filter(g -> g.id() == id).findFirst();
    }

    public Optional<SigDecl> sig(int id) {
        return sigs.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<FuncDecl> func(int id) {
        return funcs.stream().filter(f -> f.id() == id).findFirst();
    }

    /** True when the function makes no call (a leaf). */
    public boolean isLeaf() {
        for (Block b : blocks) {
            for (Inst i : b.insts()) {
                if (i instanceof Inst.Call || i instanceof Inst.CallIndirect) return false;
            }
            if (b.terminator() instanceof Terminator.ReturnCall
                    || b.terminator() instanceof Terminator.ReturnCallIndirect) return false;
        }
        return true;
    }

    /**
     * The type of every value defined in the function (block parameters and instruction results).
     * Values whose definition is missing or ill-typed are absent; the verifier reports those.
     */
    public Map<Value, Type> valueTypes() {
        Map<Value, Type> types = new HashMap<>();
        for (Block b : blocks) {
            for (Param p : b.params()) types.put(p.value(), p.type());
            for (Inst i : b.insts()) {
                switch (i) {
                    case Inst.Iconst x -> types.put(x.result(), x.type());
                    case Inst.Unary x -> types.put(x.result(), x.type());
                    case Inst.Binary x -> types.put(x.result(), x.type());
                    case Inst.BinaryImm x -> types.put(x.result(), x.type());
                    case Inst.Icmp x -> types.put(x.result(), Type.I8);
                    case Inst.IcmpImm x -> types.put(x.result(), Type.I8);
                    case Inst.Select x -> types.put(x.result(), x.type());
                    case Inst.Overflow x -> {
                        types.put(x.result(), x.type());
                        types.put(x.overflow(), Type.I8);
                    }
                    case Inst.OverflowCarry x -> {
                        types.put(x.result(), x.type());
                        types.put(x.overflow(), Type.I8);
                    }
                    case Inst.OverflowTrap x -> types.put(x.result(), x.type());
                    case Inst.Load x -> types.put(x.result(), x.type());
                    case Inst.Store x -> { }
                    case Inst.StackLoad x -> types.put(x.result(), x.type());
                    case Inst.StackStore x -> { }
                    case Inst.StackAddr x -> types.put(x.result(), x.type());
                    case Inst.GetStackPointer x -> types.put(x.result(), x.type());
                    case Inst.SymbolValue x -> types.put(x.result(), x.type());
                    case Inst.FuncAddr x -> types.put(x.result(), x.type());
                    case Inst.Call x -> func(x.func()).ifPresent(f -> putAll(types, x.results(), f.signature().returns()));
                    case Inst.CallIndirect x -> sig(x.sig()).ifPresent(s -> putAll(types, x.results(), s.signature().returns()));
                    case Inst.CondTrap x -> { }
                }
            }
        }
        return types;
    }

    private static void putAll(Map<Value, Type> types, List<Value> values, List<Type> ts) {
        for (int k = 0; k < Math.min(values.size(), ts.size()); k++) types.put(values.get(k), ts.get(k));
    }
}
