package dev.a64w.findings;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.Section;
import dev.a64w.check.coff.Symbol;
import dev.a64w.diff.Artifacts;
import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Check;
import dev.a64w.diff.McCheck;
import dev.a64w.diff.Side;
import dev.a64w.diff.TextTable;
import dev.a64w.diff.Verdict;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an issue text that shows what the check compared, side by side, from the artifacts
 * the harness kept for the case ({@link CaseReport#artifacts()}):
 * <ul>
 *   <li>Run (any side): each invocation's result from the interpreter and from the side's code, as a
 *       Markdown table;</li>
 *   <li>the subject's other checks (MC, Object, Align, Link, Policy, Unwind): our object against LLVM
 *       MC's assembly of our listing, as {@link McCheck#report} renders it (sections, code with both
 *       words and LLVM's disassembly of each, relocation tables, decoded unwind data), plus the
 *       Unwind check's lines for Unwind;</li>
 *   <li>LLVM's and Cranelift's sides: their check lines, and our listing beside LLVM's disassembly of
 *       their code.</li>
 * </ul>
 */
public final class SideBySide {
    private static final Pattern RUN_LINE = Pattern.compile("^(%\\S+): interpreter (.*?), (subject|llvm-o0|llvm-o2|cranelift) (.*?)(?:  <-- (.*))?$");

    /** A titled block: Markdown ({@code markdown}) or plain text shown fixed-width. */
    public record Part(String title, String body, boolean markdown) {}

    private SideBySide() {}

    public static List<Part> of(Side side, Verdict verdict, CaseReport report, IntFunction<Optional<String>> disassembler) {
        Artifacts art = report.artifacts();
        Check check = verdict instanceof Verdict.Mismatch m ? m.check() : null;
        List<Part> parts = new ArrayList<>();
        if (side == Side.SUBJECT) {
            if (check == Check.RUN) {
                parts.add(new Part("Results: interpreter vs our code", runTable(art.runLines(), ""), true));
                return parts;
            }
            if (art.object().size() > 0 && art.mcObject().size() > 0) {
                parts.add(new Part("Our object (subject) vs LLVM MC's assembly of our listing (words, LLVM's disassembly of each, "
                        + "relocations, unwind data)", McCheck.report(art.object(), art.mcObject(), disassembler), false));
            } else if (!art.listing().isEmpty()) {
                parts.add(new Part("Our listing", art.listing(), false));
            }
            if (check == Check.UNWIND) {
                parts.add(new Part("Unwind check", String.join("\n", art.runLines().stream()
                        .filter(l -> l.startsWith("static ") || l.startsWith("dynamic ")).toList()) + "\n", false));
            }
            if (check == Check.LINK && !art.linkDiagnostics().isEmpty()) {
                parts.add(new Part("lld-link", String.join("\n", art.linkDiagnostics()) + "\n", false));
            }
            return parts;
        }
        String prefix = side.id() + " ";
        List<String> lines = art.llvmLines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        if (check != null && check.id().startsWith("run")) {
            parts.add(new Part("Results: interpreter vs " + side.id(), runTable(lines, ""), true));
        } else if (!lines.isEmpty()) {
            parts.add(new Part(side.id() + " checks", String.join("\n", lines) + "\n", false));
        }
        Bytes theirs = art.llvmObjects().get(side);
        if (theirs != null && !art.listing().isEmpty()) {
            parts.add(new Part("Our listing vs " + side.id() + "'s code (LLVM's disassembly)",
                    columns("subject (listing)", listingLines(art.listing()), side.id(), disassembly(theirs, disassembler)), false));
        }
        return parts;
    }

    /** Run lines ({@code %f(1): interpreter returned 0x1, subject returned x0=0x2  <-- problem}) as a Markdown table. */
    static String runTable(List<String> lines, String ignored) {
        StringBuilder sb = new StringBuilder("| invocation | interpreter | compiled code | difference |\n|---|---|---|---|\n");
        for (String l : lines) {
            Matcher m = RUN_LINE.matcher(l);
            if (m.matches()) {
                sb.append("| `").append(m.group(1)).append("` | ").append(cell(m.group(2))).append(" | ").append(m.group(3)).append(": ")
                        .append(cell(m.group(4))).append(" | ").append(m.group(5) == null ? "" : "**" + cell(m.group(5)) + "**").append(" |\n");
            } else {
                sb.append("| ").append(cell(l)).append(" | | | |\n");
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** Two columns of lines, padded: the left column as wide as its longest line. */
    static String columns(String left, List<String> a, String right, List<String> b) {
        TextTable t = new TextTable(left, right);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            t.row(i < a.size() ? a.get(i) : "", i < b.size() ? b.get(i) : "");
        }
        return t.render();
    }

    private static List<String> listingLines(String listing) {
        return listing.lines().filter(l -> !l.isBlank()).map(String::stripTrailing).toList();
    }

    /** Each code section's words as LLVM disassembles them, with the function symbols as labels. */
    static List<String> disassembly(Bytes object, IntFunction<Optional<String>> dis) {
        CoffObject obj;
        try {
            obj = CoffReader.read(object);
        } catch (MalformedObjectException e) {
            return List.of("(object does not read: " + e.getMessage() + ")");
        }
        List<String> out = new ArrayList<>();
        for (Section s : obj.sections()) {
            if (!s.isCode() || s.isUninitialized()) continue;
            out.add(s.name() + ":");
            for (int at = 0; at + 4 <= s.data().size(); at += 4) {
                for (Symbol sym : obj.symbols()) {
                    if (sym.isDefined() && sym.sectionNumber() == s.number() && sym.value() == at && sym.isFunction()) {
                        out.add(sym.name() + ":");
                    }
                }
                int word = (int) s.data().u32(at);
                out.add(String.format("  %4x: %08x  %s", at, word, dis.apply(word).orElse("?")));
            }
        }
        return out;
    }
}
