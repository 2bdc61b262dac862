package dev.a64w.oracle.llvm;

import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.ir.TrapCode;
import java.util.Map;

/**
 * The {@code brk #imm} immediate for each CLIF trap code, the same table the subject uses, so
 * that a trap in LLVM's code and in the subject's code can be compared by immediate:
 * {@code int_divz} 0xF004 (the Windows divide-by-zero break), {@code unreachable} 0xC001,
 * {@code int_ovf} 0xC002, {@code heap_oob} 0xC003, {@code stk_ovf} 0xC004, {@code bad_sig}
 * 0xC005, {@code bad_toint} 0xC006, {@code userN} 0xC100 + N (N up to 0x3EFF, so that the
 * immediate fits brk's 16 bits).
 */
public final class TrapImmediates {
    private static final Map<String, Integer> NAMED = Map.of(
            "int_divz", 0xF004,
            "unreachable", 0xC001,
            "int_ovf", 0xC002,
            "heap_oob", 0xC003,
            "stk_ovf", 0xC004,
            "bad_sig", 0xC005,
            "bad_toint", 0xC006);
    /** First immediate of the user codes: {@code user0} is 0xC100. */
    public static final int USER_BASE = 0xC100;
    /** Largest N of {@code userN}. */
    public static final int USER_MAX = 0xFFFF - USER_BASE;

    private TrapImmediates() {}

    /** The immediate for {@code code}; unknown names and too large user codes are unsupported. */
    public static int immediate(TrapCode code) {
        Integer named = NAMED.get(code.name());
        if (named != null) {
            return named;
        }
        if (code.name().matches("user[0-9]{1,5}")) {
            int n = Integer.parseInt(code.name().substring(4));
            if (n <= USER_MAX) {
                return USER_BASE + n;
            }
        }
        throw new UnsupportedFeatureException("trap code " + code.name()
                + " (expected int_divz, int_ovf, heap_oob, stk_ovf, bad_sig, bad_toint, unreachable or userN, N <= 0x"
                + Integer.toHexString(USER_MAX) + ")", "");
    }
}
