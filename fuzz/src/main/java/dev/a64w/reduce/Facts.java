package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the passes must know about one function to keep candidates free of undefined behaviour.
 *
 * <p><b>Protected</b> values are never replaced by constants nor have their immediates changed:
 * the backward slice of every address operand (load/store addresses, indirect callees; through
 * defining instructions and block-parameter edges) and the forward closure of every pointer source
 * (stack_addr, symbol_value, func_addr, get_stack_pointer). So a reduced memory access still hits
 * the object it hit before, and no pointer is replaced by a number.
 *
 * <p><b>Stack reads</b>: if the function may read a stack slot (stack_load, a load through an
 * address derived from the slot's stack_addr, or such an address escaping into a call, return or
 * store), no store to that slot is removed, so no load can read an uninitialized byte; an address
 * from get_stack_pointer stands for every slot.
 */
final class Facts {
    final Function f;
    final Map<Value, Type> types;
    /** Data flow between values: operand to result (not address to loaded value, not callee to call result), edge argument to block parameter. */
    private final Map<Value, List<Value>> forward = new HashMap<>();
    private final Map<Value, List<Value>> backward = new HashMap<>();
    private final Set<Value> protectedValues;
    /** Slot id meaning "any slot": a value derived from get_stack_pointer. */
    private static final int ANY_SLOT = -1;
    private final Map<Value, Set<Integer>> slotsByValue;
    private final Set<Integer> readSlots;

    private Facts(Function f) {
        this.f = f;
        this.types = f.valueTypes();
        Map<BlockRef, Block> byRef = new HashMap<>();
        for (Block b : f.blocks()) byRef.putIfAbsent(b.ref(), b);
        List<Value> addressRoots = new ArrayList<>();
        List<Value> pointerSources = new ArrayList<>();
        List<Value> stackSources = new ArrayList<>();
        Map<Value, Integer> sourceSlot = new HashMap<>();
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                for (Value u : i.uses()) {
                    boolean dataOnly = i instanceof Inst.Load || i instanceof Inst.CallIndirect c && u.equals(c.callee());
                    if (!dataOnly) for (Value r : i.results()) edge(u, r);
                }
                switch (i) {
                    case Inst.Load x -> addressRoots.add(x.addr());
                    case Inst.Store x -> addressRoots.add(x.addr());
                    case Inst.CallIndirect x -> addressRoots.add(x.callee());
                    case Inst.StackAddr x -> { pointerSources.add(x.result()); stackSources.add(x.result()); sourceSlot.put(x.result(), x.slot()); }
                    case Inst.GetStackPointer x -> { pointerSources.add(x.result()); stackSources.add(x.result()); sourceSlot.put(x.result(), ANY_SLOT); }
                    case Inst.SymbolValue x -> pointerSources.add(x.result());
                    case Inst.FuncAddr x -> pointerSources.add(x.result());
                    default -> { }
                }
            }
            Terminator t = b.terminator();
            if (t instanceof Terminator.ReturnCallIndirect rc) addressRoots.add(rc.callee());
            for (BlockCall c : t.successors()) {
                Block target = byRef.get(c.block());
                if (target == null) continue;
                for (int k = 0; k < Math.min(c.args().size(), target.params().size()); k++) {
                    edge(c.args().get(k), target.params().get(k).value());
                }
            }
        }
        this.slotsByValue = slotsOf(stackSources, sourceSlot);
        Set<Value> prot = closure(addressRoots, backward);
        prot.addAll(closure(pointerSources, forward));
        this.protectedValues = prot;
        this.readSlots = computeReadSlots();
    }

    static Facts of(Function f) {
        return new Facts(f);
    }

    private void edge(Value from, Value to) {
        forward.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        backward.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
    }

    private static Set<Value> closure(List<Value> roots, Map<Value, List<Value>> graph) {
        Set<Value> seen = new HashSet<>(roots);
        var work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            for (Value n : graph.getOrDefault(work.poll(), List.of())) if (seen.add(n)) work.add(n);
        }
        return seen;
    }

    /** The slots each stack-derived value may point into; {@link #ANY_SLOT} for get_stack_pointer. */
    private Map<Value, Set<Integer>> slotsOf(List<Value> sources, Map<Value, Integer> sourceSlot) {
        Map<Value, Set<Integer>> out = new HashMap<>();
        for (Value src : sources) for (Value v : closure(List.of(src), forward)) out.computeIfAbsent(v, k -> new TreeSet<>()).add(sourceSlot.get(src));
        return out;
    }

    /** Slots the function may read (stack_load, a load through a stack address, an escaping stack address). */
    private Set<Integer> computeReadSlots() {
        Set<Integer> read = new TreeSet<>();
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                switch (i) {
                    case Inst.StackLoad x -> read.add(x.slot());
                    case Inst.Load x -> read.addAll(slots(x.addr()));
                    case Inst.Store x -> read.addAll(slots(x.value()));
                    case Inst.Call x -> x.args().forEach(a -> read.addAll(slots(a)));
                    case Inst.CallIndirect x -> x.args().forEach(a -> read.addAll(slots(a)));
                    default -> { }
                }
            }
            Terminator t = b.terminator();
            if (!(t instanceof Terminator.Jump || t instanceof Terminator.Brif || t instanceof Terminator.BrTable)) {
                t.uses().forEach(u -> read.addAll(slots(u)));
            }
        }
        return read;
    }

    private Set<Integer> slots(Value v) {
        return slotsByValue.getOrDefault(v, Set.of());
    }

    private boolean mayRead(Set<Integer> slots) {
        if (readSlots.contains(ANY_SLOT)) return true;
        for (int s : slots) if (s == ANY_SLOT ? !readSlots.isEmpty() : readSlots.contains(s)) return true;
        return false;
    }

    boolean isProtected(Value v) {
        return protectedValues.contains(v);
    }

    boolean anyProtected(List<Value> vs) {
        return vs.stream().anyMatch(protectedValues::contains);
    }

    /**
     * True when removing the instruction (once nothing reads its results) cannot expose an
     * uninitialized stack read: every kind but a store the stack may be read through.
     */
    boolean removableKind(Inst i) {
        return switch (i) {
            case Inst.StackStore x -> !mayRead(Set.of(x.slot()));
            case Inst.Store x -> !mayRead(slots(x.addr()));
            default -> true;
        };
    }

    /** Names of module functions whose address is taken (func_addr, a global value or a data addr= item). */
    static Set<String> addressTaken(Module m) {
        Set<String> out = new TreeSet<>();
        for (Function f : m.functions()) {
            Set<Integer> addrDecls = new HashSet<>();
            for (Block b : f.blocks()) for (Inst i : b.insts()) if (i instanceof Inst.FuncAddr x) addrDecls.add(x.func());
            for (FuncDecl d : f.funcs()) if (addrDecls.contains(d.id())) out.add(d.name());
            for (GlobalValue g : f.globals()) out.add(g.symbol());
        }
        for (DataObject d : m.data()) for (DataItem it : d.items()) if (it instanceof DataItem.Addr a) out.add(a.symbol());
        return out;
    }

    /** True when some function uses a loaded value as (part of) an address: data contents then matter for safety. */
    static boolean loadsPointers(Module m) {
        for (Function f : m.functions()) {
            Facts facts = of(f);
            for (Block b : f.blocks()) {
                for (Inst i : b.insts()) if (i instanceof Inst.Load x && facts.isProtected(x.result())) return true;
            }
        }
        return false;
    }
}
