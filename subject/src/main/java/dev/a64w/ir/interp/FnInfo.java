package dev.a64w.ir.interp;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Param;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-function facts the interpreter needs at run time: blocks by name, a dense index for every
 * value, value types, and the stack-slot layout (each slot aligned to max(its alignment, 8), the
 * frame to max(16, largest slot alignment)).
 */
final class FnInfo {
    final Function function;
    final Map<BlockRef, Block> blocks = new HashMap<>();
    final Map<Value, Integer> index = new HashMap<>();
    final Type[] types;
    final Map<Integer, Long> slotOffsets = new HashMap<>();
    final long frameSize;
    final long frameAlign;

    FnInfo(Function f) {
        this.function = f;
        for (Block b : f.blocks()) {
            blocks.putIfAbsent(b.ref(), b);
            for (Param p : b.params()) number(p.value());
            for (Inst i : b.insts()) {
                i.results().forEach(this::number);
                i.uses().forEach(this::number);
            }
            b.terminator().uses().forEach(this::number);
        }
        types = new Type[index.size()];
        Map<Value, Type> vt = f.valueTypes();
        for (var e : index.entrySet()) types[e.getValue()] = vt.getOrDefault(e.getKey(), Type.I64);
        long cur = 0, maxAlign = 16;
        for (StackSlot s : f.slots()) {
            long a = Math.max(8, s.align());
            maxAlign = Math.max(maxAlign, a);
            cur = (cur + a - 1) & -a;
            slotOffsets.put(s.id(), cur);
            cur += s.size();
        }
        frameAlign = maxAlign;
        frameSize = (cur + 15) & -16L;
    }

    private void number(Value v) {
        index.putIfAbsent(v, index.size());
    }

    int idx(Value v) {
        return index.get(v);
    }

    Type type(Value v) {
        return types[index.get(v)];
    }
}
