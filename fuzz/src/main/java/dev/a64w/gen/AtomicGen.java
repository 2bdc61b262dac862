package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link OpFamily#ATOMIC} family: {@code atomic_rmw} (all 11 operations), {@code atomic_cas},
 * {@code atomic_load}, {@code atomic_store} on i8..i64, and {@code fence}. An atomic has no offset
 * operand and faults when not naturally aligned (AArch64's exclusive and acquire/release accesses;
 * the interpreter traps {@code heap_misaligned}), so its address is an area's pointer moved with
 * {@code iadd_imm} to an offset that is a multiple of the access size, in an area whose base is at
 * least that aligned ({@link MemArea#baseAlign()}). Reads (load, rmw, cas) touch only readable bytes,
 * writes (store, rmw, cas) only writable ones, as plain accesses do. {@code atomic_cas} sometimes
 * expects the value an {@code atomic_load} of the same address just read, so that both its outcomes
 * run. With {@link OpFamily#BIG_ENDIAN} on, an atomic of any width is sometimes {@code big} (the
 * LLVM leg wraps its little-endian atomics in byte swaps for those).
 */
final class AtomicGen {
    private static final List<AtomicRmwOp> RMW_OPS = List.of(AtomicRmwOp.values());
    private static final List<Type> TYPES = List.of(Type.I8, Type.I16, Type.I32, Type.I64);

    private final ByteSource src;
    private final FunctionBuilder b;
    private final ValueGen vals;
    private final MemoryGen mem;

    AtomicGen(ByteSource src, FunctionBuilder b, ValueGen vals, MemoryGen mem) {
        this.src = src;
        this.b = b;
        this.vals = vals;
        this.mem = mem;
    }

    /** Emits one atomic instruction (with its address set-up); false when no area has room for it. */
    boolean emit() {
        int kind = src.weighted(11, 3, 3, 3, 1);
        if (kind == 4) {
            b.emit(new Inst.Fence());
            return true;
        }
        Type t = TYPES.get(src.nextInt(0, TYPES.size() - 1));
        boolean reads = kind != 3, writes = kind != 2;
        int bytes = t.bytes();
        var fit = mem.areas().stream().filter(a -> a.baseAlign() >= bytes
                && (!reads || alignedRoom(a.readable(), bytes)) && (!writes || alignedRoom(a.writable(), bytes))).toList();
        if (fit.isEmpty()) return false;
        MemArea area = src.pick(fit);
        // reads lie inside the readable ranges, which lie inside the writable ones when there are any
        int at = alignedOffset(reads ? area.readable() : area.writable(), bytes);
        Value addr = address(area, at);
        MemFlags flags = flags(t);
        switch (kind) {
            case 0 -> {
                AtomicRmwOp op = src.pick(RMW_OPS);
                Value x = vals.operand(t);
                define(t, r -> new Inst.AtomicRmw(op, r, t, flags, addr, x));
            }
            case 1 -> {
                Value expected;
                if (src.nextBoolean()) {
                    // the value memory holds: this cas succeeds
                    expected = b.newValue();
                    b.emit(new Inst.AtomicLoad(expected, t, flags, addr));
                } else {
                    expected = vals.operand(t);
                }
                Value replacement = vals.live(t);
                define(t, r -> new Inst.AtomicCas(r, t, flags, addr, expected, replacement));
            }
            case 2 -> define(t, r -> new Inst.AtomicLoad(r, t, flags, addr));
            default -> b.emit(new Inst.AtomicStore(flags, vals.live(t), addr));
        }
        return true;
    }

    private void define(Type t, java.util.function.Function<Value, Inst> make) {
        Value r = b.newValue();
        b.emit(make.apply(r));
        b.pool.add(r, t);
    }

    /** True when some range holds an offset that is a multiple of {@code bytes} with {@code bytes} bytes after it. */
    private static boolean alignedRoom(List<MemArea.Range> ranges, int bytes) {
        for (var r : ranges) if (firstAligned(r, bytes) + bytes <= r.hi()) return true;
        return false;
    }

    private static int firstAligned(MemArea.Range r, int bytes) {
        return Math.ceilDiv(r.lo(), bytes) * bytes;
    }

    /** A multiple of {@code bytes} with {@code [a, a + bytes)} inside one range: its first or last such offset, one near an edge, or any. */
    private int alignedOffset(List<MemArea.Range> ranges, int bytes) {
        var fit = ranges.stream().filter(r -> firstAligned(r, bytes) + bytes <= r.hi()).toList();
        MemArea.Range r = src.pick(fit);
        int lo = firstAligned(r, bytes) / bytes, hi = (r.hi() - bytes) / bytes;
        int k = switch (src.weighted(3, 3, 2, 4)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> (mem.pickEdge() - src.nextInt(0, 8)) / bytes;
            default -> src.nextInt(lo, hi);
        };
        return Math.max(lo, Math.min(k, hi)) * bytes;
    }

    /** A pointer to offset {@code at} of {@code area}: an area pointer ({@link MemoryGen#pointer}) moved by {@code iadd_imm} if it is elsewhere. */
    private Value address(MemArea area, int at) {
        ValuePool.Ptr p = mem.pointer(area);
        if (p.offset() == at) return p.value();
        Value v = b.newValue();
        b.emit(new Inst.BinaryImm(BinaryImmOp.IADD_IMM, v, Type.I64, p.value(), at - p.offset()));
        b.pool.addPtr(new ValuePool.Ptr(v, area, at));
        return v;
    }

    /** {@code notrap} and {@code aligned} (both true of every address made here) sometimes; {@code big} or {@code little} in a big-endian module. */
    private MemFlags flags(Type t) {
        var f = new ArrayList<String>();
        if (src.nextBoolean()) f.add("notrap");
        if (src.nextBoolean()) f.add("aligned");
        mem.endianness(f);
        return f.isEmpty() ? MemFlags.NONE : new MemFlags(f);
    }
}
