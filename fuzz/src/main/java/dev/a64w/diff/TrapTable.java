package dev.a64w.diff;

import java.util.Optional;

/**
 * The harness's own reading of {@code brk} immediates as CLIF trap codes, from the table the
 * project documents (README "Traps"): int_divz 0xF004 (as MSVC), unreachable 0xC001, int_ovf
 * 0xC002, heap_oob 0xC003, stk_ovf 0xC004, bad_sig 0xC005, bad_toint 0xC006, userN 0xC100+N.
 * Written separately from the subject's table on purpose: a wrong entry there is caught here.
 */
public final class TrapTable {
    private TrapTable() {}

    public static Optional<String> trapCode(int brkImmediate) {
        return switch (brkImmediate) {
            case 0xF004 -> Optional.of("int_divz");
            case 0xC001 -> Optional.of("unreachable");
            case 0xC002 -> Optional.of("int_ovf");
            case 0xC003 -> Optional.of("heap_oob");
            case 0xC004 -> Optional.of("stk_ovf");
            case 0xC005 -> Optional.of("bad_sig");
            case 0xC006 -> Optional.of("bad_toint");
            default -> brkImmediate >= 0xC100 && brkImmediate <= 0xC1FF
                    ? Optional.of("user" + (brkImmediate - 0xC100))
                    : Optional.empty();
        };
    }

    /**
     * The canonical spelling of a CLIF trap code: Cranelift reads the number of {@code userN} as an
     * integer, so {@code user07} and {@code user7} are the same code; other names are unchanged.
     */
    public static String canonical(String name) {
        if (name.startsWith("user") && name.length() > 4 && name.length() <= 13 && name.substring(4).chars().allMatch(Character::isDigit)) {
            return "user" + Long.parseLong(name.substring(4));
        }
        return name;
    }
}
