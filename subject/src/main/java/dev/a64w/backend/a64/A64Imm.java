package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.LogicOp;
import dev.a64w.backend.a64.A64Inst.LogicRRImm;
import dev.a64w.backend.a64.A64Inst.MovOp;
import dev.a64w.backend.a64.A64Inst.MovWide;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Constant materialization: the shortest of MOVZ, MOVN, ORR #bitmask, MOVZ/MOVN + MOVKs. Pure. */
public final class A64Imm {
    private A64Imm() {}

    /** Instructions that set {@code rd} to {@code value} (the low 32 bits for W; upper bits zero). */
    public static List<A64Inst> materialize(Reg rd, long value, Size size) {
        int chunks = size == Size.X ? 4 : 2;
        long v = size == Size.X ? value : value & 0xffff_ffffL;
        int zeros = 0, ones = 0;
        for (int k = 0; k < chunks; k++) {
            long c = (v >>> (16 * k)) & 0xffff;
            if (c == 0) zeros++;
            if (c == 0xffff) ones++;
        }
        List<A64Inst> out = new ArrayList<>();
        if (zeros >= chunks - 1) {
            int k = firstNot(v, chunks, 0);
            if (k < 0) k = 0;
            out.add(new MovWide(MovOp.MOVZ, size, rd, (int) ((v >>> (16 * k)) & 0xffff), 16 * k));
            return out;
        }
        if (ones >= chunks - 1) {
            int k = firstNot(v, chunks, 0xffff);
            if (k < 0) k = 0;
            out.add(new MovWide(MovOp.MOVN, size, rd, (int) (~(v >>> (16 * k)) & 0xffff), 16 * k));
            return out;
        }
        Optional<ImmLogic> logic = ImmLogic.tryFrom(v, size.bits());
        if (logic.isPresent()) {
            out.add(new LogicRRImm(LogicOp.ORR, size, rd, Zr.ZR, logic.get()));
            return out;
        }
        boolean viaMovn = ones > zeros;
        long skip = viaMovn ? 0xffff : 0;
        boolean first = true;
        for (int k = 0; k < chunks; k++) {
            long c = (v >>> (16 * k)) & 0xffff;
            if (c == skip) continue;
            if (first) {
                out.add(viaMovn ? new MovWide(MovOp.MOVN, size, rd, (int) (~c & 0xffff), 16 * k)
                        : new MovWide(MovOp.MOVZ, size, rd, (int) c, 16 * k));
                first = false;
            } else {
                out.add(new MovWide(MovOp.MOVK, size, rd, (int) c, 16 * k));
            }
        }
        return out;
    }

    private static int firstNot(long v, int chunks, long skip) {
        for (int k = 0; k < chunks; k++) if (((v >>> (16 * k)) & 0xffff) != skip) return k;
        return -1;
    }
}
