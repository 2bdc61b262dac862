package dev.a64w.ir.text;

import java.math.BigInteger;

/** Integer literals as Cranelift reads them: decimal or {@code 0x} hex, underscores, a sign. */
final class Numbers {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger I64_MIN_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

    private Numbers() {}

    /**
     * The 64-bit pattern of an integer token: values from -2^63 to 2^64-1 are accepted (the
     * "range and a half"), larger magnitudes are an error.
     */
    static long parse(Token t) throws ParseException {
        String text = t.text();
        boolean negative = text.startsWith("-");
        String body = negative || text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (body.startsWith("0x")) {
            String digits = body.substring(2).replace("_", "");
            if (digits.isEmpty()) throw TokenStream.error(t, "no digits in '" + text + "'");
            if (digits.length() > 16) throw TokenStream.error(t, "too many hexadecimal digits in '" + text + "'");
            value = new BigInteger(digits, 16);
        } else {
            String digits = body.replace("_", "");
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                throw TokenStream.error(t, "malformed number '" + text + "'");
            }
            if (digits.length() > 40) throw TokenStream.error(t, "number too large: '" + text + "'");
            value = new BigInteger(digits);
            if (value.compareTo(U64_MAX) > 0) throw TokenStream.error(t, "number too large: '" + text + "'");
        }
        if (negative) {
            if (value.compareTo(I64_MIN_MAGNITUDE) > 0) throw TokenStream.error(t, "negative number too small: '" + text + "'");
            return value.negate().longValue();
        }
        return value.longValue();
    }

    /** A non-negative number that fits an int (entity numbers, sizes). */
    static int parseIndex(Token t, String what) throws ParseException {
        long v = parse(t);
        if (v < 0 || v > Integer.MAX_VALUE) throw TokenStream.error(t, what + " out of range: " + t.text());
        return (int) v;
    }

    /** Cranelift's Imm64 display: decimal for |x| < 10000, else hex in groups of four digits. */
    static String imm(long x) {
        if (-10_000 < x && x < 10_000) return Long.toString(x);
        return hex(x);
    }

    static String hex(long x) {
        int pos = x == 0 ? 0 : (63 - Long.numberOfLeadingZeros(x)) & 0xf0;
        StringBuilder sb = new StringBuilder("0x").append(String.format("%04x", (x >>> pos) & 0xffff));
        while (pos > 0) {
            pos -= 16;
            sb.append('_').append(String.format("%04x", (x >>> pos) & 0xffff));
        }
        return sb.toString();
    }

    /** An Offset32-style suffix: empty for 0, else a sign and the magnitude. */
    static String offset(long x) {
        if (x == 0) return "";
        long mag = Math.abs(x);
        String m = mag < 10_000 && mag >= 0 ? Long.toString(mag) : hex(mag);
        return (x < 0 ? "-" : "+") + m;
    }
}
