package dev.a64w.oracle.llvm;

import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;

/**
 * The integer instructions of one function as LLVM IR, written into its {@link FunctionWriter}:
 * unary and binary operations, comparisons and the overflow family, each with CLIF's semantics
 * (wrapping, shift amounts modulo the width, traps on bad division, i8 0/1 flags).
 */
final class ArithWriter {
    private final FunctionWriter w;

    private final FloatWriter floats;

    ArithWriter(FunctionWriter w) {
        this.w = w;
        this.floats = new FloatWriter(w);
    }

    void unary(Inst.Unary x) {
        Type at = w.typeOf(x.arg());
        Type t = x.type();
        String a = w.op(x.arg());
        String ty = IrToLlvm.type(t);
        String aty = IrToLlvm.type(at);
        String r = FunctionWriter.res(x.result());
        switch (x.op()) {
            case INEG -> w.emit(r + " = sub " + ty + " 0, " + a);
            case IABS -> w.emit(r + " = " + intrinsic("abs", t, ty + ", i1 immarg", ty + " " + a + ", i1 false"));
            case BNOT -> w.emit(r + " = xor " + ty + " " + a + ", -1");
            case CLZ -> w.emit(r + " = " + intrinsic("ctlz", t, ty + ", i1 immarg", ty + " " + a + ", i1 false"));
            case CTZ -> w.emit(r + " = " + intrinsic("cttz", t, ty + ", i1 immarg", ty + " " + a + ", i1 false"));
            case POPCNT -> w.emit(r + " = " + intrinsic("ctpop", t, ty, ty + " " + a));
            case CLS -> {
                // leading bits equal to the sign bit, not counting it: ctlz(x ^ (x >>s 1)) - 1
                String s = w.tmp();
                String d = w.tmp();
                String c = w.tmp();
                w.emit(s + " = ashr " + ty + " " + a + ", 1");
                w.emit(d + " = xor " + ty + " " + a + ", " + s);
                w.emit(c + " = " + intrinsic("ctlz", t, ty + ", i1 immarg", ty + " " + d + ", i1 false"));
                w.emit(r + " = sub " + ty + " " + c + ", 1");
            }
            case BSWAP -> {
                if (t != Type.I8) { // i8: the same value (an operand alias)
                    w.emit(r + " = " + intrinsic("bswap", t, ty, ty + " " + a));
                }
            }
            case BITREV -> w.emit(r + " = " + intrinsic("bitreverse", t, ty, ty + " " + a));
            case UEXTEND, SEXTEND -> {
                if (at.bits() > t.bits()) {
                    throw w.malformed(x.op().clif + " from " + at + " to the narrower " + t);
                }
                if (at.bits() < t.bits()) {
                    w.emit(r + " = " + (x.op() == dev.a64w.ir.Opcodes.UnaryOp.UEXTEND ? "zext " : "sext ") + aty + " "
                            + a + " to " + ty);
                }
            }
            case IREDUCE -> {
                if (at.bits() < t.bits()) {
                    throw w.malformed("ireduce from " + at + " to the wider " + t);
                }
                if (at.bits() > t.bits()) {
                    w.emit(r + " = trunc " + aty + " " + a + " to " + ty);
                }
            }
            case BMASK -> {
                String c = w.tmp();
                w.emit(c + " = icmp ne " + aty + " " + a + ", 0");
                w.emit(r + " = sext i1 " + c + " to " + ty);
            }
            case BITCAST -> {
                // same-type bitcasts are operand aliases (FunctionWriter.collectValues): nothing to emit
                if (at != t) floats.bitcast(at, t, a, r); // int <-> float of one width
            }
        }
    }

