package dev.a64w.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.diff.Check;
import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The issue text of a Run finding against its golden file ({@code issue-golden.md}); {@code -Dbless=true}
 * rewrites the golden file (review the diff).
 */
@Epic("fuzz")
@Feature("triage")
class IssueTextTest {
    private static final Path GOLDEN = Path.of("src/test/resources/dev/a64w/findings/issue-golden.md");

    static IssueText sample() {
        Verdict v = new Verdict.Mismatch(Check.RUN, "f0: result 0 (i64) differs: subject 0xff80, interpreter 0xffffffffffffff80 "
                + "(zero-extended from i16, the interpreter sign-extends)");
        String sig = Signature.of(v);
        FindingFile header = FindingFile.parse("; a64w finding: " + v.line() + "\n; signature: " + sig
                + "\n; origin: a64w fuzz --seed 1 (case 17, case seed 42)\n; cranelift: opt=none pic=false\n").orElseThrow();
        String clif = """
                test interpret
                target aarch64
                function %f0(i64) -> i64 {
                block0(v0: i64):
                    v1 = sload16.i64 v0
                    return v1
                }
                ; run: %f0(0) == -128
                """;
        List<SideBySide.Part> parts = List.of(new SideBySide.Part("Results: interpreter vs our code", SideBySide.runTable(List.of(
                "%f0(0): interpreter returned [0xffffffffffffff80], subject returned x0=0xff80  <-- result 0 (i64) differs: subject "
                        + "0xff80, interpreter 0xffffffffffffff80"), ""), true));
        return new IssueText(Side.SUBJECT, sig, v, clif, "regressions/" + sig + ".clif", "reduced from 312 to 2 instructions in 90 "
                + "checks (fixpoint, budget 60 s)", header, 4, parts, "a64w test");
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        String text = sample().render();
        if (Boolean.getBoolean("bless")) Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), text);
    }

    @Test
    void theFirstLineIsTheTitleAndTheBodyHoldsTheMarkerOnce() {
        IssueText t = sample();
        String text = t.render();
        assertTrue(text.startsWith("# run: result differs (zero-extended from i16, the interpreter sign-extends)\n"),
                text);
        assertEquals(1, text.lines().filter(l -> l.equals("<!-- a64w-signature: subject--" + t.signature() + " -->")).count());
    }
}
