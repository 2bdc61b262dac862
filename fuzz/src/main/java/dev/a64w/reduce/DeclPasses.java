package dev.a64w.reduce;

import dev.a64w.ir.Block;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Import;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Passes over declarations and module data: drop unused ones, zero data contents, shrink stack slots. */
final class DeclPasses {
    private DeclPasses() {}

    /** Something declared and never referenced. */
    sealed interface Unused {
        record Slot(int fn, int id) implements Unused {}
        record Global(int fn, int id) implements Unused {}
        record Sig(int fn, int id) implements Unused {}
        record Func(int fn, int id) implements Unused {}
        record Data(String name) implements Unused {}
        record Imp(String name) implements Unused {}
    }

    private record Refs(Set<Integer> slots, Set<Integer> globals, Set<Integer> sigs, Set<Integer> funcs) {
        static Refs of(Function f) {
            Refs r = new Refs(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            for (FuncDecl d : f.funcs()) if (d.sigRef() >= 0) r.sigs.add(d.sigRef());
            for (Block b : f.blocks()) {
                for (Inst i : b.insts()) {
                    switch (i) {
                        case Inst.StackLoad x -> r.slots.add(x.slot());
                        case Inst.StackStore x -> r.slots.add(x.slot());
                        case Inst.StackAddr x -> r.slots.add(x.slot());
                        case Inst.SymbolValue x -> r.globals.add(x.globalValue());
                        case Inst.FuncAddr x -> r.funcs.add(x.func());
                        case Inst.Call x -> r.funcs.add(x.func());
                        case Inst.CallIndirect x -> r.sigs.add(x.sig());
                        default -> { }
                    }
                }
                switch (b.terminator()) {
                    case Terminator.ReturnCall rc -> r.funcs.add(rc.func());
                    case Terminator.ReturnCallIndirect rc -> r.sigs.add(rc.sig());
                    default -> { }
                }
            }
            return r;
        }
    }

    static Pass<Unused> removeUnused() {
        return new Pass<>("remove-unused-decls", DeclPasses::unused, (m, chosen) -> {
            Set<Unused> gone = new HashSet<>(chosen);
            var fs = new ArrayList<Function>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                int k = fi;
                fs.add(new Function(f.name(), f.signature(),
                        f.slots().stream().filter(s -> !gone.contains(new Unused.Slot(k, s.id()))).toList(),
                        f.globals().stream().filter(g -> !gone.contains(new Unused.Global(k, g.id()))).toList(),
                        f.sigs().stream().filter(s -> !gone.contains(new Unused.Sig(k, s.id()))).toList(),
                        f.funcs().stream().filter(d -> !gone.contains(new Unused.Func(k, d.id()))).toList(),
                        f.blocks()));
            }
            var data = m.data().stream().filter(d -> !gone.contains(new Unused.Data(d.name()))).toList();
            var imports = m.imports().stream().filter(i -> !gone.contains(new Unused.Imp(i.name()))).toList();
            return new Module(m.header(), imports, data, fs, m.runs(), m.skipped());
        });
    }

    private static List<Unused> unused(Module m) {
        var out = new ArrayList<Unused>();
        Set<String> symbols = new HashSet<>();
        for (int fi = 0; fi < m.functions().size(); fi++) {
            Function f = m.functions().get(fi);
            Refs r = Refs.of(f);
            for (StackSlot s : f.slots()) if (!r.slots.contains(s.id())) out.add(new Unused.Slot(fi, s.id()));
            for (GlobalValue g : f.globals()) {
                if (!r.globals.contains(g.id())) out.add(new Unused.Global(fi, g.id()));
                else symbols.add(g.symbol());
            }
            for (var s : f.sigs()) if (!r.sigs.contains(s.id())) out.add(new Unused.Sig(fi, s.id()));
            for (FuncDecl d : f.funcs()) {
                if (!r.funcs.contains(d.id())) out.add(new Unused.Func(fi, d.id()));
                else symbols.add(d.name());
            }
        }
        for (DataObject d : m.data()) {
            for (DataItem it : d.items()) if (it instanceof DataItem.Addr a) symbols.add(a.symbol());
        }
        for (DataObject d : m.data()) if (!symbols.contains(d.name())) out.add(new Unused.Data(d.name()));
        for (Import i : m.imports()) if (!symbols.contains(i.name())) out.add(new Unused.Imp(i.name()));
        return out;
    }

    /** A non-zero byte of a data object: object index, item index, byte index. */
    record DataByte(int data, int item, int index) {}