    /** {@code result = a op b}; {@code b} has type {@code bt} (it differs from {@code t} only for shifts). */
    void binary(BinaryOp op, Value result, Type t, String a, Type bt, String b) {
        String ty = IrToLlvm.type(t);
        String r = FunctionWriter.res(result);
        switch (op) {
            case IADD -> w.emit(r + " = add " + ty + " " + a + ", " + b);
            case ISUB -> w.emit(r + " = sub " + ty + " " + a + ", " + b);
            case IMUL -> w.emit(r + " = mul " + ty + " " + a + ", " + b);
            case BAND -> w.emit(r + " = and " + ty + " " + a + ", " + b);
            case BOR -> w.emit(r + " = or " + ty + " " + a + ", " + b);
            case BXOR -> w.emit(r + " = xor " + ty + " " + a + ", " + b);
            case BAND_NOT, BOR_NOT, BXOR_NOT -> {
                String n = w.tmp();
                w.emit(n + " = xor " + ty + " " + b + ", -1");
                String base = op == BinaryOp.BAND_NOT ? "and" : op == BinaryOp.BOR_NOT ? "or" : "xor";
                w.emit(r + " = " + base + " " + ty + " " + a + ", " + n);
            }
            case UMULHI, SMULHI -> {
                String wide = "i" + 2 * t.bits();
                String ext = op == BinaryOp.UMULHI ? "zext " : "sext ";
                String ea = w.tmp();
                String eb = w.tmp();
                String m = w.tmp();
                String h = w.tmp();
                w.emit(ea + " = " + ext + ty + " " + a + " to " + wide);
                w.emit(eb + " = " + ext + ty + " " + b + " to " + wide);
                w.emit(m + " = mul " + wide + " " + ea + ", " + eb);
                w.emit(h + " = lshr " + wide + " " + m + ", " + t.bits());
                w.emit(r + " = trunc " + wide + " " + h + " to " + ty);
            }
            case UDIV, UREM -> {
                trapIfZero(ty, b);
                w.emit(r + " = " + (op == BinaryOp.UDIV ? "udiv " : "urem ") + ty + " " + a + ", " + b);
            }
            case SDIV -> {
                trapIfZero(ty, b);
                String isMin = w.tmp();
                String isM1 = w.tmp();
                String both = w.tmp();
                w.emit(isMin + " = icmp eq " + ty + " " + a + ", " + t.sext(1L << (t.bits() - 1)));
                w.emit(isM1 + " = icmp eq " + ty + " " + b + ", -1");
                w.emit(both + " = and i1 " + isMin + ", " + isM1);
                w.trapIf(both, TrapCode.INT_OVF);
                w.emit(r + " = sdiv " + ty + " " + a + ", " + b);
            }
            case SREM -> {
                // CLIF: x srem -1 is 0 (also for INT_MIN, where LLVM's srem is undefined): divide by 1 instead
                trapIfZero(ty, b);
                String isM1 = w.tmp();
                String d = w.tmp();
                w.emit(isM1 + " = icmp eq " + ty + " " + b + ", -1");
                w.emit(d + " = select i1 " + isM1 + ", " + ty + " 1, " + ty + " " + b);
                w.emit(r + " = srem " + ty + " " + a + ", " + d);
            }
            case ISHL, USHR, SSHR -> {
                String amount = convert(bt, t, b);
                String masked = w.tmp();
                w.emit(masked + " = and " + ty + " " + amount + ", " + (t.bits() - 1));
                String inst = op == BinaryOp.ISHL ? "shl " : op == BinaryOp.USHR ? "lshr " : "ashr ";
                w.emit(r + " = " + inst + ty + " " + a + ", " + masked);
            }
            case ROTL, ROTR -> {
                // funnel shifts take the amount modulo the width themselves
                String amount = convert(bt, t, b);
                w.emit(r + " = " + intrinsic(op == BinaryOp.ROTL ? "fshl" : "fshr", t, ty + ", " + ty + ", " + ty,
                        ty + " " + a + ", " + ty + " " + a + ", " + ty + " " + amount));
            }
            case SMIN, SMAX, UMIN, UMAX -> w.emit(r + " = " + intrinsic(op.clif, t, ty + ", " + ty,
                    ty + " " + a + ", " + ty + " " + b));
        }
    }

    void binaryImm(Inst.BinaryImm x) {
        Type t = x.type();
        String a = w.op(x.a());
        String imm = Long.toString(t.sext(x.imm()));
        switch (x.op()) {
            case IRSUB_IMM -> w.emit(FunctionWriter.res(x.result()) + " = sub " + IrToLlvm.type(t) + " " + imm + ", " + a);
            default -> binary(x.op().base, x.result(), t, a, t, imm);
        }
    }

    void icmp(IntCC cc, Value result, Type t, String a, String b) {
        String c = w.tmp();
        w.emit(c + " = icmp " + cc.clif() + " " + IrToLlvm.type(t) + " " + a + ", " + b);
        w.emit(FunctionWriter.res(result) + " = zext i1 " + c + " to i8");
    }

    void overflow(Inst.Overflow x) {
        String pair = withOverflow(x.op(), x.type(), w.op(x.a()), w.op(x.b()));
        String agg = "{ " + IrToLlvm.type(x.type()) + ", i1 }";
        String o = w.tmp();
        w.emit(FunctionWriter.res(x.result()) + " = extractvalue " + agg + " " + pair + ", 0");
        w.emit(o + " = extractvalue " + agg + " " + pair + ", 1");
        w.emit(FunctionWriter.res(x.overflow()) + " = zext i1 " + o + " to i8");
    }

