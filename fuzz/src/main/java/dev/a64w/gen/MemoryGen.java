package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Opcodes.StoreOp;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Stack slots and memory accesses (atomics: {@link AtomicGen}). Every access lies inside {@code [0, size - bytes]} of its area;
 * loads read only initialized bytes (a slot's readable window is stored at function entry, which
 * dominates every block); the {@code aligned} flag is set only when the address is provably
 * aligned. Addresses come from stack_addr or symbol_value, sometimes moved with iadd_imm, and the
 * access offset compensates (so it may be negative or large: 4080/4096/32760 edges).
 */
final class MemoryGen {
    /** Slot alignments; 32 and above make the backend realign SP dynamically. */
    private static final int[] SLOT_ALIGNS = {0, 0, 1, 2, 4, 8, 16, 0, 0, 1, 2, 4, 8, 16, 32, 64, 4096};
    private static final int[] EDGE_OFFSETS = {4080, 4088, 4092, 4095, 4096, 4104, 8184, 16376, 32760, 32768};

    private final ByteSource src;
    private final FunctionBuilder b;
    private final ValueGen vals;
    private final List<MemArea> areas = new ArrayList<>();

    MemoryGen(ByteSource src, FunctionBuilder b, ValueGen vals, List<MemArea> dataAreas) {
        this.src = src;
        this.b = b;
        this.vals = vals;
        this.areas.addAll(dataAreas);
    }

    boolean hasAreas() {
        return !areas.isEmpty();
    }

    /** Declares 0..3 stack slots (rarely one of 4 KiB or more) and initializes their readable windows. */
    void setUpSlots(int bigFramePermille) {
        int n = src.nextInt(0, 3);
        boolean big = src.chance(bigFramePermille);
        for (int k = 0; k < n + (big ? 1 : 0); k++) {
            int size = k == n ? src.pick(List.of(4096, 4100, 8192, 12000, 40000, 70000))
                    : src.pick(List.of(1, 2, 4, 8, 8, 16, 16, 24, 32, 40, 64, 100, 256));
            int align = SLOT_ALIGNS[src.nextInt(0, SLOT_ALIGNS.length - 1)];
            int id = b.slots.size();
            b.slots.add(new StackSlot(id, size, align));
            MemArea.Range window = window(size);
            areas.add(new MemArea(true, id, null, size, Math.max(1, align), List.of(window),
                    List.of(new MemArea.Range(0, size))));
            initialize(id, window);
        }
    }

    private MemArea.Range window(int size) {
        if (size <= 64) return new MemArea.Range(0, size);
        int len = Math.min(size, src.nextInt(16, 48));
        int lo = switch (src.nextInt(0, 3)) {
            case 0 -> 0;
            case 1 -> size - len;
            case 2 -> Math.min(size - len, pickEdge() - len / 2);
            default -> src.nextInt(0, size - len);
        };
        lo = Math.max(0, Math.min(lo, size - len));
        return new MemArea.Range(lo, lo + len);
    }

    int pickEdge() {
        return EDGE_OFFSETS[src.nextInt(0, EDGE_OFFSETS.length - 1)];
    }

    /** Stores to every byte of the window, widest first. */
    private void initialize(int slot, MemArea.Range w) {
        int p = w.lo();
        while (p < w.hi()) {
            int left = w.hi() - p;
            Type t = left >= 8 ? Type.I64 : left >= 4 ? Type.I32 : left >= 2 ? Type.I16 : Type.I8;
            b.emit(new Inst.StackStore(vals.operand(t), slot, p));
            p += t.bytes();
        }
    }

    /** The areas this function may address (its slots and the module's data objects). */
    List<MemArea> areas() {
        return areas;
    }

    /**
     * Chance (permille) that a memory step is an atomic instruction ({@link AtomicGen}) when
     * {@link OpFamily#ATOMIC} is on.
     */
    static final int ATOMIC_PERMILLE = 250;

    private AtomicGen atomics;

