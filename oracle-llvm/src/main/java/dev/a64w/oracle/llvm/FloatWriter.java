package dev.a64w.oracle.llvm;

import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;

/**
 * The float instructions of one function as LLVM IR, written into its {@link FunctionWriter}, with
 * Cranelift's semantics:
 * <ul>
 *   <li>constants are {@code bitcast}s of their raw bits (exact for every NaN payload, signalling
 *       ones included; LLVM's hex float literal for {@code float} goes through a double);</li>
 *   <li>{@code fmin}/{@code fmax} are {@code llvm.minimum}/{@code llvm.maximum} (NaN-propagating,
 *       -0 &lt; +0), {@code nearest} is {@code llvm.roundeven}, {@code fma} is {@code llvm.fma}
 *       (one rounding), {@code fneg} is the {@code fneg} instruction (a sign flip);</li>
 *   <li>{@code fcmp} maps ordered conditions to LLVM's {@code o..} predicates and unordered ones to
 *       {@code u..} ({@code ne} is {@code une}), the result zero-extended to an i8 0/1;</li>
 *   <li>{@code fcvt_to_sint}/{@code fcvt_to_uint} test the operand first, as Cranelift's lowering
 *       does: NaN branches to the {@code bad_toint} trap block, a value whose truncation is out of
 *       range to the {@code int_ovf} one (the same {@code llvm.aarch64.break} blocks as integer
 *       division), so the {@code fptosi}/{@code fptoui} that follows never sees a poison input; the
 *       {@code _sat} forms are {@code llvm.fptosi.sat}/{@code llvm.fptoui.sat}.</li>
 * </ul>
 * NaN payloads: LLVM may constant-fold an operation on a NaN to a NaN with another payload than
 * AArch64 computes; the Run check compares floats after NaN canonicalization, so that is no finding.
 */
final class FloatWriter {
    private final FunctionWriter w;

    FloatWriter(FunctionWriter w) {
        this.w = w;
    }

    /** LLVM spelling of a float type. */
    static String type(Type t) {
        return t == Type.F32 ? "float" : "double";
    }

    /** The integer type of the same width as float type {@code t}. */
    private static String bitsType(Type t) {
        return "i" + t.bits();
    }

    void constant(Inst.Fconst x) {
        w.emit(FunctionWriter.res(x.result()) + " = bitcast " + bitsType(x.type()) + " " + x.type().sext(x.bits()) + " to "
                + type(x.type()));
    }

    void unary(Inst.FUnary x) {
        String ty = type(x.type());
        String a = ty + " " + w.op(x.arg());
        String r = FunctionWriter.res(x.result());
        switch (x.op()) {
            case FNEG -> w.emit(r + " = fneg " + a);
            case SQRT -> w.emit(r + " = " + call("sqrt", x.type(), 1, a));
            case FABS -> w.emit(r + " = " + call("fabs", x.type(), 1, a));
            case CEIL -> w.emit(r + " = " + call("ceil", x.type(), 1, a));
            case FLOOR -> w.emit(r + " = " + call("floor", x.type(), 1, a));
            case TRUNC -> w.emit(r + " = " + call("trunc", x.type(), 1, a));
            case NEAREST -> w.emit(r + " = " + call("roundeven", x.type(), 1, a));
        }
    }

    void binary(Inst.FBinary x) {
        String ty = type(x.type());
        String a = w.op(x.a());
        String b = w.op(x.b());
        String r = FunctionWriter.res(x.result());
        String args = ty + " " + a + ", " + ty + " " + b;
        switch (x.op()) {
            case FADD -> w.emit(r + " = fadd " + ty + " " + a + ", " + b);
            case FSUB -> w.emit(r + " = fsub " + ty + " " + a + ", " + b);
            case FMUL -> w.emit(r + " = fmul " + ty + " " + a + ", " + b);
            case FDIV -> w.emit(r + " = fdiv " + ty + " " + a + ", " + b);
            case FCOPYSIGN -> w.emit(r + " = " + call("copysign", x.type(), 2, args));
            case FMIN -> w.emit(r + " = " + call("minimum", x.type(), 2, args));
            case FMAX -> w.emit(r + " = " + call("maximum", x.type(), 2, args));
        }
    }

    void fma(Inst.Fma x) {
        String ty = type(x.type());
        w.emit(FunctionWriter.res(x.result()) + " = " + call("fma", x.type(), 3,
                ty + " " + w.op(x.a()) + ", " + ty + " " + w.op(x.b()) + ", " + ty + " " + w.op(x.c())));
    }

    /** The LLVM {@code fcmp} predicate of a CLIF float condition. */
    static String predicate(FloatCC cc) {
        return switch (cc) {
            case EQ -> "oeq";
            case NE -> "une";
            case LT -> "olt";
            case LE -> "ole";
            case GT -> "ogt";
            case GE -> "oge";
            case ORD -> "ord";
            case UNO -> "uno";
            case ONE -> "one";
            case UEQ -> "ueq";
            case ULT -> "ult";
            case ULE -> "ule";
            case UGT -> "ugt";
            case UGE -> "uge";
        };
    }

