package dev.a64w.ir.text;

import dev.a64w.ir.Type;
import java.math.BigInteger;

/**
 * Float literals as Cranelift writes and reads them ({@code Ieee32}/{@code Ieee64} in
 * cranelift-codegen's {@code immediates.rs}, {@code format_float}/{@code parse_float}), as raw IEEE
 * bits (f32 zero-extended in a {@code long}).
 *
 * <p>Read: an optional sign, then {@code 0x} hex digits with an optional radix point and a
 * {@code p}-exponent in decimal ({@code 0x1.8p3}, {@code 0x8.1}, {@code -0x0.0}, {@code 0x1.0p-149}),
 * which must be exactly representable (as in Cranelift: no rounding, subnormals included);
 * {@code Inf}, {@code NaN} (the default quiet NaN), {@code NaN:0x<payload>} (quiet, payload below
 * the quiet bit) and {@code sNaN:0x<payload>} (signalling, payload nonzero). The only decimal is
 * {@code 0.0} (with its sign), as in Cranelift: {@code 1.5} is an error that shows the hex
 * spelling.
 *
 * <p>Write: Cranelift's {@code format_float}: {@code 0.0}/{@code -0.0}, {@code 0x1.<t>p<e>} with
 * all trailing-significand digits, subnormals as {@code 0x0.<t>p-126} / {@code p-1022},
 * {@code +Inf}/{@code -Inf}, {@code +NaN}, {@code +NaN:0x<payload>}, {@code +sNaN:0x<payload>}.
 */
public final class FloatLiterals {
    private FloatLiterals() {}

    /** Exponent width and trailing significand width of a float type. */
    private record Format(int w, int t) {
        static Format of(Type type) {
            return switch (type) {
                case F32 -> new Format(8, 23);
                case F64 -> new Format(11, 52);
                default -> throw new IllegalArgumentException("not a float type: " + type);
            };
        }
    }

