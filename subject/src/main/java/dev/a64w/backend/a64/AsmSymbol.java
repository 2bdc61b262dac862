package dev.a64w.backend.a64;

import java.util.regex.Pattern;

/**
 * How a symbol name is spelled in LLVM's assembler syntax: bare when the assembler reads it as a
 * symbol, quoted otherwise — names with characters outside the identifier set, and names the
 * AArch64 assembler would read as a register in an operand ({@code x0}, {@code sp}, {@code d8},
 * {@code lr}...), which llvm-mc rejects bare (found by corpus/regressions/listing-register-named-symbols.clif).
 */
public final class AsmSymbol {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.$][A-Za-z0-9_.$@]*");
    private static final Pattern REGISTER = Pattern.compile(
            "(?i)([xwbhsdqvzp][0-9]{1,2}|sp|wsp|xzr|wzr|lr|fp|ip0|ip1|za|zt0|ffr|nzcv|fpcr|fpsr)");

    private AsmSymbol() {}

    public static String of(String name) {
        if (IDENTIFIER.matcher(name).matches() && !REGISTER.matcher(name).matches()) return name;
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
