package dev.a64w.findings;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.Check;
import dev.a64w.diff.Verdict;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the header comments of a finding file ({@link FindingStore#save}) say: the verdict (read back
 * from its printed line), the signature it was stored under, its origin and the seed and case in it,
 * and the Cranelift variant. {@link #parse} reads the leading comment lines only.
 *
 * @param verdictLine the verdict as printed ({@code mismatch:mc:text differs ...})
 * @param signature   the {@code ; signature:} line, empty when missing
 * @param origin      the {@code ; origin:} line, empty when missing
 */
public record FindingFile(String verdictLine, String signature, String origin, CraneliftVariant variant) {
    private static final Pattern FINDING = Pattern.compile("^; a64w finding(?: \\(reduced\\))?: (.*)$");
    private static final Pattern SEED = Pattern.compile("--seed (-?\\d+)");
    private static final Pattern CASE = Pattern.compile("\\(case (\\d+)");

    /** The header of {@code text}, or empty when it has no {@code ; a64w finding:} line. */
    public static Optional<FindingFile> parse(String text) {
        String verdict = null;
        String signature = "";
        String origin = "";
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith(";")) break;
            Matcher f = FINDING.matcher(line);
            if (f.matches()) verdict = f.group(1);
            else if (line.startsWith("; signature: ")) signature = line.substring("; signature: ".length()).strip();
            else if (line.startsWith("; origin: ")) origin = line.substring("; origin: ".length()).strip();
        }
        if (verdict == null) return Optional.empty();
        return Optional.of(new FindingFile(verdict, signature, origin, CraneliftVariant.fromHeader(text).orElse(CraneliftVariant.DEFAULT)));
    }

    /** The verdict the line prints ({@link Verdict#line}); a line of an unknown kind reads as an oracle error. */
    public Verdict verdict() {
        return verdictOf(verdictLine);
    }

    /** Reads a printed verdict line back. */
    public static Verdict verdictOf(String line) {
        if (line.startsWith("mismatch:")) {
            int colon = line.indexOf(':', "mismatch:".length());
            if (colon > 0) {
                String id = line.substring("mismatch:".length(), colon);
                for (Check c : Check.values()) {
                    if (c.id().equals(id)) return new Verdict.Mismatch(c, line.substring(colon + 1));
                }
            }
        }
        int colon = line.indexOf(": ");
        String kind = colon < 0 ? line : line.substring(0, colon);
        String detail = colon < 0 ? "" : line.substring(colon + 2);
        return switch (kind) {
            case "pass" -> Verdict.PASS;
            case "subject-error" -> new Verdict.SubjectError(detail);
            case "oracle-crash" -> new Verdict.OracleCrash(detail);
            case "unsupported" -> new Verdict.Unsupported(detail);
            case "timeout" -> new Verdict.Timeout(detail);
            case "worker-crash" -> new Verdict.WorkerCrash(detail);
            case "oracle-error" -> new Verdict.OracleError(detail);
            default -> new Verdict.OracleError(line);
        };
    }

    /** The seed of the campaign that found it, if the origin names one. */
    public OptionalLong seed() {
        Matcher m = SEED.matcher(origin);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The case index in that campaign, if the origin names one. */
    public OptionalLong caseIndex() {
        Matcher m = CASE.matcher(origin);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
