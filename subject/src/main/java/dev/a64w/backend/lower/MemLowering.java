package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Addressing;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.Sym;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.Step;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory and address instructions: loads and stores of every width at any offset (scaled unsigned
 * imm12, unscaled imm9, or a register offset), stack slots (SP-relative), and symbol and function
 * addresses (ADRP+ADD, or ADRP+LDR of the {@code __imp_} slot for imports; offsets of 2^20 or more
 * are added separately, as LLVM does).
 */
final class MemLowering {
    private MemLowering() {}

    static LdStOp loadOp(int bytes, boolean signed, Type t) {
        return switch (bytes) {
            case 1 -> signed ? (t == Type.I64 ? LdStOp.LDRSBX : LdStOp.LDRSBW) : LdStOp.LDRB;
            case 2 -> signed ? (t == Type.I64 ? LdStOp.LDRSHX : LdStOp.LDRSHW) : LdStOp.LDRH;
            case 4 -> signed && t == Type.I64 ? LdStOp.LDRSW : LdStOp.LDRW;
            default -> LdStOp.LDRX;
        };
    }

    static LdStOp storeOp(int bytes) {
        return switch (bytes) {
            case 1 -> LdStOp.STRB;
            case 2 -> LdStOp.STRH;
            case 4 -> LdStOp.STRW;
            default -> LdStOp.STRX;
        };
    }

    /** Whether [base, #off] encodes directly for this access. */
    static boolean direct(LdStOp op, long off) {
        int n = op.bytes();
        return (off >= 0 && off % n == 0 && off / n <= 0xfff) || (off >= -256 && off <= 255);
    }


    private static void checkAddr(LowerCtx c, Type t) {
        if (t != Type.I64) throw c.unsupported("memory address of type " + t + " (addresses are i64)");
    }

    static void load(LowerCtx c, Inst.Load x) {
        checkAddr(c, c.type(x.addr()));
        VReg d = c.v(x.result()), a = c.v(x.addr());
        int n = x.op().bytes(x.type());
        if (x.op() != LoadOp.LOAD && n >= x.type().bytes()) throw c.unsupported(x.op().clif + "." + x.type() + " (access not narrower than the result)");
        boolean big = x.flags().big() && n > 1;
        // big-endian: load the bytes zero-extended, reverse them, then sign-extend if asked
        LdStOp op = loadOp(n, x.op().signed && !big, x.type());
        long off = x.offset();
        Size ext = x.type() == Type.I64 ? Size.X : Size.W;
        boolean signed = big && x.op().signed;
        if (direct(op, off)) {
            c.op(List.of(d), List.of(a), b -> {
                Addressing.access(b, op, d, a, off, null);
                if (big) fromBig(b, d, n, signed, ext);
            });
        } else {
            VReg t = c.temp();
            c.op(List.of(d), List.of(a), List.of(t), b -> {
                Addressing.access(b, op, d, a, off, t);
                if (big) fromBig(b, d, n, signed, ext);
            });
        }
    }

    /** {@code r} holds n (2, 4 or 8) bytes loaded zero-extended in big-endian order: reverse them in place, then sign-extend to {@code ext} if {@code signed}. */
    static void fromBig(InstSink b, Reg r, int n, boolean signed, Size ext) {
        reverse(b, r, r, n);
        if (signed && n < 8) b.emit(new BitfieldMove(BfOp.SBFM, ext, r, r, 0, 8 * n - 1));
    }

    /** rd = the low n (2, 4 or 8) bytes of rn in reverse order (REV16 / REV w / REV x). */
    static void reverse(InstSink b, Reg rd, Reg rn, int n) {
        switch (n) {
            case 2 -> b.emit(new DataProc1(Dp1Op.REV16, Size.W, rd, rn));
            case 4 -> b.emit(new DataProc1(Dp1Op.REV, Size.W, rd, rn));
            case 8 -> b.emit(new DataProc1(Dp1Op.REV, Size.X, rd, rn));
            default -> throw new IllegalArgumentException("byte reversal of " + n + " bytes");
        }
    }

    static void store(LowerCtx c, Inst.Store x) {
        checkAddr(c, c.type(x.addr()));
        VReg v = c.v(x.value()), a = c.v(x.addr());
        int n = x.op().bytes(c.type(x.value()));
        LdStOp op = storeOp(n);
        long off = x.offset();
        if (x.flags().big() && n > 1) {
            // big-endian: reverse the stored bytes into a temporary, store that
            VReg r = c.temp(), t = c.temp();
            c.op(List.of(), List.of(v, a), List.of(r, t), b -> {
                reverse(b, r, v, n);
                Addressing.access(b, op, r, a, off, t);
            });
        } else if (direct(op, off)) {
            c.op(List.of(), List.of(v, a), b -> Addressing.access(b, op, v, a, off, null));
        } else {
            VReg t = c.temp();
            c.op(List.of(), List.of(v, a), List.of(t), b -> Addressing.access(b, op, v, a, off, t));
        }
    }

