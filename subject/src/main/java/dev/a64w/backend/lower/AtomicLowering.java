package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.AtomicInst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Scalar atomics on ARMv8.0 (no LSE): atomic_rmw as an LDAXR/op/STLXR/CBNZ loop, atomic_cas as the
 * same loop with a compare and an early exit, atomic_load as LDAR, atomic_store as STLR, fence as
 * DMB ISH. The loops work in temps only (temps never share a register with a use or a def), so the
 * address and operands survive a retry; the old value is copied to the result at the end. Narrow
 * exclusive loads zero-extend, so operands are zero- (unsigned min/max, cas) or sign-extended
 * (signed min/max) once before the loop. A misaligned address faults, as on hardware. A {@code big}
 * atomic (i16/i32/i64) reverses the loaded bytes right after the exclusive load / LDAR (REV16 or
 * REV, which keeps a narrow value zero-extended) and the new value right before the store.
 */
final class AtomicLowering {
    private AtomicLowering() {}

    static void lower(LowerCtx c, Inst inst) {
        switch (inst) {
            case Inst.AtomicRmw x -> rmw(c, x);
            case Inst.AtomicCas x -> cas(c, x);
            case Inst.AtomicLoad x -> {
                addr(c, x.addr());
                VReg d = c.v(x.result()), a = c.v(x.addr());
                AccessSize s = size(c, x.type());
                int n = x.type().bytes();
                boolean big = x.flags().big() && n > 1;
                c.op(List.of(d), List.of(a), b -> {
                    b.emit(new LoadAcquire(s, d, a));
                    if (big) MemLowering.reverse(b, d, d, n); // zero-extended like LDAR's narrow result
                });
            }
            case Inst.AtomicStore x -> {
                addr(c, x.addr());
                VReg v = c.v(x.value()), a = c.v(x.addr());
                AccessSize s = size(c, c.type(x.value()));
                int n = c.type(x.value()).bytes();
                if (x.flags().big() && n > 1) {
                    VReg r = c.temp();
                    c.op(List.of(), List.of(v, a), List.of(r), b -> {
                        MemLowering.reverse(b, r, v, n);
                        b.emit(new StoreRelease(s, r, a));
                    });
                } else {
                    c.op(List.of(), List.of(v, a), b -> b.emit(new StoreRelease(s, v, a)));
                }
            }
            case Inst.Fence x -> c.op(List.of(), List.of(), b -> b.emit(new DmbIsh()));
            default -> throw c.unsupported("instruction " + inst.getClass().getSimpleName());
        }
    }

    private static void addr(LowerCtx c, dev.a64w.ir.Value a) {
        if (c.type(a) != Type.I64) throw c.unsupported("memory address of type " + c.type(a) + " (addresses are i64)");
    }

    private static AccessSize size(LowerCtx c, Type t) {
        if (t.isFloat()) throw c.unsupported("atomic access of " + t);
        return AccessSize.ofBytes(t.bytes());
    }

