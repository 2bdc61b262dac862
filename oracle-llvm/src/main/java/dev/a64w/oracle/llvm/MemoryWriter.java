package dev.a64w.oracle.llvm;

import dev.a64w.ir.Inst;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Type;

/**
 * The loads and stores of one function as LLVM IR, written into its {@link FunctionWriter}: heap
 * accesses through {@code inttoptr} of the CLIF address, {@code align 1} and {@code volatile}
 * unless {@code notrap} (a trapping access must not be removed or moved); a narrow load extended
 * and a narrow store truncated; a {@code big} access of more than a byte byte-swapped with {@code
 * llvm.bswap} (floats through their bits). Stack-slot accesses address the slot's {@code alloca}.
 */
final class MemoryWriter {
    private final FunctionWriter w;

    MemoryWriter(FunctionWriter w) {
        this.w = w;
    }

    /** Integers and floats; a narrow load is extended, a big one byte-swapped. */
    void load(Inst.Load x) {
        Type t = x.type();
        int bits = x.op().bytes(t) * 8;
        boolean big = x.flags().big() && bits > 8;
        String p = w.address(x.addr(), x.offset());
        boolean direct = bits == t.bits() && !big; // else loaded as iN, then swapped and/or extended
        String v = direct ? FunctionWriter.res(x.result()) : w.tmp();
        w.emit(v + " = load " + volatileUnlessNotrap(x.flags().has("notrap")) + (direct ? IrToLlvm.type(t) : "i" + bits)
                + ", ptr " + p + ", align 1");
        if (big) v = w.bswap(bits, v, bits == t.bits() && !t.isFloat() ? FunctionWriter.res(x.result()) : w.tmp());
        if (big && t.isFloat()) {
            w.emit(FunctionWriter.res(x.result()) + " = bitcast i" + bits + " " + v + " to " + IrToLlvm.type(t));
        } else if (bits != t.bits()) {
            w.emit(FunctionWriter.res(x.result()) + " = " + (x.op().signed ? "sext" : "zext") + " i" + bits + " " + v + " to "
                    + IrToLlvm.type(t));
        }
    }

    /** Integers and floats; a narrow store truncates, a big one byte-swaps. */
    void store(Inst.Store x) {
        Type vt = w.typeOf(x.value());
        int bits = x.op().bytes(vt) * 8;
        boolean big = x.flags().big() && bits > 8;
        String v = w.op(x.value());
        if (big && vt.isFloat()) {
            String raw = w.tmp();
            w.emit(raw + " = bitcast " + IrToLlvm.type(vt) + " " + v + " to i" + bits);
            v = raw;
        }
        v = big ? w.bswap(bits, truncTo(vt, bits, v)) : truncTo(vt, bits, v);
        String ty = big || bits != vt.bits() ? "i" + bits : IrToLlvm.type(vt);
        w.emit("store " + volatileUnlessNotrap(x.flags().has("notrap")) + ty + " " + v + ", ptr "
                + w.address(x.addr(), x.offset()) + ", align 1");
    }

    void stackLoad(Inst.StackLoad x) {
        w.emit(FunctionWriter.res(x.result()) + " = load " + IrToLlvm.type(x.type()) + ", ptr " + slotAddress(x.slot(), x.offset()) + ", align 1");
    }

    void stackStore(Inst.StackStore x) {
        w.emit("store " + IrToLlvm.type(w.typeOf(x.value())) + " " + w.op(x.value()) + ", ptr " + slotAddress(x.slot(), x.offset()) + ", align 1");
    }

    void stackAddr(Inst.StackAddr x) {
        w.emit(FunctionWriter.res(x.result()) + " = ptrtoint ptr " + slotAddress(x.slot(), x.offset()) + " to " + IrToLlvm.type(x.type()));
    }

    private String slotAddress(int slot, int offset) {
        StackSlot s = w.function().slot(slot).orElseThrow(() -> w.malformed("undeclared ss" + slot));
        if (offset == 0) {
            return "%ss" + s.id();
        }
        String p = w.tmp();
        w.emit(p + " = getelementptr i8, ptr %ss" + s.id() + ", i64 " + offset);
        return p;
    }

    private static String volatileUnlessNotrap(boolean notrap) {
        return notrap ? "" : "volatile ";
    }

    private String truncTo(Type t, int bits, String v) {
        if (bits == t.bits()) {
            return v;
        }
        String r = w.tmp();
        w.emit(r + " = trunc " + IrToLlvm.type(t) + " " + v + " to i" + bits);
        return r;
    }
}