    /**
     * Emits one load or store, or (with {@link OpFamily#ATOMIC}) sometimes an atomic instruction,
     * with any address set-up; false when no area allows one.
     */
    boolean access() {
        if (areas.isEmpty()) return false;
        if (vals.cfg.enabled(OpFamily.ATOMIC) && src.chance(ATOMIC_PERMILLE)) {
            if (atomics == null) atomics = new AtomicGen(src, b, vals, this);
            if (atomics.emit()) return true;
        }
        MemArea area = src.pick(areas);
        boolean load = area.writable().isEmpty() || !src.chance(450);
        if (load && area.readable().isEmpty()) return false;
        Type t = vals.type();
        if (vals.cfg.enabled(OpFamily.FLOAT) && src.chance(FLOAT_ACCESS_PERMILLE)) t = src.nextBoolean() ? Type.F64 : Type.F32;
        int bytes;
        LoadOp lop = LoadOp.LOAD;
        StoreOp sop = StoreOp.STORE;
        if (load) {
            lop = narrowLoad(t);
            bytes = lop.bytes(t);
        } else {
            sop = narrowStore(t);
            bytes = sop.bytes(t);
        }
        int at = offsetIn(load ? area.readable() : area.writable(), bytes);
        if (at < 0) return false;
        boolean direct = area.isSlot() && lop == LoadOp.LOAD && sop == StoreOp.STORE && src.chance(400);
        if (direct) {
            if (load) {
                Value r = b.newValue();
                b.emit(new Inst.StackLoad(r, t, area.slot(), at));
                b.pool.add(r, t);
            } else {
                b.emit(new Inst.StackStore(stored(t), area.slot(), at));
            }
            return true;
        }
        ValuePool.Ptr p = pointer(area);
        int off = (int) (at - p.offset());
        MemFlags flags = flags(area, at, bytes, load);
        if (load) {
            Value r = b.newValue();
            b.emit(new Inst.Load(lop, r, t, flags, p.value(), off));
            b.pool.add(r, t);
        } else {
            Value v = stored(t);
            b.emit(new Inst.Store(sop, flags, v, p.value(), off));
        }
        return true;
    }

    /** Chance (permille) that an access is a float load or store when floats are on. */
    static final int FLOAT_ACCESS_PERMILLE = 300;

    /**
     * A computed value to store: a float canonicalized first ({@link ValueGen#canonical}), since the
     * Run check compares data memory byte for byte and NaN payloads are the implementation's.
     */
    private Value stored(Type t) {
        Value v = vals.live(t);
        return t.isFloat() ? vals.canonical(v, t) : v;
    }

    private LoadOp narrowLoad(Type t) {
        if (src.chance(550)) return LoadOp.LOAD;
        return switch (t) {
            case I8 -> LoadOp.LOAD;
            case I16 -> src.nextBoolean() ? LoadOp.ULOAD8 : LoadOp.SLOAD8;
            case I32 -> src.pick(List.of(LoadOp.ULOAD8, LoadOp.SLOAD8, LoadOp.ULOAD16, LoadOp.SLOAD16));
            case I64 -> src.pick(List.of(LoadOp.ULOAD8, LoadOp.SLOAD8, LoadOp.ULOAD16, LoadOp.SLOAD16,
                    LoadOp.ULOAD32, LoadOp.SLOAD32));
            case F32, F64 -> LoadOp.LOAD;
        };
    }

    private StoreOp narrowStore(Type t) {
        if (src.chance(600)) return StoreOp.STORE;
        return switch (t) {
            case I8 -> StoreOp.STORE;
            case I16 -> StoreOp.ISTORE8;
            case I32 -> src.nextBoolean() ? StoreOp.ISTORE8 : StoreOp.ISTORE16;
            case I64 -> src.pick(List.of(StoreOp.ISTORE8, StoreOp.ISTORE16, StoreOp.ISTORE32));
            case F32, F64 -> StoreOp.STORE;
        };
    }

