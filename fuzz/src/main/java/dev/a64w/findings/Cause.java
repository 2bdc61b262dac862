package dev.a64w.findings;

import dev.a64w.check.coff.A64Forms;
import dev.a64w.diff.Verdict;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalized cause of a verdict: its detail with what a case or a register allocation chooses
 * abstracted away, and with what names the bug kept. First the check-specific shapes (where a
 * detail mixes case-specific words into its cause: the Run checks' leading function name, MC's
 * differing instruction words, a relocation's target symbol), then the generic rules, in this
 * order:
 * <ol>
 *   <li>the Cranelift variant tag ({@code [opt=speed pic=true] }) is dropped (the variant is in the
 *       reproducer's header);</li>
 *   <li>quoted text becomes {@code S}; symbol names become {@code %F} ({@code %name}, LLVM's
 *       {@code @name}, the batch prefix {@code c12_}, generated names {@code f5}, host imports
 *       {@code host_mix}, {@code __imp_} names);</li>
 *   <li>registers an allocation picks become {@code xN}, {@code wN}, {@code vN}, {@code dN}...;
 *       the ones with a fixed role stay ({@code sp}, {@code x18}, {@code x29}/{@code fp},
 *       {@code x30}/{@code lr}, {@code xzr});</li>
 *   <li>value, block, stack-slot and other entity numbers become {@code v N}-style {@code vN};</li>
 *   <li>every number (hex or decimal, with its sign, and lists of them) becomes {@code N}, except
 *       where it names the kind of thing: type widths ({@code i16}), relocation and unwind code
 *       names ({@code PAGEOFFSET_12L}, {@code save_r19r20_x}), trap codes ({@code user7}) and brk
 *       immediates of unknown trap codes.</li>
 * </ol>
 */
final class Cause {
    private Cause() {}

    private static final Pattern VARIANT = Pattern.compile("^\\[opt=\\w+ pic=\\w+] ");
    /** MC: {@code text differs at KEY+0x..: 0xAAAAAAAA vs 0xBBBBBBBB[ (asm a vs asm b)]}. */
    private static final Pattern MC_TEXT = Pattern.compile(
            "text differs at (\\S+?)\\+0x[0-9a-f]+: 0x([0-9a-f]{8}) vs 0x([0-9a-f]{8})(?: \\((.*) vs (.*)\\))?(.*)");
    /** MC: {@code relocation differs at KEY+0x..: TYPE text + TYPE text vs none}. */
    private static final Pattern MC_RELOC = Pattern.compile("relocation differs at (\\S+?)\\+0x[0-9a-f]+: (.*) vs (.*)");
    /** MC: {@code unwind of NAME differs: ...}. */
    private static final Pattern MC_UNWIND = Pattern.compile("unwind of \\S+ differs: (.*)");
    private static final Pattern RELOC_TYPE = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\\b");
    /** Object: {@code .text+0x5c (PAGEOFFSET_12L reloc #1 -> d0): ...}. */
    private static final Pattern OBJECT_RELOC = Pattern.compile("^\\S+?\\+0x[0-9a-f]+ \\((?:(\\S+) )?reloc #\\d+ -> [^)]*\\): (.*)");
    private static final Pattern INSTRUCTION_WORD = Pattern.compile("instruction 0x[0-9a-f]{8} \\(([^()]*(?:\\([^()]*\\))?)\\)");
    private static final Pattern LEADING_NAME = Pattern.compile("^[A-Za-z0-9_.$@?]+: ");
    private static final Pattern UNWIND_NAME = Pattern.compile("^[A-Za-z0-9_]+: (?=unwind data)");
    private static final Pattern POLICY_NAME = Pattern.compile("^(import|function|data object|external) \\S+ \\(");
    private static final Pattern OBJECT_FUNCTION = Pattern.compile("\\bfunction (?!%)\\S+ \\(");
    private static final Pattern ALIGN_NAME = Pattern.compile("^(?!section )\\S+: (?=declared align|object offset|image address)");

    /** The generic rules, in order (see the class comment). */
    private static final List<Rule> RULES = List.of(
            new Rule("'[^']*'", "S"),
            new Rule("\"[^\"]*\"", "S"),
            new Rule("%[A-Za-z0-9_]+", "%F"),
            new Rule("@[A-Za-z0-9_.$]+", "@F"),
            new Rule("\\b__imp_[A-Za-z0-9_]+", "%F"),
            new Rule("\\bc[0-9]+_(?=[A-Za-z0-9_])", ""),
            new Rule("\\bhost_[a-z]+\\b", "%F"),
            new Rule("\\bf[0-9]+_*\\b", "%F"),
            // registers an allocation picks; x18 (platform), x29 (fp), x30 (lr) keep their numbers
            new Rule("\\b([xw])(?:[0-9]|1[0-7]|19|2[0-8])\\b", "$1N"),
            new Rule("\\b([vqdshb])(?:[0-9]|[12][0-9]|3[01])\\b(?!\\.)", "$1N"),
            new Rule("\\b(v|block|ss|gv|fn|sig|inst|reloc #|symbol #|section #)[0-9]+\\b", "$1N"),
            // a brk immediate of an unknown trap code names the code: keep it
            new Rule("\\bbrk ?#(0x[0-9a-f]+)", "brk#$1"),
            new Rule("(?<!brk#)(?<![A-Za-z_])[-+]?0x[0-9a-fA-F]+\\b", "N"),
            new Rule("(?<![A-Za-z_#])[-+]?\\b[0-9]+\\b(?![A-Za-z_])", "N"),
            new Rule("#N", "N"),
            new Rule("\\[N(?:, N)*]", "N"),
            new Rule("%F\\+N", "%F"),
            new Rule("\\s+", " "));

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String s) {
            return pattern.matcher(s).replaceAll(replacement);
        }
    }

    static String of(Verdict verdict) {
        String d = VARIANT.matcher(verdict.detail()).replaceFirst("");
        String check = verdict instanceof Verdict.Mismatch m ? m.check().id() : "";
        return generic(shaped(check, d)).strip();
    }

    /** The generic rules alone. */
    static String generic(String detail) {
        String s = VARIANT.matcher(detail).replaceFirst("");
        for (Rule r : RULES) s = r.apply(s);
        return s.strip();
    }

    /** The check-specific shapes: put the cause first and drop the case-specific words around it. */
    private static String shaped(String check, String d) {
        if (check.startsWith("run")) {
            return run(LEADING_NAME.matcher(d).replaceFirst(""));
        }
        if (check.startsWith("unwind")) {
            return UNWIND_NAME.matcher(d).replaceFirst("%F: ");
        }
        if (check.equals("mc")) {
            Matcher t = MC_TEXT.matcher(d);
            if (t.matches()) return mcText(t);
            Matcher u = MC_UNWIND.matcher(d);
            if (u.matches()) {
                // the decoded sequences after the first differing op are the frame's shape, not the cause
                return "unwind differs: " + u.group(1).replaceAll(" \\(\\[.*] vs \\[.*]\\)$", "");
            }
            Matcher r = MC_RELOC.matcher(d);
            if (r.matches()) return "relocation differs in " + section(r.group(1)) + ": " + relocTypes(r.group(2)) + " vs "
                    + relocTypes(r.group(3));
        }
        if (check.startsWith("policy")) {
            d = POLICY_NAME.matcher(d).replaceFirst("$1 %F (");
            // the evidence in brackets after each class lists the places (sections and offsets) of its uses
            return d.replaceAll("(uses \\S+|the subject \\[[^\\]]*]) \\[[^\\]]*]", "$1");
        }
        if (check.startsWith("align")) {
            d = ALIGN_NAME.matcher(d).replaceFirst("%F: ");
        }
        Matcher o = OBJECT_RELOC.matcher(d);
        if (o.matches()) {
            d = (o.group(1) == null ? "" : o.group(1) + " ") + "reloc: " + o.group(2);
        }
        d = INSTRUCTION_WORD.matcher(d).replaceAll("$1");
        return OBJECT_FUNCTION.matcher(d).replaceAll("function %F (");
    }

    /** A Run detail without its function name: which part differs, and how (not the values). */
    private static String run(String d) {
        return d.replaceAll("^result [0-9]+ \\(i[0-9]+\\) differs", "result differs")
                .replaceAll("^import call [0-9]+ \\(\\S+\\) argument [0-9]+ differs", "import call argument differs")
                .replaceAll("^data %\\S+ differs", "data differs")
                .replaceAll(": (\\S+) 0x[0-9a-f]+, interpreter 0x[0-9a-f]+", "");
    }

    /**
     * MC's differing instruction. When the two words differ only in the immediate field of a form
     * that a fixup or relocation patches, the cause is that field (whatever the condition, register
     * or instruction of the family: one fixup patches B.cond and CBZ/CBNZ alike); otherwise the
     * mnemonics of both words (LLVM's disassembly when the verdict has it, else the forms).
     */
    private static String mcText(Matcher t) {
        String where = section(t.group(1));
        int a = (int) Long.parseLong(t.group(2), 16);
        int b = (int) Long.parseLong(t.group(3), 16);
        String formA = A64Forms.form(a);
        String formB = A64Forms.form(b);
        if (!formA.equals("other") && formA.equals(formB) && ((a ^ b) & ~fieldMask(formA)) == 0) {
            return "text differs in " + where + ": " + field(formA) + t.group(6);
        }
        String mnA = t.group(4) == null ? formA : mnemonic(t.group(4));
        String mnB = t.group(5) == null ? formB : mnemonic(t.group(5));
        if (mnA.equals(mnB)) return "text differs in " + where + ": " + mnA + " operands" + t.group(6);
        return "text differs in " + where + ": " + mnA + " vs " + mnB + t.group(6);
    }

    /** The bits of a form's immediate field (Arm ARM, the encodings of each form). */
    private static int fieldMask(String form) {
        return switch (form) {
            case "B", "BL" -> 0x03ff_ffff;
            case "B.cond", "CBZ/CBNZ" -> 0x00ff_ffe0;
            case "TBZ/TBNZ" -> 0x0007_ffe0;
            case "ADRP", "ADR" -> 0x60ff_ffe0;
            case "ADD/ADDS (immediate)", "LDR/STR (unsigned offset)" -> 0x003f_fc00;
            default -> 0;
        };
    }

    private static String field(String form) {
        return switch (form) {
            case "B", "BL" -> "imm26 branch offset (B/BL)";
            case "B.cond", "CBZ/CBNZ" -> "imm19 branch offset (B.cond, CBZ/CBNZ)";
            case "TBZ/TBNZ" -> "imm14 branch offset (TBZ/TBNZ)";
            case "ADRP", "ADR" -> "imm21 (" + form + ")";
            default -> "imm12 (" + form + ")";
        };
    }

    private static String mnemonic(String asm) {
        String m = asm.strip().split("\\s+")[0];
        return m.startsWith("b.") ? "b.cond" : m;
    }

    /** A section key without what names a symbol ({@code .text$f5} is {@code .text$F}). */
    private static String section(String key) {
        int dollar = key.indexOf('$');
        return dollar < 0 ? key : key.substring(0, dollar) + "$F";
    }

    /** The relocation types of a side of a relocation difference, without their targets. */
    private static String relocTypes(String side) {
        if (side.strip().equals("none")) return "none";
        StringBuilder out = new StringBuilder();
        for (String one : side.split(" \\+ ")) {
            Matcher m = RELOC_TYPE.matcher(one);
            String type = m.find() ? m.group(1) : "?";
            if (!out.isEmpty()) out.append(" + ");
            out.append(type);
        }
        return out.toString();
    }
}
