package dev.a64w.findings;

import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import java.util.List;

/**
 * The issue text of one signature, in Markdown: the title ({@code # <check>: <normalized cause>}),
 * the verdict detail, the reproducer, what the check compared side by side, the command that
 * reproduces it, where it was found (seed, case, a64w version), and the marker line
 * {@code <!-- a64w-signature: <side>--<signature> -->} that filing uses to find it again. Deterministic:
 * the same inputs give the same text (no clocks, no paths outside the findings directory).
 *
 * @param side         whose code the finding judges
 * @param signature    the signature
 * @param verdict      the verdict of the reproducer (the raw finding's when it was not reduced)
 * @param reproducer   the reproducer as written to {@code regressions/<signature>.clif}
 * @param regression   that file, relative to the findings directory
 * @param reduction    how the reproducer was made ({@code reduced from 312 to 7 instructions in 90 checks}, or why not)
 * @param finding      the first raw finding's header (origin, seed, case)
 * @param findings     how many raw findings had this signature
 * @param sideBySide   what the check compared, side by side
 * @param version      the a64w version ({@link Version#text()})
 */
public record IssueText(Side side, String signature, Verdict verdict, String reproducer, String regression, String reduction,
                        FindingFile finding, int findings, List<SideBySide.Part> sideBySide, String version) {
    public IssueText {
        sideBySide = List.copyOf(sideBySide);
    }

    /** {@code <side>--<signature>}: the issue file's name and the marker's key. */
    public String key() {
        return side.id() + "--" + signature;
    }

    /** The marker line filing looks for. */
    public static String marker(String key) {
        return "<!-- a64w-signature: " + key + " -->";
    }

    public String title() {
        String t = Signature.title(verdict);
        return side == Side.SUBJECT ? t : "[" + side.id() + "] " + t;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title()).append("\n\n");
        sb.append(marker(key())).append("\n\n");
        sb.append(switch (side) {
            case SUBJECT -> "A finding on our backend's code";
            case LLVM_O0, LLVM_O2 -> "A finding on LLVM's code (" + side.id() + "), a peer's bug or a difference to explain";
            case CRANELIFT -> "A finding on Cranelift's code, a peer's bug or a difference to explain";
        }).append(", signature `").append(signature).append("` (").append(findings).append(findings == 1 ? " finding" : " findings")
                .append(" with this signature).\n\n");
        sb.append("## Verdict\n\n").append(fence(verdict.line())).append('\n');
        sb.append("## Reproducer\n\n").append(reduction).append(".\n\n").append(fence("clif", reproducer.stripTrailing())).append('\n');
        for (SideBySide.Part p : sideBySide) {
            sb.append("## ").append(p.title()).append("\n\n").append(p.markdown() ? p.body().stripTrailing() + "\n" : fence(p.body().stripTrailing()))
                    .append('\n');
        }
        sb.append("## Reproduce\n\n").append(fence("./a64w check " + regression + " --verbose")).append('\n');
        sb.append("## Found by\n\n");
        sb.append("- origin: `").append(finding.origin().isEmpty() ? "unknown" : finding.origin()).append("`\n");
        sb.append("- seed: ").append(finding.seed().isPresent() ? String.valueOf(finding.seed().getAsLong()) : "unknown")
                .append(", case: ").append(finding.caseIndex().isPresent() ? String.valueOf(finding.caseIndex().getAsLong()) : "unknown")
                .append('\n');
        sb.append("- Cranelift variant: ").append(finding.variant().header().replaceFirst("^; cranelift: ", "")).append('\n');
        sb.append("- version: ").append(version).append('\n');
        return sb.toString();
    }

    private static String fence(String body) {
        return fence("", body);
    }

    /** A fenced code block whose fence is longer than any backtick run inside. */
    private static String fence(String lang, String body) {
        int longest = 0;
        int run = 0;
        for (char c : body.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        return f + lang + "\n" + body + "\n" + f + "\n";
    }
}