    /** The raw bits of {@code text} as a {@code type} value; the message says what is wrong. */
    public static long parse(String text, Type type) throws NumberFormatException {
        Format fmt = Format.of(type);
        int w = fmt.w, t = fmt.t;
        long sign = 0;
        String s = text;
        if (s.startsWith("-")) {
            sign = 1L << (t + w);
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        long maxE = ((1L << w) - 1) << t;
        long quiet = 1L << (t - 1);
        if (!s.startsWith("0x")) {
            if (s.equals("Inf")) return sign | maxE;
            if (s.equals("NaN")) return sign | maxE | quiet;
            if (s.startsWith("NaN:0x")) {
                BigInteger p = payload(s.substring(6));
                if (p.compareTo(BigInteger.valueOf(quiet)) >= 0) throw new NumberFormatException("invalid NaN payload in '" + text + "'");
                return sign | maxE | quiet | p.longValue();
            }
            if (s.startsWith("sNaN:0x")) {
                BigInteger p = payload(s.substring(7));
                if (p.signum() == 0 || p.compareTo(BigInteger.valueOf(quiet)) >= 0) {
                    throw new NumberFormatException("invalid sNaN payload in '" + text + "'");
                }
                return sign | maxE | p.longValue();
            }
            if (s.equals("0.0")) return sign;
            throw new NumberFormatException(decimalMessage(s, type, text));
        }
        return sign | hex(s.substring(2), w, t, text);
    }

    private static BigInteger payload(String hex) {
        String h = hex.replace("_", "");
        if (h.isEmpty() || h.length() > 16 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new NumberFormatException("invalid NaN payload '" + hex + "'");
        }
        return new BigInteger(h, 16);
    }

    /** Why a non-hex literal other than 0.0, Inf and NaN is refused; for a decimal number, the hex spelling of its nearest value. */
    private static String decimalMessage(String s, Type type, String text) {
        if (!s.matches("[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?")) return "malformed float '" + text + "'";
        long bits = type == Type.F32 ? Integer.toUnsignedLong(Float.floatToRawIntBits(Float.parseFloat(text))) : Double.doubleToRawLongBits(Double.parseDouble(text));
        return "float '" + text + "' must be hexadecimal (only 0.0 may be decimal, as in Cranelift): nearest is " + format(bits, type);
    }

    private static long hex(String s3, int w, int t, String text) {
        int digits = 0;
        int before = -1;
        BigInteger significand = BigInteger.ZERO;
        int exponent = 0;
        for (int i = 0; i < s3.length(); i++) {
            char ch = s3.charAt(i);
            if (ch == '_') continue;
            if (ch == '.') {
                if (before >= 0) throw new NumberFormatException("multiple radix points in '" + text + "'");
                before = digits;
            } else if (ch == 'p' || ch == 'P') {
                String e = s3.substring(i + 1);
                try {
                    int v = Integer.parseInt(e.startsWith("+") ? e.substring(1) : e);
                    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) throw new NumberFormatException();
                    exponent = v;
                } catch (NumberFormatException x) {
                    throw new NumberFormatException("bad exponent in '" + text + "'");
                }
                break;
            } else {
                int d = Character.digit(ch, 16);
                if (d < 0) throw new NumberFormatException("invalid character '" + ch + "' in '" + text + "'");
                if (++digits > 32) throw new NumberFormatException("too many digits in '" + text + "'");
                significand = significand.shiftLeft(4).or(BigInteger.valueOf(d));
            }
        }
        if (digits == 0) throw new NumberFormatException("no digits in '" + text + "'");
        if (significand.signum() == 0) return 0;
        if (before >= 0) exponent -= 4 * (digits - before);
        int bits = significand.bitLength();
        if (bits > t + 1) {
            int adjust = bits - (t + 1);
            if (significand.getLowestSetBit() < adjust) throw new NumberFormatException("too many significant bits in '" + text + "'");
            significand = significand.shiftRight(adjust);
            exponent += adjust;
        } else {
            int adjust = t + 1 - bits;
            significand = significand.shiftLeft(adjust);
            exponent -= adjust;
        }
        long sig = significand.longValue();
        long tBits = sig & ((1L << t) - 1);
        int maxExp = (1 << w) - 2;
        int bias = (1 << (w - 1)) - 1;
        exponent += bias + t;
        if (exponent > maxExp) throw new NumberFormatException("magnitude too large: '" + text + "'");
        if (exponent > 0) return ((long) exponent << t) | tBits;
        if (1 - exponent <= t) {
            int adjust = 1 - exponent;
            if ((sig & ((1L << adjust) - 1)) != 0) throw new NumberFormatException("subnormal underflow: '" + text + "'");
            return sig >>> adjust;
        }
        throw new NumberFormatException("magnitude too small: '" + text + "'");
    }

    /** Cranelift's text for the {@code type} value with raw bits {@code bits}. */
    public static String format(long bits, Type type) {
        Format fmt = Format.of(type);
        int w = fmt.w, t = fmt.t;
        long maxE = (1L << w) - 1;
        long tBits = bits & ((1L << t) - 1);
        long eBits = (bits >>> t) & maxE;
        boolean negative = ((bits >>> (w + t)) & 1) != 0;
        int bias = (1 << (w - 1)) - 1;
        int digits = (t + 3) / 4;
        long left = tBits << (4 * digits - t);
        String frac = String.format("%0" + digits + "x", left);
        StringBuilder sb = new StringBuilder(negative ? "-" : "");
        if (eBits == 0) {
            if (tBits == 0) return sb.append("0.0").toString();
            return sb.append("0x0.").append(frac).append('p').append(1 - bias).toString();
        }
        if (eBits == maxE) {
            if (!negative) sb.append('+');
            if (tBits == 0) return sb.append("Inf").toString();
            long payload = tBits & ((1L << (t - 1)) - 1);
            if ((tBits & (1L << (t - 1))) != 0) {
                return payload != 0 ? sb.append("NaN:0x").append(Long.toHexString(payload)).toString() : sb.append("NaN").toString();
            }
            return sb.append("sNaN:0x").append(Long.toHexString(payload)).toString();
        }
        return sb.append("0x1.").append(frac).append('p').append(eBits - bias).toString();
    }

    /** The text of a number of any type: {@link #format} for floats, {@link Numbers#imm} for integers. */
    public static String value(long bits, Type type) {
        return type.isFloat() ? format(bits, type) : Numbers.imm(bits);
    }
}
