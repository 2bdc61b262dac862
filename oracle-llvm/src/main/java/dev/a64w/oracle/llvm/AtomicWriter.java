package dev.a64w.oracle.llvm;

import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Type;

/**
 * The atomic instructions of one function as LLVM IR, written into its {@link FunctionWriter}, all
 * {@code seq_cst} at the natural alignment of their width: {@code atomic_rmw} is {@code atomicrmw},
 * {@code atomic_cas} is {@code cmpxchg} (its old value), {@code atomic_load}/{@code atomic_store}
 * are {@code load atomic}/{@code store atomic}, {@code fence} is {@code fence}.
 *
 * <p>A {@code big} atomic wider than i8 keeps the value's bytes in memory in big-endian order and
 * operates on the logical value, while LLVM's atomics are little-endian on AArch64. So:
 * <ul>
 *   <li>a load is {@code load atomic} then {@code llvm.bswap}; a store is {@code llvm.bswap} then
 *       {@code store atomic};</li>
 *   <li>a cas is {@code cmpxchg} of the byte-swapped expected and replacement values, its old value
 *       byte-swapped back (equality does not depend on the byte order);</li>
 *   <li>{@code xchg}, {@code and}, {@code or}, {@code xor} and {@code nand} work byte by byte
 *       ({@code ~(a & b)} too), so they are {@code atomicrmw} of the byte-swapped operand, the old
 *       value byte-swapped back;</li>
 *   <li>{@code add}, {@code sub}, {@code umin}, {@code umax}, {@code smin} and {@code smax} carry or
 *       compare across bytes: a compare-exchange loop that reads the memory value ({@code load
 *       atomic}), byte-swaps it, applies the operation, byte-swaps the new value, and retries the
 *       {@code cmpxchg} with the value it saw until it succeeds; the result is the logical old
 *       value of the successful attempt.</li>
 * </ul>
 * An i8 has no byte order: a big i8 atomic is a plain one.
 */
final class AtomicWriter {
    private final FunctionWriter w;

    AtomicWriter(FunctionWriter w) {
        this.w = w;
    }

    /** A {@code big} access wider than a byte: its memory bytes are reversed. */
    static boolean reversed(MemFlags flags, Type t) {
        return flags.big() && t.bytes() > 1;
    }

    void rmw(Inst.AtomicRmw x) {
        Type t = x.type();
        String ty = IrToLlvm.type(t);
        String p = w.address(x.addr(), 0);
        String r = FunctionWriter.res(x.result());
        if (!reversed(x.flags(), t)) {
            w.emit(r + " = atomicrmw " + rmwOp(x.op()) + " ptr " + p + ", " + ty + " " + w.op(x.arg()) + " seq_cst, align "
                    + t.bytes());
        } else if (bytewise(x.op())) {
            String arg = w.bswap(t.bits(), w.op(x.arg()));
            String old = w.tmp();
            w.emit(old + " = atomicrmw " + rmwOp(x.op()) + " ptr " + p + ", " + ty + " " + arg + " seq_cst, align " + t.bytes());
            w.bswap(t.bits(), old, r);
        } else {
            casLoop(x, p);
        }
    }

    /**
     * {@code rmw} of a big atomic whose operation is not bytewise: a compare-exchange loop on the
     * raw (byte-reversed) memory value. The old logical value is computed in the loop block, which
     * dominates the block after it.
     */
    private void casLoop(Inst.AtomicRmw x, String p) {
        Type t = x.type();
        String ty = IrToLlvm.type(t);
        String first = w.tmp();
        w.emit(first + " = load atomic " + ty + ", ptr " + p + " seq_cst, align " + t.bytes());
        String before = w.currentLabel();
        String loop = w.newLabel("loop");
        String done = w.newLabel("done");
        String raw = w.tmp();
        String seen = w.tmp();
        w.emit("br label %" + loop);
        w.startBlock(loop);
        w.emit(raw + " = phi " + ty + " [ " + first + ", %" + before + " ], [ " + seen + ", %" + loop + " ]");
        String old = w.bswap(t.bits(), raw, FunctionWriter.res(x.result()));
        String updated = w.tmp();
        w.emit(updated + " = " + logicalOp(x.op(), ty, old, w.op(x.arg())));
        String pair = w.tmp();
        w.emit(pair + " = cmpxchg ptr " + p + ", " + ty + " " + raw + ", " + ty + " " + w.bswap(t.bits(), updated)
                + " seq_cst seq_cst, align " + t.bytes());
        w.emit(seen + " = extractvalue { " + ty + ", i1 } " + pair + ", 0");
        String ok = w.tmp();
        w.emit(ok + " = extractvalue { " + ty + ", i1 } " + pair + ", 1");
        w.emit("br i1 " + ok + ", label %" + done + ", label %" + loop);
        w.startBlock(done);
    }

