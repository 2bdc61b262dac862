package dev.a64w.diff;

import dev.a64w.exec.Arg;
import dev.a64w.exec.ExecResult;
import dev.a64w.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The register class a value of an IR type travels in under the Windows ARM64 convention: integers
 * in x0-x7, floats in v0-v7, each class counted on its own. The one place the harness maps types to
 * classes: the run-line judge and the Run check pass arguments and read results through it.
 */
enum ValueClass {
    INT, FLOAT;

    /** The class of {@code t}. Float types join with one case here: {@code case F32, F64 -> FLOAT}. */
    static ValueClass of(Type t) {
        return switch (t) {
            case I8, I16, I32, I64 -> INT;
            case F32, F64 -> FLOAT;
        };
    }

    /** {@code values} as arguments of the given parameter types (a value past the types is an integer). */
    static List<Arg> args(List<Type> params, List<Long> values) {
        List<Arg> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            ValueClass c = i < params.size() ? of(params.get(i)) : INT;
            out.add(switch (c) {
                case INT -> new Arg.Int(values.get(i));
                case FLOAT -> new Arg.Fp(values.get(i));
            });
        }
        return out;
    }

    /** The raw results of the given return types: the k-th integer from x_k, the k-th float from v_k. */
    static List<Long> results(List<Type> returns, ExecResult.Returned r) {
        List<Long> out = new ArrayList<>(returns.size());
        int nx = 0;
        int nv = 0;
        for (Type t : returns) {
            out.add(switch (of(t)) {
                case INT -> nx < 8 ? r.x0to7().get(nx++) : 0L;
                case FLOAT -> nv < 8 ? r.v0to7().get(nv++) : 0L;
            });
        }
        return out;
    }

    /**
     * {@code bits} as the Run check compares a value of type {@code t}: an integer truncated to its
     * width; a float bitwise, except that every NaN becomes the one quiet NaN of its width
     * ({@code 0x7fc00000} / {@code 0x7ff8000000000000}), so NaN payloads and NaN signs never differ
     * while +0 and -0 (and every other pattern) stay distinct. The NaN test is written here from
     * IEEE 754 (exponent all ones, fraction not zero), not taken from the interpreter.
     */
    static long comparable(Type t, long bits) {
        long v = t.zext(bits);
        return switch (of(t)) {
            case INT -> v;
            case FLOAT -> {
                int frac = t.bits() == 32 ? 23 : 52;
                long exp = (t.mask() >>> 1) & ~((1L << frac) - 1);
                boolean nan = (v & exp) == exp && (v & ((1L << frac) - 1)) != 0;
                yield nan ? exp | (1L << (frac - 1)) : v;
            }
        };
    }

    /** A value of type {@code t} as messages show it: an integer signed in decimal, a float as its bits. */
    static String show(Type t, long bits) {
        return switch (of(t)) {
            case INT -> Long.toString(t.sext(bits));
            case FLOAT -> "0x" + Long.toHexString(t.zext(bits)) + " (" + (t.bits() == 32
                    ? Float.toHexString(Float.intBitsToFloat((int) bits)) : Double.toHexString(Double.longBitsToDouble(bits))) + ")";
        };
    }
}
