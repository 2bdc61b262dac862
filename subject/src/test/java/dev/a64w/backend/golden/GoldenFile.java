package dev.a64w.backend.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expected-output blocks of a {@code precise-output} golden file. A function starts at a
 * line {@code function %name...} and ends at the next line that is exactly {@code }}; its expected
 * block is the run of comment lines that starts with {@link PreciseOutput#HEADER} after that
 * {@code }} (blank lines between are allowed) and ends at the first line that is not a comment or
 * is a module directive ({@code ; run}, {@code ; data:}, {@code ; rodata:}, {@code ; import:}), so
 * neither free comments before the header nor directives after the block are ever rewritten.
 */
public final class GoldenFile {
    private static final Pattern FUNCTION = Pattern.compile("^function\\s+%([A-Za-z0-9_]+)");
    private static final Pattern DIRECTIVE = Pattern.compile("^[;\\s]*(run\\b|data:|rodata:|import:).*");

    private GoldenFile() {}

    /**
     * One function's place in the file, as 0-based line indices: {@code close} is its {@code }}
     * line; {@code [blockFrom, blockTo)} its expected block, empty ({@code blockFrom == blockTo ==
     * close + 1}) when it has none yet.
     */
    public record Section(String function, int close, int blockFrom, int blockTo) {}

    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
        return out;
    }

    /** The functions in file order; throws if a function has no closing line or appears twice. */
    public static List<Section> sections(List<String> lines) {
        Map<String, Section> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FUNCTION.matcher(lines.get(i));
            if (!m.find()) continue;
            String name = m.group(1);
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).stripTrailing().equals("}")) close++;
            if (close == lines.size()) throw new IllegalArgumentException("function %" + name + " (line " + (i + 1) + ") has no closing '}' line");
            int from = close + 1;
            while (from < lines.size() && lines.get(from).isBlank()) from++;
            Section s;
            if (from < lines.size() && lines.get(from).stripTrailing().equals(PreciseOutput.HEADER)) {
                int to = from + 1;
                while (to < lines.size() && lines.get(to).startsWith(";") && !DIRECTIVE.matcher(lines.get(to)).matches()) to++;
                s = new Section(name, close, from, to);
            } else {
                s = new Section(name, close, close + 1, close + 1);
            }
            if (out.put(name, s) != null) throw new IllegalArgumentException("function %" + name + " appears twice");
            i = close;
        }
        return List.copyOf(out.values());
    }

    /** The expected block of each function (without the header line); functions without a block map to null. */
    public static Map<String, List<String>> expected(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Section s : sections(lines)) {
            out.put(s.function(), s.blockFrom() == s.blockTo() ? null : List.copyOf(lines.subList(s.blockFrom(), s.blockTo())));
        }
        return out;
    }

    /**
     * The file with each function's expected block replaced by {@code actual.get(name)} (a block
     * including its header); a function without a block gets one after its {@code }}, separated
     * by a blank line; functions absent from {@code actual} keep theirs.
     */
    public static String rewrite(List<String> lines, Map<String, List<String>> actual) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Section s : sections(lines)) {
            List<String> block = actual.get(s.function());
            if (block == null) continue;
            boolean fresh = s.blockFrom() == s.blockTo();
            out.addAll(lines.subList(next, fresh ? s.close() + 1 : s.blockFrom()));
            if (fresh) out.add("");
            out.addAll(block);
            if (fresh && s.close() + 1 < lines.size() && !lines.get(s.close() + 1).isBlank()) out.add("");
            next = fresh ? s.close() + 1 : s.blockTo();
        }
        out.addAll(lines.subList(next, lines.size()));
        return String.join("\n", out) + "\n";
    }
}