    /**
     * Zeroes bytes of data objects (skipped when a loaded value is used as an address), then
     * writes zero runs as {@code zero=N} and merges neighbouring ones. Sizes never change.
     */
    static Pass<DataByte> zeroData() {
        return new Pass<>("zero-data", m -> {
            if (Facts.loadsPointers(m)) return List.of();
            var out = new ArrayList<DataByte>();
            for (int d = 0; d < m.data().size(); d++) {
                List<DataItem> items = m.data().get(d).items();
                for (int k = 0; k < items.size(); k++) {
                    if (!(items.get(k) instanceof DataItem.Raw r)) continue;
                    for (int b = 0; b < r.size(); b++) if (r.bytes().u8(b) != 0) out.add(new DataByte(d, k, b));
                }
            }
            return out;
        }, (m, chosen) -> {
            Set<DataByte> zero = new HashSet<>(chosen);
            var data = new ArrayList<DataObject>();
            for (int d = 0; d < m.data().size(); d++) {
                DataObject o = m.data().get(d);
                var items = new ArrayList<DataItem>();
                for (int k = 0; k < o.items().size(); k++) {
                    DataItem it = o.items().get(k);
                    if (it instanceof DataItem.Raw r) {
                        byte[] bytes = r.bytes().toArray();
                        for (int b = 0; b < bytes.length; b++) if (zero.contains(new DataByte(d, k, b))) bytes[b] = 0;
                        it = new DataItem.Raw(Bytes.of(bytes));
                    }
                    items.add(it);
                }
                int dd = d;
                boolean touched = chosen.stream().anyMatch(b -> b.data() == dd);
                data.add(touched ? new DataObject(o.name(), o.readOnly(), o.align(), normalize(items)) : o);
            }
            return new Module(m.header(), m.imports(), data, m.functions(), m.runs(), m.skipped());
        });
    }

    /** The same bytes with the leading and trailing zeros of raw items written as {@code zero=N} and neighbouring zero runs merged. */
    static List<DataItem> normalize(List<DataItem> items) {
        var split = new ArrayList<DataItem>();
        for (DataItem it : items) {
            if (!(it instanceof DataItem.Raw r)) {
                split.add(it);
                continue;
            }
            int lo = 0, hi = r.size();
            while (lo < hi && r.bytes().u8(lo) == 0) lo++;
            while (hi > lo && r.bytes().u8(hi - 1) == 0) hi--;
            split.add(new DataItem.Zero(lo));
            if (hi > lo) split.add(new DataItem.Raw(r.bytes().slice(lo, hi)));
            split.add(new DataItem.Zero(r.size() - hi));
        }
        var out = new ArrayList<DataItem>();
        for (DataItem it : split) {
            if (it instanceof DataItem.Zero z && z.count() == 0) continue;
            if (it instanceof DataItem.Zero z && !out.isEmpty() && out.getLast() instanceof DataItem.Zero prev) {
                out.set(out.size() - 1, new DataItem.Zero(prev.count() + z.count()));
            } else {
                out.add(it);
            }
        }
        return out;
    }

    private static boolean nonZero(DataItem it) {
        if (!(it instanceof DataItem.Raw r)) return false;
        for (int k = 0; k < r.size(); k++) if (r.bytes().u8(k) != 0) return true;
        return false;
    }

    /**
     * Shrinks stack slots whose address is never taken to the bytes their stack_load/stack_store
     * accesses reach (every access keeps its offset, so loads read what stores wrote).
     */
    static Pass<Pass.ItemSite> shrinkSlots() {
        return new Pass<>("shrink-slots", m -> {
            var out = new ArrayList<Pass.ItemSite>();
            for (int fi = 0; fi < m.functions().size(); fi++) {
                Function f = m.functions().get(fi);
                for (StackSlot s : f.slots()) {
                    int need = needed(f, s.id());
                    if (need >= 0 && need < s.size()) out.add(new Pass.ItemSite(fi, 0, s.id()));
                }
            }
            return out;
        }, (m, chosen) -> {
            Module cur = m;
            for (Pass.ItemSite site : chosen) {
                Function f = cur.functions().get(site.fn());
                var slots = f.slots().stream().map(s -> s.id() != site.item() ? s
                        : new StackSlot(s.id(), needed(f, s.id()), s.align())).toList();
                cur = Edit.function(cur, site.fn(), new Function(f.name(), f.signature(), slots, f.globals(), f.sigs(), f.funcs(), f.blocks()));
            }
            return cur;
        });
    }

    /** Bytes of slot {@code id} its direct accesses reach, or -1 when its address is taken. */
    private static int needed(Function f, int id) {
        var types = f.valueTypes();
        int need = 0;
        for (Block b : f.blocks()) {
            for (Inst i : b.insts()) {
                switch (i) {
                    case Inst.StackAddr x -> { if (x.slot() == id) return -1; }
                    case Inst.StackLoad x -> { if (x.slot() == id) need = Math.max(need, x.offset() + x.type().bytes()); }
                    case Inst.StackStore x -> {
                        if (x.slot() == id) need = Math.max(need, x.offset() + types.getOrDefault(x.value(), Type.I64).bytes());
                    }
                    default -> { }
                }
            }
        }
        return need;
    }
}