    /** The new logical value of an rmw whose operation is not bytewise, as an LLVM instruction's right-hand side. */
    private String logicalOp(AtomicRmwOp op, String ty, String old, String arg) {
        String args = ty + " " + old + ", " + ty + " " + arg;
        return switch (op) {
            case ADD -> "add " + ty + " " + old + ", " + arg;
            case SUB -> "sub " + ty + " " + old + ", " + arg;
            case UMIN, UMAX, SMIN, SMAX -> {
                String name = op.name().toLowerCase(java.util.Locale.ROOT);
                w.intrinsic("declare " + ty + " @llvm." + name + "." + ty + "(" + ty + ", " + ty + ")");
                yield "call " + ty + " @llvm." + name + "." + ty + "(" + args + ")";
            }
            case AND, NAND, OR, XOR, XCHG -> throw new IllegalArgumentException(op + " is bytewise: no loop");
        };
    }

    /** Whether {@code op} works on each byte alone, so that it commutes with a byte reversal. */
    static boolean bytewise(AtomicRmwOp op) {
        return switch (op) {
            case AND, NAND, OR, XOR, XCHG -> true;
            case ADD, SUB, UMIN, UMAX, SMIN, SMAX -> false;
        };
    }

    void cas(Inst.AtomicCas x) {
        Type t = x.type();
        String ty = IrToLlvm.type(t);
        boolean rev = reversed(x.flags(), t);
        String p = w.address(x.addr(), 0);
        String expected = rev ? w.bswap(t.bits(), w.op(x.expected())) : w.op(x.expected());
        String replacement = rev ? w.bswap(t.bits(), w.op(x.replacement())) : w.op(x.replacement());
        String pair = w.tmp();
        w.emit(pair + " = cmpxchg ptr " + p + ", " + ty + " " + expected + ", " + ty + " " + replacement
                + " seq_cst seq_cst, align " + t.bytes());
        String r = FunctionWriter.res(x.result());
        String old = rev ? w.tmp() : r;
        w.emit(old + " = extractvalue { " + ty + ", i1 } " + pair + ", 0");
        if (rev) w.bswap(t.bits(), old, r);
    }

    void load(Inst.AtomicLoad x) {
        Type t = x.type();
        boolean rev = reversed(x.flags(), t);
        String p = w.address(x.addr(), 0);
        String r = FunctionWriter.res(x.result());
        String v = rev ? w.tmp() : r;
        w.emit(v + " = load atomic " + IrToLlvm.type(t) + ", ptr " + p + " seq_cst, align " + t.bytes());
        if (rev) w.bswap(t.bits(), v, r);
    }

    void store(Inst.AtomicStore x) {
        Type t = w.typeOf(x.value());
        String v = reversed(x.flags(), t) ? w.bswap(t.bits(), w.op(x.value())) : w.op(x.value());
        w.emit("store atomic " + IrToLlvm.type(t) + " " + v + ", ptr " + w.address(x.addr(), 0) + " seq_cst, align "
                + t.bytes());
    }

    void fence() {
        w.emit("fence seq_cst");
    }

    /** LLVM's {@code atomicrmw} operation for a CLIF {@code atomic_rmw} one. */
    static String rmwOp(AtomicRmwOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "sub";
            case AND -> "and";
            case NAND -> "nand";
            case OR -> "or";
            case XOR -> "xor";
            case XCHG -> "xchg";
            case UMIN -> "umin";
            case UMAX -> "umax";
            case SMIN -> "min";
            case SMAX -> "max";
        };
    }
}
