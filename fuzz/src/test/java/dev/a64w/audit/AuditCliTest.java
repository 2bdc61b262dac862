package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.cli.Main;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a64w audit} as a user runs it: lines, summary, --quiet, exit codes, one-line errors for bad input. */
@Epic("fuzz")
@Feature("audit")
class AuditCliTest {
    @TempDir
    static Path dir;
    static Path good;
    static Bytes goodBytes;

    record Run(int code, List<String> out, List<String> err) {
    }

    static Run audit(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "audit";
            System.arraycopy(args, 0, all, 1, args.length);
            int code = Main.execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                    err.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path write(String name, Bytes b) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, b.toArray());
        return p;
    }

    @BeforeAll
    static void build() throws IOException {
        goodBytes = AuditFixtures.dll(String.join("", AuditFixtures.GOOD), AuditFixtures.GOOD_NAMES);
        good = write("good.dll", goodBytes);
    }

    @Test
    void goodImageIsOkLineByLine() {
        Run r = audit(good.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(AuditFixtures.GOOD_NAMES.stream().map(n -> n + ": ok").toList(), r.out().subList(0, r.out().size() - 1));
        String summary = r.out().get(r.out().size() - 1);
        assertTrue(summary.matches("audit: 8 functions, [3-7] packed, 8 checked, 0 disagreements, 0 unsupported"), summary);
        assertEquals(1, r.err().size(), r.toString()); // the decode cross-check's note, nothing else
        assertTrue(r.err().get(0).matches("audit: " + java.util.regex.Pattern.quote(good.toString())
                + ": decode cross-check with llvm-readobj: 8 entries, 0 disagreements, \\d+ known differences.*"), r.err().get(0));
    }

    @Test
    void quietPrintsOnlyTheSummaryWhenAllIsWell() {
        Run r = audit("--quiet", good.toString());
        assertEquals(0, r.code());
        assertEquals(1, r.out().size(), r.out().toString());
        assertTrue(r.out().get(0).startsWith("audit: 8 functions"));
    }

    @Test
    void disagreementExitsOneAndSeveralFilesArePrefixed() throws IOException {
        String bad = AuditFixtures.CHAINED.replaceFirst("\\.seh_save_reg x19, 16", ".seh_save_reg x19, 24");
        Path badDll = write("bad.dll", AuditFixtures.dll(bad, List.of("chained")));
        Run r = audit("-q", good.toString(), badDll.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(2, r.out().size(), r.out().toString());
        assertTrue(r.out().get(0).startsWith(badDll + ": chained: disagree +0x8 x19 expected 0x"), r.out().get(0));
        assertTrue(r.out().get(1).startsWith("audit: 9 functions, "), r.out().get(1));
        assertTrue(r.out().get(1).endsWith(" 9 checked, 1 disagreements, 0 unsupported"), r.out().get(1));
    }

    @Test
    void truncatedImageIsOneLineAndExitTwo() throws IOException {
        Path cut = write("cut.dll", goodBytes.slice(0, 0x180));
        assertBad(cut, "truncated PE image");
        Path tiny = write("tiny.dll", goodBytes.slice(0, 0x30));
        assertBad(tiny, "truncated PE image");
        Path noSections = write("nosections.dll", goodBytes.slice(0, goodBytes.size() / 2));
        assertBad(noSections, "truncated PE image: section");
    }

    @Test
    void textIsNotAnImage() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a PE image, it is a note\n");
        assertBad(text, "not a PE image or COFF object");
        Path empty = write("empty.obj", Bytes.EMPTY);
        assertBad(empty, "not a PE image or COFF object (0 bytes)");
        assertBad(dir.resolve("missing.dll"), "no such file");
    }

    @Test
    void x64ImageIsRejected() throws IOException {
        byte[] b = goodBytes.toArray();
        int pe = (int) goodBytes.u32(0x3c);
        b[pe + 4] = 0x64;
        b[pe + 5] = (byte) 0x86;
        assertBad(write("x64.dll", Bytes.of(b)), "not an ARM64 image: machine x64 (0x8664");
        byte[] obj = AuditFixtures.object(AuditFixtures.LEAF).toArray();
        obj[0] = 0x64;
        obj[1] = (byte) 0x86;
        assertBad(write("x64.obj", Bytes.of(obj)), "not an ARM64 object: machine x64 (0x8664");
    }

    private static void assertBad(Path file, String reason) {
        Run r = audit(file.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(List.of(), r.out(), r.toString());
        assertEquals(1, r.err().size(), r.toString());
        assertTrue(r.err().get(0).startsWith("a64w: " + file + ": " + reason), r.err().get(0));
    }
}