    /** An offset {@code a} with {@code [a, a + bytes)} inside one range, biased to edges; -1 if none fits. */
    private int offsetIn(List<MemArea.Range> ranges, int bytes) {
        var fit = ranges.stream().filter(r -> r.length() >= bytes).toList();
        if (fit.isEmpty()) return -1;
        MemArea.Range r = src.pick(fit);
        int lo = r.lo(), hi = r.hi() - bytes;
        int a = switch (src.weighted(3, 3, 3, 3)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> pickEdge() - src.nextInt(0, 8);
            default -> src.nextInt(lo, hi);
        };
        a = Math.max(lo, Math.min(a, hi));
        if (src.chance(500)) {
            int aligned = a - Math.floorMod(a, bytes);
            if (aligned >= lo) a = aligned;
        }
        return a;
    }

    /** A pointer into the area: reused from the pool, or stack_addr / symbol_value, maybe moved by iadd_imm. */
    ValuePool.Ptr pointer(MemArea area) {
        var existing = b.pool.ptrs().stream().filter(p -> p.area().equals(area)).toList();
        ValuePool.Ptr p;
        if (!existing.isEmpty() && src.chance(500)) {
            p = src.pick(existing);
        } else {
            int base = src.chance(700) ? 0 : src.nextInt(0, area.size() - 1);
            Value v = b.newValue();
            if (area.isSlot()) {
                b.emit(new Inst.StackAddr(v, Type.I64, area.slot(), base));
            } else {
                b.emit(new Inst.SymbolValue(v, Type.I64, b.globalFor(area.data(), base), false));
                if (base == 0 && area.baseAlign() > 1 && src.chance(300)) {
                    v = observeAlignment(v, area.baseAlign());
                }
            }
            p = new ValuePool.Ptr(v, area, base);
            b.pool.addPtr(p);
        }
        if (src.chance(250)) {
            long target = src.chance(500) ? Math.min(area.size(), pickEdge()) : src.nextInt(0, area.size());
            Value v = b.newValue();
            b.emit(new Inst.BinaryImm(BinaryImmOp.IADD_IMM, v, Type.I64, p.value(), target - p.offset()));
            p = new ValuePool.Ptr(v, area, target);
            b.pool.addPtr(p);
        }
        return p;
    }

    /**
     * {@code m = band_imm sym, align-1; sym' = iadd sym, m}: CLIF guarantees a data object its
     * declared alignment, so {@code m} is 0 and {@code sym'} is {@code sym} (the interpreter places
     * objects so). An object the subject or the linker misplaces makes every access through
     * {@code sym'} land elsewhere, which the Run check sees (the Alignment check sees it directly).
     */
    private Value observeAlignment(Value sym, int align) {
        Value low = b.newValue();
        b.emit(new Inst.BinaryImm(BinaryImmOp.BAND_IMM, low, Type.I64, sym, align - 1));
        Value same = b.newValue();
        b.emit(new Inst.Binary(BinaryOp.IADD, same, Type.I64, sym, low));
        return same;
    }

    private MemFlags flags(MemArea area, int at, int bytes, boolean load) {
        var f = new ArrayList<String>();
        if (src.nextBoolean()) f.add("notrap");
        boolean aligned = area.baseAlign() >= bytes && at % bytes == 0;
        if (aligned && src.nextBoolean()) f.add("aligned");
        if (load && !area.isSlot() && area.writable().isEmpty() && src.chance(300)) f.add("readonly");
        endianness(f);
        return f.isEmpty() ? MemFlags.NONE : new MemFlags(f);
    }

    /** Chance (permille) that an access of a module with {@link OpFamily#BIG_ENDIAN} is big-endian. */
    static final int BIG_PERMILLE = 400;

    /**
     * With {@link OpFamily#BIG_ENDIAN} on, adds {@code big} ({@link #BIG_PERMILLE}) or, rarely, the
     * explicit default {@code little}; no draw otherwise (the levels without it draw as before).
     */
    void endianness(List<String> flags) {
        if (!vals.cfg.enabled(OpFamily.BIG_ENDIAN)) return;
        if (src.chance(BIG_PERMILLE)) flags.add("big");
        else if (src.chance(100)) flags.add("little");
    }
}
