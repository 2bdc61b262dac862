package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table (README "Bad input"): each row is an input, the commands it is given to, and
 * the message it must get. Every row must give exit code 2, exactly one line on stderr that matches
 * its message (so the row's own check was reached: the messages differ from row to row), no stack
 * trace, and nothing on stdout.
 */
@Epic("fuzz")
@Feature("cli")
class CliBadInputTest {
    @TempDir
    static Path dir;

    static final List<String> CLIF_COMMANDS = List.of("compile", "run", "check", "reduce");
    static final String HDR = "test run\ntarget aarch64\n";

    /** One row: a name, how to make the input file (null: the row's arguments name no file), its commands, the message. */
    record Row(String name, Function<Path, byte[]> content, List<String> commands, String message, List<String> extraArgs) {
        Row(String name, String text, List<String> commands, String message) {
            this(name, p -> text.getBytes(StandardCharsets.UTF_8), commands, message, List.of());
        }
    }

    static String fn(String body) {
        return HDR + "function %f(i64) -> i64 {\n" + body + "}\n; run: %f(1) == 1\n";
    }

    static String blockChain(int n) {
        StringBuilder b = new StringBuilder("block0(v0: i64):\n    jump block1(v0)\n");
        for (int i = 1; i < n; i++) b.append("block").append(i).append("(v").append(i).append(": i64):\n    jump block").append(i + 1).append("(v").append(i).append(")\n");
        return b.append("block").append(n).append("(v").append(n).append(": i64):\n    return v").append(n).append('\n').toString();
    }

    /** Block i branches to i+1 or to the exit: a dominator tree n deep, the exit with n predecessors. */
    static String nested(int n) {
        StringBuilder b = new StringBuilder("block0(v0: i64):\n    brif v0, block1, block" + (n + 1) + "\n");
        for (int i = 1; i < n; i++) b.append("block").append(i).append(":\n    brif v0, block").append(i + 1).append(", block").append(n + 1).append('\n');
        return b.append("block").append(n).append(":\n    jump block").append(n + 1).append("\nblock").append(n + 1).append(":\n    return v0\n").toString();
    }

    static String manyFunctions(int n) {
        StringBuilder b = new StringBuilder(HDR);
        for (int i = 0; i < n; i++) b.append("function %f").append(i).append("(i64) -> i64 {\nblock0(v0: i64):\n    v1 = iadd_imm v0, ").append(i).append("\n    return v1\n}\n");
        return b.append("; run: %f7(1) == 8\n").toString();
    }

    static String longBlock(int n) {
        StringBuilder b = new StringBuilder("block0(v0: i64):\n");
        for (int i = 1; i < n; i++) b.append("    v").append(i).append(" = iadd_imm v").append(i - 1).append(", 1\n");
        return b.append("    return v").append(n - 1).append('\n').toString();
    }

    static final String VALID = fn("block0(v0: i64):\n    return v0\n");
    static final String FULL = fn("block0(v0: i64):\n    v1 = iadd_imm v0, 1\n    v2 = imul v1, v0\n    return v2\n");

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("missing file", null, CLIF_COMMANDS, "missing\\.clif: no such file", List.of()));
        rows.add(new Row("directory", p -> null, CLIF_COMMANDS, "adir: is a directory, not a file", List.of()));
        rows.add(new Row("empty file", "", CLIF_COMMANDS, "empty file\\.clif: no function in the file"));
        rows.add(new Row("header and comments only", HDR + "; nothing here\n", CLIF_COMMANDS, "no function in the file"));
        rows.add(new Row("binary garbage", p -> {
            byte[] b = new byte[4096];
            new Random(1).nextBytes(b);
            return b;
        }, CLIF_COMMANDS, "not UTF-8 text \\(byte 0x[0-9a-f]{2} at offset \\d+\\)", List.of()));
        rows.add(new Row("text garbage", "}{ %% v1 = = block9(\n", CLIF_COMMANDS, "text garbage\\.clif:1:4: expected a name after '%'"));
        rows.add(new Row("truncated mid-instruction", FULL.substring(0, FULL.indexOf("imul") + 6), CLIF_COMMANDS,
                "\\.clif:6:15: expected a value vN, found 'v'"));
        rows.add(new Row("truncated after a block", FULL.substring(0, FULL.indexOf("    return")), CLIF_COMMANDS, "\\.clif:\\d+:\\d+: .*expected.*"));
        rows.add(new Row("integer literal beyond 64 bits", fn("block0(v0: i64):\n    v1 = iconst.i64 123456789012345678901234567890\n    return v1\n"),
                CLIF_COMMANDS, ":5:21: number too large: '123456789012345678901234567890'"));
        rows.add(new Row("immediate beyond 64 bits", fn("block0(v0: i64):\n    v1 = iadd_imm v0, 0x1_0000_0000_0000_0000\n    return v1\n"),
                CLIF_COMMANDS, ":5:23: too many hexadecimal digits in '0x1_0000_0000_0000_0000'"));
        rows.add(new Row("memory offset beyond 32 bits", fn("block0(v0: i64):\n    v1 = load.i64 v0+99999999999\n    return v1\n"),
                CLIF_COMMANDS, "offset out of 32-bit range: \\+99999999999"));
        rows.add(new Row("stack slot beyond 32 bits", fn("    ss0 = explicit_slot 99999999999\nblock0(v0: i64):\n    v1 = stack_load.i64 ss0\n    return v1\n"),
                CLIF_COMMANDS, "stack slot size out of range: 99999999999"));
        rows.add(new Row("stack slot alignment 2^32", fn("    ss0 = explicit_slot 8, align = 4294967296\nblock0(v0: i64):\n    v1 = stack_load.i64 ss0\n    return v1\n"),
                CLIF_COMMANDS, "stack slot alignment is not a power of two: 4294967296"));
        rows.add(new Row("data object of 10^11 bytes", HDR + "; data: %d align=8 zero=99999999999\n" + VALID.substring(HDR.length()),
                CLIF_COMMANDS, "data %d: zero size 99999999999 out of range"));
        rows.add(new Row("data alignment 2^32", HDR + "; data: %d align=4294967296 zero=8\n" + VALID.substring(HDR.length()),
                CLIF_COMMANDS, "data %d: align 4294967296 is not a power of two in 1\\.\\.4096"));
        rows.add(new Row("data objects over 64 MiB in all", HDR + "; data: %a zero=16777216\n; data: %b zero=16777216\n; data: %c zero=16777216\n"
                + "; data: %d zero=16777216\n; data: %e zero=8\n" + VALID.substring(HDR.length()),
                CLIF_COMMANDS, "67108872 bytes of data objects, more than the limit of 67108864"));
        rows.add(new Row("10^5 blocks in a chain", fn(blockChain(100_000)), CLIF_COMMANDS, "%f: 100001 blocks, more than the limit of 4096 per function"));
        rows.add(new Row("10^5 nested branches", fn(nested(100_000)), CLIF_COMMANDS, "%f: 100002 blocks, more than the limit of 4096 per function"));
        rows.add(new Row("4097 blocks", fn(blockChain(4096)), CLIF_COMMANDS, "%f: 4097 blocks, more than the limit of 4096 per function"));
        rows.add(new Row("10^5 instructions in a block", fn(longBlock(100_000)), CLIF_COMMANDS,
                "%f: 100000 instructions, more than the limit of 65536 per function"));
        rows.add(new Row("10^5 functions", manyFunctions(100_000), CLIF_COMMANDS, "100000 functions, more than the limit of 10000 per module"));
        rows.add(new Row("file over 16 MiB", p -> ("; " + "x".repeat(80) + "\n").repeat(210_000).getBytes(StandardCharsets.US_ASCII),
                CLIF_COMMANDS, "17430000 bytes, more than the limit of 16777216", List.of()));
        rows.add(new Row("import of an unknown host function", HDR + "; import: %nosuch from \"host.dll\"\n"
                + fn("    fn0 = %nosuch(i64) -> i64\nblock0(v0: i64):\n    v1 = call fn0(v0)\n    return v1\n").substring(HDR.length()), CLIF_COMMANDS,
                Pattern.quote("import %nosuch from \"host.dll\": not a host function (known: host_id(i64) -> i64, host_mix(i64, i64) -> i64, "
                        + "host_sink(i64), host_sum4(i64, i64, i64, i64) -> i64)")));
        rows.add(new Row("host function declared with other types", HDR + "; import: %host_mix from \"host.dll\"\n"
                + fn("    fn0 = %host_mix(i64) -> i64\nblock0(v0: i64):\n    v1 = call fn0(v0)\n    return v1\n").substring(HDR.length()), CLIF_COMMANDS,
                Pattern.quote("%f fn0: declares host function %host_mix as (i64) -> i64, the host's is (i64, i64) -> i64")));
        rows.add(new Row("IR that does not verify", fn("block0(v0: i64):\n    v1 = iadd v0, v9\n    return v1\n"), CLIF_COMMANDS,
                Pattern.quote("does not verify: %f: block0/inst0 (v1 = iadd v0, v9): v9 is used but never defined")));
        rows.add(new Row("IR with two verifier errors", fn("block0(v0: i64):\n    v1 = iadd v0, v9\n    v2 = iadd v0, v8\n    return v1\n"),
                CLIF_COMMANDS, "does not verify: %f: block0/inst0 .*\\(and 1 more\\)"));
        rows.add(new Row("ill-typed IR", HDR + "function %f(i32, i64) -> i32 {\nblock0(v0: i32, v1: i64):\n    v2 = iadd v0, v1\n    return v2\n}\n",
                CLIF_COMMANDS, Pattern.quote("does not verify: %f: block0/inst0 (v2 = iadd v0, v1): operand types differ: i32 vs i64")));
        rows.add(new Row("unknown option", p -> VALID.getBytes(StandardCharsets.UTF_8), CLIF_COMMANDS,
                "a64w (compile|run|check|reduce): Unknown option: '--nope' \\(see 'a64w \\w+ --help'\\)", List.of("--nope")));
        return rows;
    }

    /** Rows for one command only: option values and outputs. */
    static List<Row> optionRows() {
        Function<Path, byte[]> valid = p -> VALID.getBytes(StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("reduce --time banana", valid, List.of("reduce"), "a64w reduce: Invalid value for option '--time': 'banana' is not a duration.*", List.of("--time", "banana")));
        rows.add(new Row("check --cranelift opt=fast", valid, List.of("check"), Pattern.quote("--cranelift: expected opt=none|speed,pic=false|true, got opt=fast"),
                List.of("--no-cranelift", "--cranelift", "opt=fast")));
        rows.add(new Row("compile without -o", valid, List.of("compile"), "a64w compile: Missing required option: '-o=OUT.obj'.*", List.of()));
        rows.add(new Row("compile -o into a missing directory", valid, List.of("compile"), "no/such/dir/x\\.obj: cannot write: no such directory .*no/such/dir",
                List.of("-o", "OUT:no/such/dir/x.obj")));
        rows.add(new Row("reduce -o a directory", valid, List.of("reduce"), "is a directory; -o takes the file to write", List.of("-o", "OUT:.")));
        rows.add(new Row("fuzz --jobs 0", null, List.of("fuzz"), Pattern.quote("--jobs must be at least 1"), List.of("--jobs", "0")));
        rows.add(new Row("fuzz --batch 0", null, List.of("fuzz"), Pattern.quote("--batch must be at least 1"), List.of("--batch", "0")));
        rows.add(new Row("fuzz --fuel 0", null, List.of("fuzz"), Pattern.quote("--fuel must be at least 1"), List.of("--fuel", "0")));
        rows.add(new Row("fuzz --max-cases 0", null, List.of("fuzz"), Pattern.quote("--max-cases must be at least 1"), List.of("--max-cases", "0")));
        rows.add(new Row("fuzz --level nope", null, List.of("fuzz"), "a64w fuzz: Invalid value for option '--level': expected one of \\[skeleton, integer, large, floats\\].*",
                List.of("--level", "nope")));
        rows.add(new Row("fuzz --time soon", null, List.of("fuzz"), "a64w fuzz: Invalid value for option '--time'.*", List.of("--time", "soon")));
        rows.add(new Row("fuzz --seed x", null, List.of("fuzz"), "a64w fuzz: Invalid value for option '--seed': 'x' is not a long.*", List.of("--seed", "x")));
        rows.add(new Row("unknown command", null, List.of("nosuchcommand"), "a64w: Unmatched argument at index 0: 'nosuchcommand'.*", List.of()));
        // audit reads Windows images and objects, not CLIF
        rows.add(new Row("audit: missing file", null, List.of("audit"), "a64w: .*missing\\.clif: no such file", List.of()));
        rows.add(new Row("audit: directory", p -> null, List.of("audit"), "a64w: .*adir: is a directory, not a file", List.of()));
        rows.add(new Row("audit: empty file", "", List.of("audit"), "a64w: .*empty file\\.obj: not a PE image or COFF object \\(0 bytes\\)"));
        rows.add(new Row("audit: binary garbage", p -> {
            byte[] b = new byte[4096];
            new Random(2).nextBytes(b);
            return b;
        }, List.of("audit"), "a64w: .*binary garbage\\.obj: not a PE image or COFF object \\(no 'MZ', and 0x[0-9a-f]+ is no known machine\\)", List.of()));
        rows.add(new Row("audit: a CLIF file", VALID, List.of("audit"), "a64w: .*a CLIF file\\.obj: not a PE image or COFF object \\(no 'MZ', and 0x6574 is no known machine\\)"));
        rows.add(new Row("audit: truncated PE image", p -> new byte[] {'M', 'Z', 0, 0, 0, 0, 0, 0, 0, 0}, List.of("audit"), "a64w: .*truncated PE image\\.obj: truncated PE image \\(10 bytes, no complete DOS header\\)", List.of()));
        return rows;
    }

    /** The limits are not set below what works: a function at the block limit compiles and runs (no StackOverflowError). */
    @org.junit.jupiter.api.Test
    void atTheBlockLimitCompileAndRunWork() throws IOException {
        for (String body : List.of(blockChain(InputLimits.MAX_BLOCKS - 1), nested(InputLimits.MAX_BLOCKS - 2))) {
            Path p = dir.resolve("limit-" + body.length() + ".clif");
            Files.writeString(p, fn(body));
            CliRun c = CliTest.cli("compile", p.toString(), "-o", dir.resolve("limit.obj").toString());
            assertEquals(0, c.code(), c.err());
            CliRun r = CliTest.cli("run", p.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals("1 passed, 0 failed, 0 skipped", r.out().lines().toList().getLast());
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Row r : rows()) for (String c : r.commands()) out.add(Arguments.of(r.name(), c, r));
        for (Row r : optionRows()) for (String c : r.commands()) out.add(Arguments.of(r.name(), c, r));
        return out.stream();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void badInputGetsOneLineAndExit2(String name, String command, Row row) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        String fileArg = null;
        if (row.content() != null) {
            Path p = dir.resolve(command + "-" + name.replaceAll("[^A-Za-z0-9^ -]", "_") + (command.equals("audit") ? ".obj" : ".clif"));
            byte[] bytes = row.content().apply(p);
            if (bytes == null) {
                p = dir.resolve(command + "-" + name.replace(' ', '_') + "-adir");
                Files.createDirectories(p);
            } else {
                Files.write(p, bytes);
            }
            fileArg = p.toString();
        } else if (!command.equals("fuzz") && !command.equals("nosuchcommand")) {
            fileArg = dir.resolve("missing.clif").toString();
        }
        if (fileArg != null) args.add(fileArg);
        for (String a : row.extraArgs()) args.add(a.startsWith("OUT:") ? dir.resolve(a.substring(4)).toString() : a);
        if (command.equals("compile") && !row.name().equals("compile without -o") && !args.contains("-o")) {
            args.addAll(List.of("-o", dir.resolve("out.obj").toString()));
        }
        if (command.equals("fuzz")) args.addAll(List.of("--out", dir.resolve("fuzz-out").toString()));
        CliRun r = CliTest.cli(args.toArray(String[]::new));
        String all = "args " + args.subList(0, Math.min(args.size(), 6)) + "\nstdout: " + r.out() + "\nstderr: " + r.err();
        assertEquals(2, r.code(), all);
        List<String> errLines = r.err().lines().toList();
        assertEquals(1, errLines.size(), "stderr is one line: " + all);
        assertTrue(Pattern.compile(row.message()).matcher(errLines.getFirst()).find(), "expected /" + row.message() + "/: " + all);
        assertFalse(r.err().contains("at dev.") || r.err().contains("Exception") || r.err().contains("internal error"), "no stack trace: " + all);
        assertEquals("", r.out(), "nothing on stdout: " + all);
    }
}