    private static void rmw(LowerCtx c, Inst.AtomicRmw x) {
        addr(c, x.addr());
        AccessSize s = size(c, x.type());
        Type t = x.type();
        Size rs = s.regSize();
        VReg d = c.v(x.result()), a = c.v(x.addr()), v = c.v(x.arg());
        VReg old = c.temp(), neu = c.temp(), status = c.temp(), ext = c.temp(), sold = c.temp();
        AtomicRmwOp op = x.op();
        int n = t.bytes();
        boolean big = x.flags().big() && n > 1;
        boolean signed = op == AtomicRmwOp.SMIN || op == AtomicRmwOp.SMAX;
        boolean minMax = signed || op == AtomicRmwOp.UMIN || op == AtomicRmwOp.UMAX;
        List<VReg> temps = new ArrayList<>(List.of(old, neu, status));
        if (minMax) temps.add(ext);
        if (signed) temps.add(sold);
        c.op(List.of(d), List.of(a, v), temps, b -> {
            Reg ra = a, rv = v, rold = old, rnew = neu, rst = status;
            Reg rx = rv;
            if (minMax) {
                rx = ext;
                Seq.ext(b, rx, rv, t, signed);
            }
            LocalLabel loop = b.newLabel();
            b.bind(loop);
            b.emit(new LoadExclusive(s, rold, ra));
            // big-endian: the logical old value is the loaded bytes reversed (still zero-extended)
            if (big) MemLowering.reverse(b, rold, rold, n);
            Reg stored = rnew;
            switch (op) {
                case ADD -> b.emit(new AluRRR(AluOp.ADD, rs, rnew, rold, rv));
                case SUB -> b.emit(new AluRRR(AluOp.SUB, rs, rnew, rold, rv));
                case AND -> b.emit(new AluRRR(AluOp.AND, rs, rnew, rold, rv));
                case OR -> b.emit(new AluRRR(AluOp.ORR, rs, rnew, rold, rv));
                case XOR -> b.emit(new AluRRR(AluOp.EOR, rs, rnew, rold, rv));
                case NAND -> {
                    b.emit(new AluRRR(AluOp.AND, rs, rnew, rold, rv));
                    b.emit(new AluRRR(AluOp.ORN, rs, rnew, Zr.ZR, rnew));
                }
                case XCHG -> stored = rv;
                case UMIN, UMAX, SMIN, SMAX -> {
                    Reg cmpOld = rold;
                    if (signed && t.bits() < 32) {
                        cmpOld = sold;
                        Seq.ext(b, cmpOld, rold, t, true);
                    }
                    Cond keepOld = switch (op) {
                        case UMIN -> Cond.LS;
                        case UMAX -> Cond.HS;
                        case SMIN -> Cond.LE;
                        default -> Cond.GE;
                    };
                    b.emit(new AluRRR(AluOp.SUBS, rs, Zr.ZR, cmpOld, rx));
                    b.emit(new CondSelect(CselOp.CSEL, rs, rnew, rold, rx, keepOld));
                }
            }
            if (big) {
                MemLowering.reverse(b, rnew, stored, n);
                stored = rnew;
            }
            b.emit(new StoreExclusive(s, rst, stored, ra));
            b.emit(new CompareBranch(CbOp.CBNZ, Size.W, rst, loop));
            Seq.mov(b, d, rold, rs);
        });
    }

    private static void cas(LowerCtx c, Inst.AtomicCas x) {
        addr(c, x.addr());
        AccessSize s = size(c, x.type());
        Type t = x.type();
        Size rs = s.regSize();
        VReg d = c.v(x.result()), a = c.v(x.addr()), e = c.v(x.expected()), r = c.v(x.replacement());
        int n = t.bytes();
        boolean big = x.flags().big() && n > 1;
        VReg old = c.temp(), status = c.temp(), ext = c.temp(), rev = big ? c.temp() : null;
        List<VReg> temps = big ? List.of(old, status, ext, rev) : List.of(old, status, ext);
        c.op(List.of(d), List.of(a, e, r), temps, b -> {
            Reg ra = a, rold = old, rst = status, rx = ext;
            Seq.ext(b, rx, e, t, false);
            Reg stored = r;
            if (big) {
                // big-endian: store the replacement's bytes reversed (computed once, before the loop)
                Reg rr = rev;
                MemLowering.reverse(b, rr, stored, n);
                stored = rr;
            }
            LocalLabel loop = b.newLabel(), done = b.newLabel();
            b.bind(loop);
            b.emit(new LoadExclusive(s, rold, ra));
            if (big) MemLowering.reverse(b, rold, rold, n); // logical old value, zero-extended
            b.emit(new AluRRR(AluOp.SUBS, rs, Zr.ZR, rold, rx));
            b.emit(new CondBr(Cond.NE, done));
            b.emit(new StoreExclusive(s, rst, stored, ra));
            b.emit(new CompareBranch(CbOp.CBNZ, Size.W, rst, loop));
            b.bind(done);
            Seq.mov(b, d, rold, rs);
        });
    }
}
