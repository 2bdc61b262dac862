package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, the fixed output lines, error formats. */
@Epic("fuzz")
@Feature("cli")
class CliTest {
    @TempDir
    Path dir;


    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static final String ADD = """
            test run
            target aarch64

            function %add(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                v2 = iadd v0, v1
                return v2
            }
            ; run: %add(1, 2) == 3
            ; run: %add(-1, 1) == 0

            function %twice(i32) -> i32 {
                fn0 = colocated %dbl(i32) -> i32
            block0(v0: i32):
                v1 = call fn0(v0)
                return v1
            }

            function %dbl(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd v0, v0
                return v1
            }
            ; run: %twice(21) == 42

            function %wide(i128, i128) -> i128 {
            block0(v0: i128, v1: i128):
                v2 = iadd v0, v1
                return v2
            }
            ; run: %wide(1, 2) == 3
            """;

    @Test
    void runPassesAndSkipsWithTheFixedSummaryLine() throws IOException {
        CliRun r = cli("run", file("add.clif", ADD).toString());
        assertEquals("3 passed, 0 failed, 1 skipped", r.lines().getLast(), r.out() + r.err());
        assertTrue(r.out().contains("%wide skipped: unsupported"), r.out());
        assertEquals(0, r.code());
    }

    @Test
    void runReportsAWrongExpectation() throws IOException {
        CliRun r = cli("run", file("bad.clif", ADD.replace("== 42", "== 43")).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains(":24: %twice(21) == 43: got 42"), r.out());
        assertEquals("2 passed, 1 failed, 1 skipped", r.lines().getLast());
    }

    @Test
    void malformedInputGivesFileLineColumnAndExit2() throws IOException {
        Path p = file("broken.clif", "function %f(i32) -> i32 {\nblock0(v0: i32):\n    v1 = iadd v0,\n    return v1\n}\n");
        for (String cmd : List.of("run", "check", "compile")) {
            CliRun r = cmd.equals("compile") ? cli(cmd, p.toString(), "-o", dir.resolve("x.obj").toString()) : cli(cmd, p.toString());
            assertEquals(2, r.code(), cmd + ": " + r.out() + r.err());
            assertTrue((r.out() + r.err()).contains(p + ":4:5: "), cmd + ": " + r.out() + r.err());
            assertTrue(!(r.out() + r.err()).contains("at dev.a64w"), "no stack trace: " + r.out() + r.err());
        }
    }

    @Test
    void aFileThatIsNotUtf8IsBadInputWithTheOffset() throws IOException {
        Path p = dir.resolve("latin1.clif");
        java.nio.file.Files.write(p, new byte[] {'f', 'u', 'n', (byte) 0xe9, ' ', '%', 'f'});
        for (String cmd : List.of("run", "check")) {
            CliRun r = cli(cmd, p.toString());
            assertEquals(2, r.code(), cmd + ": " + r.out() + r.err());
            assertTrue((r.out() + r.err()).contains(p + ": not UTF-8 text (byte 0xe9 at offset 3)"), cmd + ": " + r.out() + r.err());
        }
    }

    @Test
    void compileWritesAnObjectAndAListing() throws IOException {
        Path src = file("ok.clif", ADD.substring(0, ADD.indexOf("function %wide")));
        Path obj = dir.resolve("ok.obj");
        Path lst = dir.resolve("ok.s");
        CliRun r = cli("compile", src.toString(), "-o", obj.toString(), "-S", lst.toString());
        assertEquals(0, r.code(), r.err());
        byte[] bytes = Files.readAllBytes(obj);
        assertEquals(0x64, bytes[0] & 0xff);
        assertEquals(0xAA, bytes[1] & 0xff);
        assertTrue(Files.readString(lst).contains("bl dbl"), Files.readString(lst));
    }

    @Test
    void compileOfAnUnsupportedFunctionSaysUnsupported() throws IOException {
        CliRun r = cli("compile", file("f.clif", ADD).toString(), "-o", dir.resolve("f.obj").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("%wide: unsupported: "), r.err());
    }

