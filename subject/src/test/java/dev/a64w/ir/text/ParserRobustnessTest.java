package dev.a64w.ir.text;

import dev.a64w.ir.TestFiles;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded mutations of valid files: the parser may only fail with ParseException. */
@Epic("subject")
@Feature("ir.text")
class ParserRobustnessTest {
    private static final String[] SNIPPETS = {"v", "block", "(", ")", "[", "]", ",", "=", ".", "-", "+", "0x", ":",
        "%", "ss0", "fn0", "sig0", "gv0", "v99999999999", "-0x8000000000000000", "18446744073709551616",
        "i128", "f32", "\n", ";", "; run: %f(", "; data: %d align=3", "->", "{", "}", "@", "\"", "iconst.i8",
        "brif", "br_table", "jt0", "u0:1", "0.5", "+Inf", "NaN:0x1"};

    @Test
    void mutatedInputsOnlyRaiseParseException() {
        List<String> seeds = new ArrayList<>();
        for (Path p : TestFiles.clifFiles(TestFiles.corpus().resolve("filetests"))) seeds.add(TestFiles.read(p));
        seeds.add("function %f(i64) -> i64 {\n    ss0 = explicit_slot 8\nblock0(v0: i64):\n    v1 = iadd_imm v0, 1\n"
                + "    store notrap v1, v0+8\n    brif v1, block1(v1), block1(v0)\nblock1(v2: i64):\n    return v2\n}\n; run: %f(1) == 2\n");
        SplittableRandom rnd = new SplittableRandom(0xa64);
        for (int iter = 0; iter < 6_000; iter++) {
            String s = seeds.get(rnd.nextInt(seeds.size()));
            StringBuilder sb = new StringBuilder(s);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
                    case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(6)));
                    default -> sb.setCharAt(at, (char) (rnd.nextInt(0x60) + 0x20));
                }
            }
            String text = sb.toString();
            try {
                var m = Parser.parse(text);
                Printer.print(m);
            } catch (ParseException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("seed 0xa64 iteration " + iter + " threw " + e + " on:\n" + text, e);
            }
        }
    }
}
