package dev.a64w.backend.abi;

import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.ir.TrapCode;

/**
 * The {@code brk #imm16} immediate for each CLIF trap code. Each code gets a distinct immediate so
 * the executor can tell traps apart from the instruction word alone:
 *
 * <table>
 * <caption>trap code → brk immediate</caption>
 * <tr><td>int_divz</td><td>0xF004 (what MSVC uses for integer divide by zero)</td></tr>
 * <tr><td>unreachable</td><td>0xC001</td></tr>
 * <tr><td>int_ovf</td><td>0xC002</td></tr>
 * <tr><td>heap_oob</td><td>0xC003</td></tr>
 * <tr><td>stk_ovf</td><td>0xC004</td></tr>
 * <tr><td>bad_sig</td><td>0xC005</td></tr>
 * <tr><td>bad_toint</td><td>0xC006</td></tr>
 * <tr><td>userN (N = 0..255)</td><td>0xC100 + N</td></tr>
 * </table>
 */
public final class TrapCodes {
    public static final int INT_DIVZ = 0xF004;
    public static final int UNREACHABLE = 0xC001;
    public static final int INT_OVF = 0xC002;
    public static final int HEAP_OOB = 0xC003;
    public static final int STK_OVF = 0xC004;
    public static final int BAD_SIG = 0xC005;
    public static final int BAD_TOINT = 0xC006;
    public static final int USER_BASE = 0xC100;

    private TrapCodes() {}

    /** The brk immediate for {@code code}; unknown names and userN with N &gt; 255 are unsupported. */
    public static int immediate(TrapCode code) {
        String n = code.name();
        switch (n) {
            case "int_divz": return INT_DIVZ;
            case "unreachable": return UNREACHABLE;
            case "int_ovf": return INT_OVF;
            case "heap_oob": return HEAP_OOB;
            case "stk_ovf": return STK_OVF;
            case "bad_sig": return BAD_SIG;
            case "bad_toint": return BAD_TOINT;
            default: break;
        }
        if (n.startsWith("user") && n.length() > 4 && n.substring(4).chars().allMatch(Character::isDigit) && n.length() <= 8) {
            int k = Integer.parseInt(n.substring(4));
            if (k <= 255) return USER_BASE + k;
        }
        throw new UnsupportedFeatureException("trap code " + n + " (known: int_divz, int_ovf, heap_oob, stk_ovf, bad_sig, bad_toint, unreachable, user0..user255)", "");
    }

    /** The trap code name for a brk immediate, or empty for an immediate not in the table. */
    public static java.util.Optional<String> nameOf(int imm16) {
        return switch (imm16) {
            case INT_DIVZ -> java.util.Optional.of("int_divz");
            case UNREACHABLE -> java.util.Optional.of("unreachable");
            case INT_OVF -> java.util.Optional.of("int_ovf");
            case HEAP_OOB -> java.util.Optional.of("heap_oob");
            case STK_OVF -> java.util.Optional.of("stk_ovf");
            case BAD_SIG -> java.util.Optional.of("bad_sig");
            case BAD_TOINT -> java.util.Optional.of("bad_toint");
            default -> imm16 >= USER_BASE && imm16 <= USER_BASE + 255
                    ? java.util.Optional.of("user" + (imm16 - USER_BASE)) : java.util.Optional.empty();
        };
    }
}