    @Test
    void checkPrintsOneVerdictPerModule() throws IOException {
        String supported = ADD.substring(0, ADD.indexOf("function %wide"));
        CliRun r = cli("check", "--no-cranelift", file("a.clif", supported).toString(), file("b.clif", ADD).toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(2, r.lines().size(), r.out());
        assertTrue(r.lines().getFirst().endsWith("a.clif: pass"), r.out());
        assertTrue(r.lines().get(1).endsWith("b.clif: unsupported: %wide: type i128 (line 26) (1 of 4 functions unsupported; the rest passed)"), r.out());
    }

    @Test
    void fuzzPrintsTheSummaryLastAndRepeatsWithTheSameSeed() {
        CliRun a = cli("fuzz", "--time", "60s", "--max-cases", "6", "--seed", "7", "--jobs", "1", "--no-cranelift", "--out", dir.resolve("f").toString());
        assertEquals(0, a.code(), a.out() + a.err());
        assertTrue(a.lines().getLast().matches("fuzz: 6 cases, 0 findings, [0-9.]+ cases/s, seed 7"), a.out());
    }

    static final String UNDEFINED_CALLEE = """
            function %main(i64, i64) -> i64 {
                fn0 = %helper(i64) -> i64
                fn1 = %missing(i64) -> i64
            block0(v0: i64, v1: i64):
                v2 = iadd v0, v1
                v3 = call fn0(v2)
                v4 = imul v3, v2
                v5 = call fn1(v4)
                v6 = bxor v5, v3
                return v6
            }
            ; run: %main(1, 2) == 0

            function %helper(i64) -> i64 {
            block0(v0: i64):
                v1 = iconst.i64 7
                v2 = iadd v0, v1
                v3 = imul v2, v2
                return v3
            }
            """;

    @Test
    void checkFlagsALinkErrorAndReduceShrinksItKeepingTheSignature() throws IOException {
        Path src = file("undef.clif", UNDEFINED_CALLEE);
        CliRun check = cli("check", src.toString());
        assertEquals(1, check.code());
        assertTrue(check.out().contains("mismatch:link:undefined symbol: missing"), check.out());

        Path out = dir.resolve("small.clif");
        CliRun r = cli("reduce", src.toString(), "-o", out.toString(), "--time", "60s");
        assertEquals(1, r.code(), r.out() + r.err());
        String reduced = Files.readString(out);
        assertTrue(reduced.contains("; signature: mismatch-link-undefined-symbol-missing"), reduced);
        assertTrue(!reduced.contains("%helper") && !reduced.contains("imul"), reduced);
        CliRun again = cli("check", out.toString());
        assertTrue(again.out().contains("mismatch:link:undefined symbol: missing"), again.out());
    }

    @Test
    void checkOfIllTypedIrIsBadInputWithTheDiagnostic() throws IOException {
        Path p = file("ill.clif", "function %f(i32, i64) -> i32 {\nblock0(v0: i32, v1: i64):\n    v2 = iadd v0, v1\n    return v2\n}\n");
        CliRun r = cli("check", p.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(p + ": does not verify: %f: block0/inst0 (v2 = iadd v0, v1): operand types differ: i32 vs i64"), r.err());
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, cli("fuzz", "--time", "soon").code());
        assertEquals(2, cli("nosuchcommand").code());
    }

    @Test
    void triageOfAMissingOrNonFindingsDirectoryIsBadInputOnOneLine() throws IOException {
        file("x.txt", "not findings");
        for (String[] args : List.of(new String[] {"triage", dir.resolve("nope").toString()}, new String[] {"triage", dir.toString()},
                new String[] {"triage", dir.toString(), "--regressions", dir.resolve("nope").toString()})) {
            CliRun r = cli(args);
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("triage: "), r.err());
        }
    }
}
