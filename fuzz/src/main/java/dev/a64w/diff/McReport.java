package dev.a64w.diff;

import dev.a64w.check.coff.Section;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/** Renders the side-by-side report of {@link McCheck#report}: plain text, stable, one table per aspect. */
final class McReport {
    private McReport() {
    }

    static String render(List<String> differences, ObjectView s, ObjectView m, IntFunction<Optional<String>> dis) {
        StringBuilder sb = new StringBuilder();
        sb.append("MC check: ").append(differences.isEmpty() ? "pass" : differences.size() + " difference(s)").append('\n');
        differences.forEach(d -> sb.append("  - ").append(d).append('\n'));
        Set<String> keys = new LinkedHashSet<>(s.sections().keySet());
        keys.addAll(m.sections().keySet());

        sb.append("\nsections (subject | mc):\n");
        TextTable sections = new TextTable("section", "subject", "mc", "");
        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            boolean differ = a == null || b == null || a.alignment() != b.alignment() || McCheck.size(a) != McCheck.size(b);
            sections.row(key, summary(a), summary(b), differ ? "!" : "");
        }
        sb.append(indent(sections.render()));

        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            if (a != null && b != null && a.isCode() && b.isCode() && !a.isUninitialized() && !b.isUninitialized()) {
                sb.append("\ncode ").append(key).append(" (subject | mc; ! differs outside relocated addends):\n");
                sb.append(indent(code(a, b, dis)));
            }
        }

        for (String key : keys) {
            Section a = s.sections().get(key);
            Section b = m.sections().get(key);
            List<ObjectView.NormReloc> ra = a != null && ObjectView.compared(a) ? s.relocations(a) : List.of();
            List<ObjectView.NormReloc> rb = b != null && ObjectView.compared(b) ? m.relocations(b) : List.of();
            if (ra.isEmpty() && rb.isEmpty()) {
                continue;
            }
            Map<Long, List<ObjectView.NormReloc>> byA = McCheck.byOffset(ra);
            Map<Long, List<ObjectView.NormReloc>> byB = McCheck.byOffset(rb);
            Set<Long> offsets = new TreeSet<>(byA.keySet());
            offsets.addAll(byB.keySet());
            TextTable t = new TextTable("offset", "subject", "mc", "");
            for (long off : offsets) {
                List<ObjectView.NormReloc> x = byA.getOrDefault(off, List.of());
                List<ObjectView.NormReloc> y = byB.getOrDefault(off, List.of());
                boolean same = x.size() == y.size();
                for (int i = 0; same && i < x.size(); i++) {
                    same = x.get(i).sameAs(y.get(i));
                }
                t.row("0x" + Long.toHexString(off), McCheck.lines(x), McCheck.lines(y), same ? "" : "!");
            }
            sb.append("\nrelocations ").append(key).append(" (targets resolved to section+offset where defined):\n");
            sb.append(indent(t.render()));
        }

        sb.append("\nunwind (form, then normalized meaning):\n");
        TextTable u = new TextTable("function", "fragment", "side", "encoding", "meaning");
        Set<String> names = new LinkedHashSet<>();
        s.functions().forEach(f -> names.add(f.name()));
        m.functions().forEach(f -> names.add(f.name()));
        for (String name : names) {
            unwindRows(u, name, "subject", s);
            unwindRows(u, name, "mc", m);
        }
        sb.append(indent(u.render()));
        return sb.toString();
    }

    private static void unwindRows(TextTable t, String name, String side, ObjectView v) {
        Optional<CodeFunction> f = v.function(name);
        if (f.isEmpty()) {
            t.row(name, "", side, "(no such function)", "");
            return;
        }
        List<UnwindEntries.Fragment> fs = UnwindDiff.sorted(v.unwind().of(f.get()));
        if (fs.isEmpty()) {
            t.row(name, "", side, "none", "");
        }
        for (UnwindEntries.Fragment x : fs) {
            t.row(name, "+0x" + Long.toHexString(x.offset()), side, x.form(), UnwindText.meaning(x.meaning()));
        }
    }

    private static String code(Section a, Section b, IntFunction<Optional<String>> dis) {
        byte[] mask = McCheck.addendMask(a, b);
        int n = Math.max(a.data().size(), b.data().size());
        TextTable t = new TextTable("offset", "subject", "mc", "", "subject asm", "mc asm");
        for (int at = 0; at < n; at += 4) {
            Optional<Integer> wa = word(a, at);
            Optional<Integer> wb = word(b, at);
            int m = 0;
            for (int k = 0; k < 4 && at + k < mask.length; k++) {
                m |= (mask[at + k] & 0xFF) << (8 * k);
            }
            int fm = m;
            boolean same = wa.isPresent() && wb.isPresent() && ((wa.get() ^ wb.get()) & ~fm) == 0;
            t.row(String.format("0x%x", at), wa.map(w -> String.format("%08x", w)).orElse("-"),
                    wb.map(w -> String.format("%08x", w)).orElse("-"), same ? "" : "!",
                    wa.flatMap(dis::apply).orElse(""), same ? "" : wb.flatMap(dis::apply).orElse(""));
        }
        return t.render();
    }

    private static Optional<Integer> word(Section s, int at) {
        return at + 4 <= s.data().size() ? Optional.of((int) s.data().u32(at)) : Optional.empty();
    }

    private static String summary(Section s) {
        if (s == null) {
            return "-";
        }
        return "align " + s.alignment() + ", 0x" + Long.toHexString(McCheck.size(s)) + " bytes, "
                + s.relocations().size() + " relocs";
    }

    private static String indent(String text) {
        // joining, not reduce with +: the report of a 1 MiB function has 250k lines (quadratic before)
        return text.lines().map(l -> "  " + l + "\n").collect(java.util.stream.Collectors.joining());
    }
}