    void compare(Inst.Fcmp x) {
        Type t = w.typeOf(x.a());
        String c = w.tmp();
        w.emit(c + " = fcmp " + predicate(x.cc()) + " " + type(t) + " " + w.op(x.a()) + ", " + w.op(x.b()));
        w.emit(FunctionWriter.res(x.result()) + " = zext i1 " + c + " to i8");
    }

    void convert(Inst.FConv x) {
        Type from = w.typeOf(x.arg());
        Type to = x.type();
        String a = w.op(x.arg());
        String r = FunctionWriter.res(x.result());
        switch (x.op()) {
            case FCVT_TO_SINT, FCVT_TO_UINT -> {
                boolean signed = x.op() == FConvOp.FCVT_TO_SINT;
                checkedRange(from, to, a, signed);
                w.emit(r + " = " + (signed ? "fptosi " : "fptoui ") + type(from) + " " + a + " to " + IrToLlvm.type(to));
            }
            case FCVT_TO_SINT_SAT, FCVT_TO_UINT_SAT -> {
                String base = x.op() == FConvOp.FCVT_TO_SINT_SAT ? "fptosi.sat" : "fptoui.sat";
                String ity = IrToLlvm.type(to);
                String name = "@llvm." + base + "." + ity + "." + suffix(from);
                w.intrinsic("declare " + ity + " " + name + "(" + type(from) + ")");
                w.emit(r + " = call " + ity + " " + name + "(" + type(from) + " " + a + ")");
            }
            case FCVT_FROM_SINT -> w.emit(r + " = sitofp " + IrToLlvm.type(from) + " " + a + " to " + type(to));
            case FCVT_FROM_UINT -> w.emit(r + " = uitofp " + IrToLlvm.type(from) + " " + a + " to " + type(to));
            case FPROMOTE -> {
                if (from != Type.F32 || to != Type.F64) throw w.malformed("fpromote from " + from + " to " + to);
                w.emit(r + " = fpext float " + a + " to double");
            }
            case FDEMOTE -> {
                if (from != Type.F64 || to != Type.F32) throw w.malformed("fdemote from " + from + " to " + to);
                w.emit(r + " = fptrunc double " + a + " to float");
            }
        }
    }

    /** {@code bitcast} between an integer and a float of the same width. */
    void bitcast(Type from, Type to, String a, String r) {
        if (from.bits() != to.bits()) throw w.malformed("bitcast from " + from + " to " + to + " (widths differ)");
        String fty = from.isFloat() ? type(from) : IrToLlvm.type(from);
        String tty = to.isFloat() ? type(to) : IrToLlvm.type(to);
        w.emit(r + " = bitcast " + fty + " " + a + " to " + tty);
    }

    /**
     * Traps {@code bad_toint} when {@code a} is NaN and {@code int_ovf} when its truncation does not
     * fit the integer type {@code to}. The bounds are compared in double (an f32 is widened exactly):
     * valid is {@code lo - 1 < a < hi} with lo/hi the type's range ends (hi exclusive, a power of two);
     * for 64-bit signed, lo - 1 is not a double and the next double up is lo, so the test is {@code a >= lo}.
     */
    private void checkedRange(Type from, Type to, String a, boolean signed) {
        String fty = type(from);
        String nan = w.tmp();
        w.emit(nan + " = fcmp uno " + fty + " " + a + ", " + a);
        w.trapIf(nan, TrapCode.BAD_TOINT);
        String d = a;
        if (from == Type.F32) {
            d = w.tmp();
            w.emit(d + " = fpext float " + a + " to double");
        }
        int bits = to.bits();
        double hi = Math.scalb(1.0, signed ? bits - 1 : bits);
        String low = w.tmp();
        if (signed && bits == 64) {
            w.emit(low + " = fcmp olt double " + d + ", " + hex(-0x1p63));
        } else {
            double loMinus1 = signed ? -Math.scalb(1.0, bits - 1) - 1 : -1.0;
            w.emit(low + " = fcmp ole double " + d + ", " + hex(loMinus1));
        }
        String high = w.tmp();
        w.emit(high + " = fcmp oge double " + d + ", " + hex(hi));
        String out = w.tmp();
        w.emit(out + " = or i1 " + low + ", " + high);
        w.trapIf(out, TrapCode.INT_OVF);
    }

    /** A double literal by its exact bits. */
    static String hex(double v) {
        return String.format("0x%016X", Double.doubleToRawLongBits(v));
    }

    private static String suffix(Type t) {
        return t == Type.F32 ? "f32" : "f64";
    }

    /** A call of the overloaded intrinsic {@code llvm.<base>.f32/f64} with {@code n} operands of type {@code t}. */
    private String call(String base, Type t, int n, String args) {
        String ty = type(t);
        String name = "@llvm." + base + "." + suffix(t);
        w.intrinsic("declare " + ty + " " + name + "(" + String.join(", ", java.util.Collections.nCopies(n, ty)) + ")");
        return "call " + ty + " " + name + "(" + args + ")";
    }
}
