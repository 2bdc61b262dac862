package dev.a64w.gen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Symbol names for a module's functions and data objects. Usually {@code fN} / {@code dN}; with
 * {@link GeneratorConfig#oddNamePermille()} a name from a class that has broken symbol handling
 * before or could: names the assembler reads as registers ({@code x0}, {@code sp}, {@code d8},
 * {@code lr}...), digit-led names ({@code 1f} is a local-label reference to GNU-style assemblers),
 * assembler and linker words ({@code lsl}, {@code eq}, {@code text}, {@code DATA}), names of
 * exactly 8 characters (the longest a COFF symbol record holds inline) and just above it, names of
 * 255/256 characters and longer (string table), and names that extend another name of the module
 * with {@code _N} (the listing's local labels are built that way).
 *
 * <p>Only what Cranelift's CLIF reader accepts after {@code %}: {@code [A-Za-z0-9_]+}. Never a host
 * import's name, never {@code __imp_*} or {@code __chkstk} (those belong to the import/runtime
 * libraries, a clash would be a bad test, not a backend bug). All names of a module are distinct.
 */
final class Names {
    static final String CLIF_NAME = "[A-Za-z0-9_]+";

    private static final List<String> REGISTERS = List.of(
            "x0", "x1", "x8", "x16", "x17", "x18", "x19", "x28", "x29", "x30", "w0", "w5", "w30",
            "sp", "wsp", "xzr", "wzr", "lr", "fp", "ip0", "ip1", "pc", "nzcv", "fpcr", "fpsr",
            "d0", "d8", "d15", "s3", "h1", "b2", "q0", "q31", "v1", "v31", "z0", "p0", "za",
            "X0", "SP", "Lr", "W29", "D8");
    private static final List<String> WORDS = List.of(
            "lsl", "lsr", "asr", "ror", "msl", "uxtw", "sxtw", "uxtx", "sxtx", "uxtb", "sxth",
            "eq", "ne", "hs", "lo", "cs", "cc", "mi", "pl", "ge", "lt", "al", "nv",
            "text", "data", "rdata", "bss", "pdata", "xdata", "section", "globl", "word", "xword",
            "byte", "align", "p2align", "def", "endef", "scl", "seh_proc", "lo12", "got", "page", "pageoff",
            "DATA", "CODE", "NONAME", "PRIVATE", "EXPORTS", "LIBRARY", "main", "DllMain", "_", "__", "a", "L1");
    private static final List<String> DIGIT_LED = List.of("0", "1", "7", "1f", "1b", "0x10", "42", "9e9", "1_0", "00");
    private static final int[] LONG_LENGTHS = {7, 8, 8, 9, 16, 255, 256, 257, 300, 1024, 4100};

    private Names() {}

    /** Names for {@code functions} functions then {@code data} data objects, all distinct. */
    static List<String> draw(ByteSource src, GeneratorConfig cfg, int functions, int data) {
        var used = new HashSet<String>();
        for (Callee h : Generator.HOST) used.add(h.name());
        var out = new ArrayList<String>();
        for (int k = 0; k < functions + data; k++) {
            String plain = (k < functions ? "f" + k : "d" + (k - functions));
            String name = src.chance(cfg.oddNamePermille()) ? odd(src, out) : plain;
            if (!allowed(name) || used.contains(name)) name = plain;
            while (used.contains(name)) name = name + "_";
            used.add(name);
            out.add(name);
        }
        return out;
    }

    /** True for a name the generator may use: a CLIF name, not reserved by the libraries it links with. */
    static boolean allowed(String name) {
        return name.matches(CLIF_NAME) && !name.startsWith("__imp_") && !name.equals("__chkstk")
                && Generator.HOST.stream().noneMatch(h -> h.name().equals(name));
    }

    /** True when {@code name} is not of the plain {@code fN}/{@code dN} form. */
    static boolean isOdd(String name) {
        return !name.matches("[fd][0-9]+_*");
    }

    private static String odd(ByteSource src, List<String> earlier) {
        return switch (src.weighted(5, 3, 2, 3, earlier.isEmpty() ? 0 : 1)) {
            case 0 -> src.pick(REGISTERS);
            case 1 -> src.pick(WORDS);
            case 2 -> src.pick(DIGIT_LED);
            case 3 -> longName(src, LONG_LENGTHS[src.nextInt(0, LONG_LENGTHS.length - 1)]);
            default -> src.pick(earlier) + "_" + src.nextInt(0, 12);
        };
    }

    /** A name of exactly {@code length} characters: letters, digits and underscores, not digit-led. */
    private static String longName(ByteSource src, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        var sb = new StringBuilder(length);
        sb.append((char) ('a' + src.nextInt(0, 25)));
        // a few random characters, then a cheap repeating tail (a long stream of random bytes is not needed)
        int random = Math.min(length - 1, 12);
        for (int k = 0; k < random; k++) sb.append(alphabet.charAt(src.nextInt(0, alphabet.length() - 1)));
        while (sb.length() < length) sb.append((char) ('a' + sb.length() % 26));
        return sb.toString();
    }
}
