package dev.a64w.findings;

import dev.a64w.diff.Verdict;
import java.util.Locale;

/**
 * What deduplicates findings: the verdict kind plus its detail with the case-specific parts
 * (numbers, hex, value and block names, symbol names) taken out, squeezed into a file-name-safe
 * slug. Two findings with the same signature are the same bug until shown otherwise.
 */
public final class Signature {
    private static final int MAX = 96;

    private Signature() {}

    public static String of(Verdict verdict) {
        String slug = (verdict.kind() + "-" + normalize(verdict.detail())).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return slug.length() <= MAX ? slug : slug.substring(0, MAX).replaceAll("-+$", "");
    }

    /** A detail with the case-specific parts taken out (names, numbers, hex, quoted text). */
    public static String normalize(String detail) {
        return detail
                .replaceAll("^\\[opt=\\w+ pic=\\w+\\] ", "")
                .replaceAll("%[A-Za-z0-9_]+", "F")
                .replaceAll("\\b(v|block|ss|gv|fn|sig)[0-9]+\\b", "$1N")
                .replaceAll("0x[0-9a-fA-F]+", "N")
                .replaceAll("-?\\b[0-9]+\\b", "N")
                .replaceAll("'[^']*'", "S");
    }
}
