package dev.a64w.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

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
        for (int k = 0; k < slots.size(); k++) if (slots.get(k).id() == id) return Optional.of(slots.get(k));
        return Optional.empty();
    }

    public Optional<GlobalValue> global(int id) {
        for (int k = 0; k < globals.size(); k++) if (globals.get(k).id() == id) return Optional.of(globals.get(k));
        return Optional.empty();
    }

    public Optional<SigDecl> sig(int id) {
        for (int k = 0; k < sigs.size(); k++) if (sigs.get(k).id() == id) return Optional.of(sigs.get(k));
        return Optional.empty();
    }

    public Optional<FuncDecl> func(int id) {
        for (int k = 0; k < funcs.size(); k++) if (funcs.get(k).id() == id) return Optional.of(funcs.get(k));
        return Optional.empty();
    }

    /** True when a value, parameter, return or callee signature of the function has a float type. */
    public boolean usesFloat() {
        if (signature.params().stream().anyMatch(Type::isFloat) || signature.returns().stream().anyMatch(Type::isFloat)) return true;
        for (FuncDecl d : funcs) if (hasFloat(d.signature())) return true;
        for (SigDecl s : sigs) if (hasFloat(s.signature())) return true;
        return valueTypes().values().stream().anyMatch(Type::isFloat);
    }

    private static boolean hasFloat(Signature s) {
        return s.params().stream().anyMatch(Type::isFloat) || s.returns().stream().anyMatch(Type::isFloat);
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
        forEachValueType(types::put);
        return types;
    }

    /**
     * Reports the type of every value defined in the function, in layout order (block parameters,
     * then each instruction's results); a value defined twice is reported twice, the later
     * definition last (so {@link #valueTypes} keeps the later one).
     */
    public void forEachValueType(BiConsumer<Value, Type> sink) {
        for (Block b : blocks) {
            for (Param p : b.params()) sink.accept(p.value(), p.type());
            for (Inst i : b.insts()) {
                switch (i) {
                    case Inst.Iconst x -> sink.accept(x.result(), x.type());
                    case Inst.Unary x -> sink.accept(x.result(), x.type());
                    case Inst.Binary x -> sink.accept(x.result(), x.type());
                    case Inst.BinaryImm x -> sink.accept(x.result(), x.type());
                    case Inst.Icmp x -> sink.accept(x.result(), Type.I8);
                    case Inst.IcmpImm x -> sink.accept(x.result(), Type.I8);
                    case Inst.Select x -> sink.accept(x.result(), x.type());
                    case Inst.Overflow x -> {
                        sink.accept(x.result(), x.type());
                        sink.accept(x.overflow(), Type.I8);
                    }
                    case Inst.OverflowCarry x -> {
                        sink.accept(x.result(), x.type());
                        sink.accept(x.overflow(), Type.I8);
                    }
                    case Inst.OverflowTrap x -> sink.accept(x.result(), x.type());
                    case Inst.Load x -> sink.accept(x.result(), x.type());
                    case Inst.Store x -> { }
                    case Inst.StackLoad x -> sink.accept(x.result(), x.type());
                    case Inst.StackStore x -> { }
                    case Inst.StackAddr x -> sink.accept(x.result(), x.type());
                    case Inst.GetStackPointer x -> sink.accept(x.result(), x.type());
                    case Inst.SymbolValue x -> sink.accept(x.result(), x.type());
                    case Inst.FuncAddr x -> sink.accept(x.result(), x.type());
                    case Inst.Call x -> func(x.func()).ifPresent(f -> putAll(sink, x.results(), f.signature().returns()));
                    case Inst.CallIndirect x -> sig(x.sig()).ifPresent(s -> putAll(sink, x.results(), s.signature().returns()));
                    case Inst.CondTrap x -> { }
                    case Inst.Fconst x -> sink.accept(x.result(), x.type());
                    case Inst.FUnary x -> sink.accept(x.result(), x.type());
                    case Inst.FBinary x -> sink.accept(x.result(), x.type());
                    case Inst.Fma x -> sink.accept(x.result(), x.type());
                    case Inst.Fcmp x -> sink.accept(x.result(), Type.I8);
                    case Inst.FConv x -> sink.accept(x.result(), x.type());
                    case Inst.AtomicRmw x -> sink.accept(x.result(), x.type());
                    case Inst.AtomicCas x -> sink.accept(x.result(), x.type());
                    case Inst.AtomicLoad x -> sink.accept(x.result(), x.type());
                    case Inst.AtomicStore x -> { }
                    case Inst.Fence x -> { }
                }
            }
        }
    }

    private static void putAll(BiConsumer<Value, Type> sink, List<Value> values, List<Type> ts) {
        for (int k = 0; k < Math.min(values.size(), ts.size()); k++) sink.accept(values.get(k), ts.get(k));
    }
}
