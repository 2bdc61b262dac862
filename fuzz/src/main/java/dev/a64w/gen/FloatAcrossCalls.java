package dev.a64w.gen;

import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.List;

/**
 * A function body in which only floats live across calls: floats first (a burst and a few more
 * float instructions), then 1..3 calls with float code between them, then every float from before
 * the first call chained into one value per type ({@code fadd}..{@code fmax}), which the exit's
 * checksum or return uses. At each call the pool forgets its integers and pointers
 * ({@link CallGen#call(boolean)}), so no integer value defined before a call is used after it: a
 * compiler needs no callee-saved x19-x28, only d8-d15, and the prologue's first save is a
 * d-register pair ({@code save_fregp_x}, {@code stp d8, d9, [sp, #-N]!}), which a body that also keeps
 * an integer across a call (saved first, as x19) never gives. Straight-line: the pool is dropped
 * only outside scoped regions.
 */
final class FloatAcrossCalls {
    private static final List<FBinaryOp> CHAIN_OPS = List.of(FBinaryOp.FADD, FBinaryOp.FSUB, FBinaryOp.FMUL,
            FBinaryOp.FMIN, FBinaryOp.FMAX);

    private FloatAcrossCalls() {}

    /** Fills the current block; {@code calls} must have an affordable callee ({@link CallGen#possible()}). */
    static void body(ByteSource src, FunctionBuilder b, ValueGen vals, InstGen insts, CallGen calls) {
        FloatGen floats = insts.floats();
        floats.burst();
        int more = src.nextInt(0, 4);
        for (int k = 0; k < more; k++) floats.emit();
        List<ValuePool.IntVal> across = List.copyOf(b.pool.floats());
        int n = src.nextInt(1, 3);
        for (int k = 0; k < n && calls.possible(); k++) {
            calls.call(true);
            int between = src.nextInt(0, 3);
            for (int j = 0; j < between; j++) floats.emit();
        }
        for (Type t : List.of(Type.F32, Type.F64)) {
            Value acc = null;
            for (var v : across) {
                if (v.type() != t) continue;
                if (acc == null) {
                    acc = v.value();
                    continue;
                }
                Value a = acc, r = b.newValue();
                FBinaryOp op = src.pick(CHAIN_OPS);
                b.emit(new Inst.FBinary(op, r, t, a, v.value()));
                acc = r;
            }
            if (acc != null) b.pool.add(acc, t);
        }
    }
}