    /**
     * Carry-in/borrow-in arithmetic as two overflow intrinsics: {@code (a op b) op zext(c != 0)};
     * the flags are xor-ed: for the unsigned forms at most one can be set, for the signed forms both
     * are set exactly when the second step brings an overflowed sum back into range.
     */
    void carry(Inst.OverflowCarry x) {
        String ty = IrToLlvm.type(x.type());
        String agg = "{ " + ty + ", i1 }";
        OverflowOp step = switch (x.op()) {
            case SADD_CIN -> OverflowOp.SADD;
            case UADD_CIN -> OverflowOp.UADD;
            case SSUB_BIN -> OverflowOp.SSUB;
            case USUB_BIN -> OverflowOp.USUB;
        };
        String nz = w.nonZero(x.carry());
        String c = w.tmp();
        w.emit(c + " = zext i1 " + nz + " to " + ty);
        String p1 = withOverflow(step, x.type(), w.op(x.a()), w.op(x.b()));
        String s1 = w.tmp(), o1 = w.tmp(), o2 = w.tmp(), of = w.tmp();
        w.emit(s1 + " = extractvalue " + agg + " " + p1 + ", 0");
        w.emit(o1 + " = extractvalue " + agg + " " + p1 + ", 1");
        String p2 = withOverflow(step, x.type(), s1, c);
        w.emit(FunctionWriter.res(x.result()) + " = extractvalue " + agg + " " + p2 + ", 0");
        w.emit(o2 + " = extractvalue " + agg + " " + p2 + ", 1");
        w.emit(of + " = xor i1 " + o1 + ", " + o2);
        w.emit(FunctionWriter.res(x.overflow()) + " = zext i1 " + of + " to i8");
    }

    /** {@code (c & x) | (~c & y)}. */
    void bitselect(Inst.Select x) {
        String ty = IrToLlvm.type(x.type());
        String c = w.op(x.cond()), t1 = w.tmp(), nc = w.tmp(), t2 = w.tmp();
        w.emit(t1 + " = and " + ty + " " + w.op(x.ifTrue()) + ", " + c);
        w.emit(nc + " = xor " + ty + " " + c + ", -1");
        w.emit(t2 + " = and " + ty + " " + w.op(x.ifFalse()) + ", " + nc);
        w.emit(FunctionWriter.res(x.result()) + " = or " + ty + " " + t1 + ", " + t2);
    }

    void overflowTrap(Inst.OverflowTrap x) {
        String pair = withOverflow(OverflowOp.UADD, x.type(), w.op(x.a()), w.op(x.b()));
        String agg = "{ " + IrToLlvm.type(x.type()) + ", i1 }";
        String o = w.tmp();
        w.emit(o + " = extractvalue " + agg + " " + pair + ", 1");
        w.trapIf(o, x.code());
        w.emit(FunctionWriter.res(x.result()) + " = extractvalue " + agg + " " + pair + ", 0");
    }

    /** Calls {@code llvm.<op>.with.overflow.iN}; returns the {@code { iN, i1 }} pair. */
    private String withOverflow(OverflowOp op, Type t, String a, String b) {
        String ty = IrToLlvm.type(t);
        String base = switch (op) {
            case UADD -> "uadd";
            case SADD -> "sadd";
            case USUB -> "usub";
            case SSUB -> "ssub";
            case UMUL -> "umul";
            case SMUL -> "smul";
        };
        String name = "@llvm." + base + ".with.overflow." + ty;
        String agg = "{ " + ty + ", i1 }";
        w.intrinsic("declare " + agg + " " + name + "(" + ty + ", " + ty + ")");
        String pair = w.tmp();
        w.emit(pair + " = call " + agg + " " + name + "(" + ty + " " + a + ", " + ty + " " + b + ")");
        return pair;
    }

    private void trapIfZero(String ty, String divisor) {
        String z = w.tmp();
        w.emit(z + " = icmp eq " + ty + " " + divisor + ", 0");
        w.trapIf(z, TrapCode.INT_DIVZ);
    }

    /** {@code v} of type {@code from} as type {@code to}: zero-extended or truncated (shift amounts). */
    private String convert(Type from, Type to, String v) {
        if (from.bits() == to.bits()) {
            return v;
        }
        String r = w.tmp();
        w.emit(r + " = " + (from.bits() < to.bits() ? "zext " : "trunc ") + IrToLlvm.type(from) + " " + v + " to "
                + IrToLlvm.type(to));
        return r;
    }

    /** A call of the overloaded intrinsic {@code llvm.<base>.<iN>} (declared once per module). */
    private String intrinsic(String base, Type t, String declParams, String callArgs) {
        String ty = IrToLlvm.type(t);
        String name = "@llvm." + base + "." + ty;
        w.intrinsic("declare " + ty + " " + name + "(" + declParams + ")");
        return "call " + ty + " " + name + "(" + callArgs + ")";
    }
}
