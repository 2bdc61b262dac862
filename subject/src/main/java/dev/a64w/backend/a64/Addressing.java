package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.AddSubOp;
import dev.a64w.backend.a64.A64Inst.AluRRExt;
import dev.a64w.backend.a64.A64Inst.AluRRImm12;
import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.A64Inst.LdStRegOffset;
import dev.a64w.backend.a64.A64Inst.LdStUImm;
import dev.a64w.backend.a64.A64Inst.LdStUnscaled;
import dev.a64w.backend.a64.FpInst.FpLdStRegOffset;
import dev.a64w.backend.a64.FpInst.FpLdStUImm;
import dev.a64w.backend.a64.FpInst.FpLdStUnscaled;
import dev.a64w.backend.a64.FpInst.FpMemOp;

/**
 * Memory at any offset from a base register: the scaled unsigned 12-bit form, the unscaled 9-bit
 * one, or the offset materialized into a scratch register and the register-offset form. Used by
 * the lowering (loads, stores, stack slots) and by emission (stack slots, whose offsets are known
 * only after allocation). Pure: instructions to a sink.
 */
public final class Addressing {
    private Addressing() {}

    /** One access at base + off; {@code tmp} holds the offset when it does not encode (may be null if direct). */
    public static void access(InstSink b, LdStOp op, Reg rt, Reg base, long off, Reg tmp) {
        int n = op.bytes();
        if (off >= 0 && off % n == 0 && off / n <= 0xfff) {
            b.emit(new LdStUImm(op, rt, base, (int) off));
        } else if (off >= -256 && off <= 255) {
            b.emit(new LdStUnscaled(op, rt, base, (int) off));
        } else {
            for (A64Inst i : A64Imm.materialize(tmp, off, Size.X)) b.emit(i);
            b.emit(new LdStRegOffset(op, rt, base, tmp));
        }
    }

    /** One FP access at base + off; {@code tmp} holds the offset when it does not encode (null if direct). */
    public static void fpAccess(InstSink b, FpMemOp op, FpSize size, FOperand rt, Reg base, long off, Reg tmp) {
        int n = size.bits() / 8;
        if (off >= 0 && off % n == 0 && off / n <= 0xfff) {
            b.emit(new FpLdStUImm(op, size, rt, base, (int) off));
        } else if (off >= -256 && off <= 255) {
            b.emit(new FpLdStUnscaled(op, size, rt, base, (int) off));
        } else {
            for (A64Inst i : A64Imm.materialize(tmp, off, Size.X)) b.emit(i);
            b.emit(new FpLdStRegOffset(op, size, rt, base, tmp, false));
        }
    }

    /** rd = sp + off (off ≥ 0). */
    public static void addSp(InstSink b, Reg rd, long off) {
        if (off >= 0 && off < (1 << 12)) {
            b.emit(new AluRRImm12(AddSubOp.ADD, Size.X, rd, Sp.SP, new Imm12((int) off, false)));
        } else if (off >= 0 && off < (1 << 24)) {
            b.emit(new AluRRImm12(AddSubOp.ADD, Size.X, rd, Sp.SP, new Imm12((int) (off >>> 12), true)));
            if ((off & 0xfff) != 0) b.emit(new AluRRImm12(AddSubOp.ADD, Size.X, rd, rd, new Imm12((int) (off & 0xfff), false)));
        } else {
            for (A64Inst i : A64Imm.materialize(rd, off, Size.X)) b.emit(i);
            b.emit(new AluRRExt(AddSubOp.ADD, Size.X, rd, Sp.SP, rd, Extend.UXTX, 0));
        }
    }
}
