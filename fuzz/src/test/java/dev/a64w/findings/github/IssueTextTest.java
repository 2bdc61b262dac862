package dev.a64w.findings.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading issue texts: the contract's shape, what is bad input, GitHub's size limits. */
@Epic("fuzz")
@Feature("findings")
class IssueTextTest {
    @TempDir
    Path dir;

    static final Path FILE = Path.of("out", "issues", "subject--mismatch-run-x.md");

    static String badMessage(String text) {
        return assertThrows(FilingException.class, () -> IssueText.parse(FILE, text)).getMessage();
    }

    @Test
    void titleBodyAndSignatureComeFromTheContractsShape() throws Exception {
        IssueText t = IssueText.parse(FILE, IssueFixtures.text("subject--mismatch-run-x", "mismatch:run: sdiv.i8 by -1"));
        assertEquals("subject--mismatch-run-x", t.signature());
        assertEquals("mismatch:run: sdiv.i8 by -1", t.title());
        assertTrue(t.body().startsWith("**Verdict:**"), "the blank line after the title is not part of the body");
        assertEquals(t.body(), t.postedBody());
        assertEquals(List.of("subject--mismatch-run-x"), IssueMarker.in(t.postedBody()));
    }

    @Test
    void malformedTextsAreNamedWithWhatIsWrong() {
        String marker = IssueMarker.line("subject--mismatch-run-x");
        assertEquals(FILE + ": the first line is not a title line '# <title>'", badMessage("title\n" + marker));
        assertEquals(FILE + ": the first line is not a title line '# <title>'", badMessage("#  \n" + marker));
        assertEquals(FILE + ": the first line is not a title line '# <title>'", badMessage(""));
        assertEquals(FILE + ": no marker line '<!-- a64w-signature: <side>--<signature> -->'", badMessage("# t\nbody\n"));
        assertEquals(FILE + ": no marker line '<!-- a64w-signature: <side>--<signature> -->'",
                badMessage("# t\ntext " + marker + " inline\n"), "a marker counts only on a line of its own");
        assertEquals(FILE + ": 2 marker lines (subject--mismatch-run-x, subject--y), expected one",
                badMessage("# t\n" + marker + "\n" + IssueMarker.line("subject--y") + "\n"));
        assertEquals(FILE + ": its marker names signature subject--y, but the file is not named subject--y.md",
                badMessage("# t\n" + IssueMarker.line("subject--y") + "\n"));
        FilingException e = assertThrows(FilingException.class, () -> IssueText.parse(FILE, "x"));
        assertEquals(FilingException.Reason.BAD_INPUT, e.reason());
    }

    @Test
    void markersAreFoundInBodiesGitHubRewroteWithCrlf() {
        assertEquals(List.of("llvm-o2--a", "cranelift--b"), IssueMarker.in("x\r\n  <!-- a64w-signature: llvm-o2--a -->  \r\ny\r\n"
                + "<!-- a64w-signature: cranelift--b -->"));
        assertEquals(List.of(), IssueMarker.in(null));
        assertEquals(List.of(), IssueMarker.in("<!-- a64w-signature: has space -->"));
        assertThrows(IllegalArgumentException.class, () -> IssueMarker.line("a b"));
    }

    @Test
    void aBodyOverGitHubsLimitIsCutAtALineAndKeepsItsMarker() throws Exception {
        String sig = "subject--mismatch-run-x";
        StringBuilder text = new StringBuilder("# t\n").append(IssueMarker.line(sig)).append('\n');
        for (int i = 0; text.length() < 3 * IssueText.MAX_BODY; i++) {
            text.append("line ").append(i).append(" of a long listing\n");
        }
        IssueText t = IssueText.parse(FILE, text.toString());
        String posted = t.postedBody();
        assertTrue(posted.length() <= IssueText.MAX_BODY, "cut to " + posted.length());
        assertTrue(posted.length() > IssueText.MAX_BODY - 200, "but not much more than needed: " + posted.length());
        assertEquals(List.of(sig), IssueMarker.in(posted), "exactly one marker, at the end");
        assertTrue(posted.contains("of a long listing\n\n*(cut from " + t.body().length() + " characters"), "cut after a whole line");
        String longTitle = "x".repeat(300);
        IssueText titled = IssueText.parse(FILE, "# " + longTitle + "\n" + IssueMarker.line(sig));
        assertEquals(IssueText.MAX_TITLE, titled.postedTitle().length());
        assertTrue(titled.postedTitle().endsWith("\u2026"));
    }

    @Test
    void aDirectoryIsReadInFileNameOrderAndItsBadFilesAreBadInput() throws Exception {
        assertEquals(List.of(), IssueTexts.read(dir), "no issues folder: nothing triaged yet");
        IssueFixtures.write(dir, "subject--b", "B");
        IssueFixtures.write(dir, "llvm-o0--a", "A");
        IssueFixtures.writeRaw(dir, "README.txt", "not an issue text");
        assertEquals(List.of("llvm-o0--a", "subject--b"), IssueTexts.read(dir).stream().map(IssueText::signature).toList());
        FilingException missing = assertThrows(FilingException.class, () -> IssueTexts.read(dir.resolve("nope")));
        assertEquals(dir.resolve("nope") + ": not a directory", missing.getMessage());
        Files.write(dir.resolve("issues").resolve("subject--c.md"), new byte[] {'#', ' ', 't', '\n', (byte) 0xff, '\n'});
        FilingException binary = assertThrows(FilingException.class, () -> IssueTexts.read(dir));
        assertEquals(dir.resolve("issues").resolve("subject--c.md") + ": not UTF-8 text", binary.getMessage());
        assertEquals(FilingException.Reason.BAD_INPUT, binary.reason());
    }
}
