package dev.a64w.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.Check;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Verdict;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triage on small stored findings directories. The reproducing finding is one every build shows: a
 * module that does not verify is a {@code mismatch:valid} on our side (the controlled bug). A finding
 * whose verdict the module does not give checked alone is the other path.
 */
@Epic("fuzz")
@Feature("triage")
class TriageTest {
    static final String INVALID = """
            function %bad(i64) -> i32 {
            block0(v0: i64):
                return v0
            }
            function %good(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 1
                return v1
            }
            ; run: %good(1) == 2
            """;
    static final String FINE = """
            function %f(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 1
                return v1
            }
            ; run: %f(1) == 2
            """;

    private static final HarnessConfig CONFIG = HarnessConfig.defaults().withCranelift(false).withLlvm(false);

    /** Stores {@code clif} as a raw finding of our side, as the campaign does. */
    static void store(Path dir, Verdict v, long caseIndex, String clif) {
        new FindingStore(dir).subfolder("subject").save(Signature.of(v) + "-" + caseIndex, v,
                "a64w fuzz --seed 7 (case " + caseIndex + ", case seed 99)", CraneliftVariant.DEFAULT.header() + "\n" + clif);
    }

    static Verdict validMismatch() {
        try (var h = new dev.a64w.diff.Harness(CONFIG)) {
            Verdict v = h.check("x", dev.a64w.ir.text.Parser.parse(INVALID), List.of()).verdict();
            assertTrue(v instanceof Verdict.Mismatch m && m.check() == Check.VALID, v.line());
            return v;
        } catch (dev.a64w.ir.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    static TriageOptions options(Path regressions) {
        return TriageOptions.defaults().withHarness(CONFIG).withReduceTime(Duration.ofSeconds(20)).withTotalTime(Duration.ofSeconds(60))
                .withRegressions(Optional.ofNullable(regressions));
    }

    @Test
    void writesReproducerRegressionAndIssueOncePerSignature(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        Path corpus = Files.createDirectories(tmp.resolve("corpus-regressions"));
        Verdict valid = validMismatch();
        store(dir, valid, 12, INVALID);
        store(dir, valid, 3, INVALID);
        Verdict fake = new Verdict.Mismatch(Check.MC, "text differs at .text+0x4: 0x54000063 vs 0x54000043");
        store(dir, fake, 5, FINE);
        List<String> progress = new ArrayList<>();

        TriageSummary first = Triage.run(dir, options(corpus), progress::add);

        assertEquals(2, first.written().size(), first.lines().toString());
        String validSig = Signature.of(valid);
        String fakeSig = Signature.of(fake);
        var byStatus = first.items().stream().collect(java.util.stream.Collectors.toMap(TriageSummary.Item::signature, i -> i));
        assertEquals(2, byStatus.get(validSig).findings());
        assertEquals(TriageSummary.Status.NOT_REPRODUCED, byStatus.get(fakeSig).status());
        // the reproducing finding: all three files, the first finding (case 3) named as the origin
        String issue = Files.readString(dir.resolve("issues/subject--" + validSig + ".md"));
        assertTrue(issue.startsWith("# valid: "), issue);
        assertEquals(1, issue.lines().filter(l -> l.equals(IssueText.marker("subject--" + validSig))).count(), issue);
        assertTrue(issue.contains("case: 3") && issue.contains("./a64w check regressions/" + validSig + ".clif"), issue);
        assertTrue(Files.exists(dir.resolve("subject/reduced/" + validSig + ".clif")));
        String regression = Files.readString(dir.resolve("regressions/" + validSig + ".clif"));
        assertTrue(regression.startsWith("test interpret\ntarget aarch64\n"), regression);
        try {
            // the replay (AdversarialCorpusTest) reads it as CLIF with its run lines
            assertEquals(1, dev.a64w.ir.text.Parser.parse(regression).runs().size(), regression);
        } catch (dev.a64w.ir.text.ParseException e) {
            throw new AssertionError(regression, e);
        }
        // our side's reproducing finding goes into the regressions folder and is listed as a known failure there
        assertTrue(Files.exists(corpus.resolve(validSig + ".clif")));
        assertTrue(Files.readString(corpus.resolve("known-failures.txt")).contains(validSig + ".clif a64w triage: valid: "));
        assertTrue(Files.readString(dir.resolve("regressions/known-failures.txt")).contains(validSig + ".clif "));
        // the finding that does not reproduce is written for a person, but never listed (it would pass the replay)
        assertTrue(Files.readString(dir.resolve("issues/subject--" + fakeSig + ".md")).contains("checked again alone it gives pass"));
        assertFalse(Files.exists(corpus.resolve(fakeSig + ".clif")));
        assertFalse(Files.readString(corpus.resolve("known-failures.txt")).contains(fakeSig));

        // idempotent: a second run does nothing
        List<Path> before = files(dir);
        String list = Files.readString(corpus.resolve("known-failures.txt"));
        TriageSummary second = Triage.run(dir, options(corpus), line -> { });
        assertEquals(0, second.written().size(), second.lines().toString());
        assertEquals(2, second.items().size());
        assertEquals(before, files(dir));
        assertEquals(list, Files.readString(corpus.resolve("known-failures.txt")));
    }

    @Test
    void whenTheTotalBudgetIsSpentTheIssueSaysTheReproducerIsNotReduced(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        Verdict valid = validMismatch();
        store(dir, valid, 1, INVALID);
        TriageSummary s = Triage.run(dir, options(null).withTotalTime(Duration.ZERO), line -> { });
        assertEquals(TriageSummary.Status.NOT_REDUCED, s.items().getFirst().status(), s.lines().toString());
        assertTrue(Files.readString(dir.resolve("issues/subject--" + Signature.of(valid) + ".md"))
                .contains("not reduced: the total triage budget"));
    }

    @Test
    void aMissingDirectoryOrOneThatHoldsNoFindingsIsBadInput(@TempDir Path tmp) throws IOException {
        TriageException missing = assertThrows(TriageException.class, () -> Triage.run(tmp.resolve("nope"), options(null), l -> { }));
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
        Files.writeString(tmp.resolve("x.txt"), "x");
        TriageException notFindings = assertThrows(TriageException.class, () -> Triage.run(tmp, options(null), l -> { }));
        assertTrue(notFindings.getMessage().contains("not a findings directory"), notFindings.getMessage());
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