    static void stackLoad(LowerCtx c, Inst.StackLoad x) {
        slot(c, x.slot());
        VReg d = c.v(x.result()), t = c.temp();
        LdStOp op = loadOp(x.type().bytes(), false, x.type());
        c.op(List.of(d), List.of(), List.of(t), b -> b.add(new Step.SlotAccess(op, d, x.slot(), x.offset(), t)));
    }

    static void stackStore(LowerCtx c, Inst.StackStore x) {
        slot(c, x.slot());
        VReg v = c.v(x.value()), t = c.temp();
        LdStOp op = storeOp(c.type(x.value()).bytes());
        c.op(List.of(), List.of(v), List.of(t), b -> b.add(new Step.SlotAccess(op, v, x.slot(), x.offset(), t)));
    }

    private static void slot(LowerCtx c, int id) {
        if (c.f.slot(id).isEmpty()) throw c.unsupported("undeclared stack slot ss" + id);
    }

    static void stackAddr(LowerCtx c, Inst.StackAddr x) {
        slot(c, x.slot());
        if (x.type() != Type.I64) throw c.unsupported("stack_addr." + x.type() + " (addresses are i64)");
        VReg d = c.v(x.result());
        c.op(List.of(d), List.of(), b -> b.add(new Step.SlotAddress(d, x.slot(), x.offset())));
    }


    static void getStackPointer(LowerCtx c, Inst.GetStackPointer x) {
        if (x.type() != Type.I64) throw c.unsupported("get_stack_pointer." + x.type());
        VReg d = c.v(x.result());
        c.op(List.of(d), List.of(), b -> b.emit(new AluRRImm12(AddSubOp.ADD, Size.X, d, Sp.SP, new Imm12(0, false))));
    }

    static void symbolValue(LowerCtx c, Inst.SymbolValue x) {
        GlobalValue gv = c.f.global(x.globalValue()).orElseThrow(() -> c.unsupported("undeclared global value gv" + x.globalValue()));
        if (x.type() != Type.I64) throw c.unsupported("symbol_value." + x.type() + " (addresses are i64)");
        address(c, c.v(x.result()), gv.symbol(), gv.offset());
    }

    static void funcAddr(LowerCtx c, Inst.FuncAddr x) {
        FuncDecl d = c.f.func(x.func()).orElseThrow(() -> c.unsupported("undeclared function fn" + x.func()));
        if (x.type() != Type.I64) throw c.unsupported("func_addr." + x.type() + " (addresses are i64)");
        address(c, c.v(x.result()), d.name(), 0);
    }

    /** rd = &symbol + offset, through the import slot when the symbol is an import. */
    private static void address(LowerCtx c, VReg d, String symbol, long offset) {
        boolean imported = c.module.importOf(symbol).isPresent();
        boolean fold = !imported && offset > -(1L << 20) && offset < (1L << 20);
        long rest = fold ? 0 : offset;
        List<VReg> temps = new ArrayList<>();
        boolean restImm = rest == 0 || Imm12.tryFrom(Math.abs(rest)).isPresent() && rest != Long.MIN_VALUE;
        VReg t = restImm ? null : c.temp();
        if (t != null) temps.add(t);
        c.op(List.of(d), List.of(), temps, b -> {
            Reg rd = d;
            if (imported) {
                Sym slot = Sym.of("__imp_" + symbol);
                b.emit(new Adrp(rd, slot));
                b.emit(new LdStLo12(LdStOp.LDRX, rd, rd, slot));
            } else {
                Sym s = new Sym(symbol, fold ? offset : 0);
                b.emit(new Adrp(rd, s));
                b.emit(new AddLo12(rd, rd, s));
            }
            if (rest != 0) {
                if (t == null) {
                    b.emit(new AluRRImm12(rest > 0 ? AddSubOp.ADD : AddSubOp.SUB, Size.X, rd, rd, Imm12.tryFrom(Math.abs(rest)).orElseThrow()));
                } else {
                    Seq.movImm(b, t, rest, Size.X);
                    b.emit(new AluRRR(AluOp.ADD, Size.X, rd, rd, t));
                }
            }
        });
    }
}
