package dev.a64w.gen;

import dev.a64w.ir.BlockCall;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A block of a chosen code size that the run branches over, so a function can be large (near
 * 4 KiB, 32 KiB, 1 MiB or above: branch ranges, unwind fragments) while its executed path stays
 * short:
 *
 * <pre>
 *   c = iconst.i8 0
 *   brif c, big0, after(v)          ; taken to after: a forward branch over the whole block
 * big0:  [call]  r1 = op r0, s0 ... ; one-instruction i64 ops (iadd/isub/bxor/bor/band)
 *   brif c, exit0, big1             ; rarely: an early return in the middle of the code
 * exit0: return ...                 ; (an epilogue far from the prologue when there is a frame)
 * big1:  ...
 *   jump after(rN)
 * after(p):                         ; p joins the pool
 * </pre>
 *
 * The condition is a constant zero (the big code never runs); the estimated cost of the block is
 * not charged to the function's budget. The block's values stay inside it.
 */
final class SizedCode {
    /** Bytes one chain operation is expected to take (one A64 instruction). */
    static final int BYTES_PER_OP = 4;
    private static final List<BinaryOp> OPS = List.of(BinaryOp.IADD, BinaryOp.ISUB, BinaryOp.BXOR, BinaryOp.BOR, BinaryOp.BAND);

    private SizedCode() {}

    /** About 4 KiB or 32 KiB, give or take 64 instructions. */
    static int target(ByteSource src) {
        int base = src.nextBoolean() ? 4096 : 32768;
        return base + BYTES_PER_OP * src.nextInt(-64, 64);
    }

    /** About 1 MiB (give or take 512 instructions), or up to 128 KiB above it. */
    static int hugeTarget(ByteSource src) {
        int base = 1 << 20;
        return src.chance(700) ? base + BYTES_PER_OP * src.nextInt(-512, 512) : base + BYTES_PER_OP * src.nextInt(0, 32768);
    }

    /** Emits the block of about {@code bytes} of code into the current block; the join becomes current. */
    static void emit(ByteSource src, FunctionBuilder b, ValueGen vals, CallGen calls, int bytes) {
        long savedCost = b.cost;
        Value zero = vals.hiddenConst(Type.I8, 0);
        var after = b.newBlock(List.of(Type.I64));
        int exits = src.chance(300) ? src.nextInt(1, 3) : 0;
        var chunks = new ArrayList<FunctionBuilder.Draft>();
        for (int k = 0; k <= exits; k++) chunks.add(b.newBlock(List.of()));
        b.terminate(new Terminator.Brif(zero, BlockCall.of(chunks.getFirst().ref),
                new BlockCall(after.ref, List.of(vals.operand(Type.I64)))));
        var mark = b.pool.mark();
        b.place(chunks.getFirst());
        if (calls.possible() && src.nextBoolean()) calls.call();
        Value x = vals.operand(Type.I64);
        Value y = vals.operand(Type.I64);
        int ops = Math.max(1, bytes / BYTES_PER_OP);
        for (int k = 0; k <= exits; k++) {
            int n = k == exits ? ops - (ops / (exits + 1)) * exits : ops / (exits + 1);
            for (int j = 0; j < n; j++) {
                Value r = b.newValue();
                b.emit(new Inst.Binary(OPS.get(j % OPS.size()), r, Type.I64, x, y));
                y = x;
                x = r;
            }
            if (k < exits) {
                var exit = b.newBlock(List.of());
                b.terminate(new Terminator.Brif(zero, BlockCall.of(exit.ref), BlockCall.of(chunks.get(k + 1).ref)));
                b.place(exit);
                var exitMark = b.pool.mark();
                b.pool.add(x, Type.I64);
                b.terminate(new Terminator.Return(vals.operands(b.signature.returns())));
                b.pool.reset(exitMark);
                b.place(chunks.get(k + 1));
            }
        }
        b.terminate(new Terminator.Jump(new BlockCall(after.ref, List.of(x))));
        b.pool.reset(mark);
        b.place(after);
        b.pool.add(after.params.getFirst().value(), Type.I64);
        b.cost = savedCost;
    }
}
