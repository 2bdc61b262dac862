package dev.a64w.findings;

import dev.a64w.diff.Verdict;
import java.util.Locale;

/**
 * What deduplicates findings: the check (the verdict's kind) plus the normalized cause of its detail,
 * squeezed into a file-name-safe slug. Two findings with the same signature are the same bug until
 * shown otherwise.
 *
 * <p>The cause ({@link Cause}) keeps what names the bug (the check, the relocation type, the
 * instruction form or mnemonic, the unwind code, the trap code, the register's role, how a value
 * differs) and abstracts what a case or an allocation chooses (symbol and function names, offsets,
 * register numbers, constants, value and block numbers, byte counts, addresses). Example: {@code
 * mismatch:object:.text+0x5c (PAGEOFFSET_12L reloc #1 -> d0): expected LDR/STR (unsigned offset),
 * actual instruction 0x91000c42 (ADD/ADDS (immediate))} has the cause {@code PAGEOFFSET_12L reloc:
 * expected LDR/STR (unsigned offset), actual ADD/ADDS (immediate)} and the signature {@code
 * mismatch-object-pageoffset-12l-reloc-expected-ldr-str-unsigned-offset-actual-add-adds-immediate}.
 */
public final class Signature {
    /** The longest signature: file names stay short, and the cause comes first in every detail. */
    public static final int MAX = 96;

    private Signature() {}

    public static String of(Verdict verdict) {
        String slug = slug(verdict.kind() + "-" + Cause.of(verdict));
        return slug.length() <= MAX ? slug : slug.substring(0, MAX).replaceAll("-+$", "");
    }

    /** The normalized cause of {@code verdict}: readable, and the same for the same bug in any case. */
    public static String cause(Verdict verdict) {
        return Cause.of(verdict);
    }

    /** A title for an issue: the check (or verdict kind) and the normalized cause. */
    public static String title(Verdict verdict) {
        String what = verdict instanceof Verdict.Mismatch m ? m.check().id() : verdict.kind();
        return what + ": " + Cause.of(verdict);
    }

    /** A detail with the case-specific parts taken out (names, numbers, hex, registers, quoted text). */
    public static String normalize(String detail) {
        return Cause.generic(detail);
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("-[nf](?=-|$)", "")
                .replaceAll("(^-+|-+$)", "");
    }
}
