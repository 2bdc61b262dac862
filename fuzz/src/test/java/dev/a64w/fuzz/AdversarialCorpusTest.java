package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.a64w.diff.CaseReport;
import dev.a64w.diff.Harness;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.Invocation;
import dev.a64w.diff.RuntestResult;
import dev.a64w.diff.RuntestRunner;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.verify.Verifier;
import dev.a64w.ir.verify.VerifierException;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every hand-written adversarial module ({@code corpus/adversarial/*.clif}) and every
 * minimized finding ({@code corpus/regressions/*.clif}) in every build. A module passes when
 * <ul>
 *   <li>its {@code ; run:} lines (expected values computed independently of the interpreter) all
 *       pass on the subject's code ({@link RuntestRunner}), and</li>
 *   <li>each {@code ; trap: %f(args) == code} line traps with that code in the interpreter, and</li>
 *   <li>the {@link Harness} finds nothing with the run and trap lines as invocations (so the subject
 *       agrees with the interpreter, including trap codes), or</li>
 *   <li>for a module marked {@code ; expect: rejected}: the parser or the verifier rejects every
 *       function.</li>
 * </ul>
 * A file named in its folder's {@code known-failures.txt} ({@code <file> <reason>}) documents a bug
 * that is not fixed yet: it must FAIL, so fixing the bug forces removing it from the list.
 */
@Epic("fuzz")
@Feature("adversarial corpus")
class AdversarialCorpusTest {
    private static final Pattern TRAP = Pattern.compile(";\\s*trap:\\s*%([A-Za-z0-9_]+)\\((.*)\\)\\s*==\\s*([A-Za-z0-9_]+)\\s*");
    private static final Pattern REJECTED = Pattern.compile("(?m)^;\\s*expect:\\s*rejected\\s*$");

    static Path root() {
        return Path.of(System.getProperty("a64w.root", ".."));
    }

    record TrapLine(String function, List<Long> args, String code) {}

    @TestFactory
    Stream<DynamicTest> adversarial() throws IOException {
        return folder("corpus/adversarial");
    }

    @TestFactory
    Stream<DynamicTest> regressions() throws IOException {
        return folder("corpus/regressions");
    }

    private Stream<DynamicTest> folder(String rel) throws IOException {
        Path dir = root().resolve(rel);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .clif files in " + dir);
        Map<String, String> known = knownFailures(dir.resolve("known-failures.txt"));
        for (String name : known.keySet()) {
            assertTrue(Files.exists(dir.resolve(name)), "known-failures.txt names a missing file: " + name);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String problem = problem(f);
            String reason = known.get(f.getFileName().toString());
            if (reason == null) {
                if (problem != null) fail(f.getFileName() + ": " + problem);
            } else if (problem == null) {
                fail(f.getFileName() + " passes now but is listed in known-failures.txt (" + reason + "): remove it from the list");
            }
        }));
    }

    /** What is wrong with the module, or null if it passes. */
    static String problem(Path file) throws IOException {
        String text = Files.readString(file);
        if (REJECTED.matcher(text).find()) return rejectionProblem(text);
        Module m;
        try {
            m = Parser.parse(text);
        } catch (ParseException e) {
            return "does not parse: " + e.getMessage();
        }
        List<TrapLine> traps = trapLines(text);
        if (m.runs().isEmpty() && traps.isEmpty()) return "no run or trap lines";
        RuntestResult r = new RuntestRunner().run(file.toString(), m);
        if (r.failed() > 0) return "run lines failed: " + String.join("\n", r.messages());
        if (r.skipped() > 0) return "run lines skipped: " + String.join("\n", r.messages());
        String trapProblem = interpreterTraps(m, traps);
        if (trapProblem != null) return trapProblem;
        List<Invocation> invs = new ArrayList<>();
        m.runs().forEach(x -> invs.add(new Invocation(x.function(), x.args())));
        traps.forEach(t -> invs.add(new Invocation(t.function(), t.args())));
        try (Harness h = new Harness(HarnessConfig.defaults())) {
            CaseReport report = h.check(file.toString(), m, invs);
            if (report.verdict().isFinding()) {
                AllureArtifacts.attach(report);
                return "harness finding: " + report.verdict().line();
            }
        }
        return null;
    }

    /** Null when the parser rejects the text or the verifier rejects every function. */
    static String rejectionProblem(String text) {
        Module m;
        try {
            m = Parser.parse(text);
        } catch (ParseException e) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        for (Function f : m.functions()) {
            try {
                Verifier.verify(f, m);
                accepted.add("%" + f.name());
            } catch (VerifierException e) {
                // rejected, as expected
            }
        }
        return accepted.isEmpty() ? null : "expected every function to be rejected, accepted: " + String.join(", ", accepted);
    }

    static String interpreterTraps(Module m, List<TrapLine> traps) {
        for (TrapLine t : traps) {
            Interpreter interp = new Interpreter(m, new StandardHost(), 1_000_000);
            Outcome o = interp.call(t.function(), t.args());
            if (!(o instanceof Outcome.Trapped tr) || !tr.code().name().equals(t.code())) {
                return "interpreter: %" + t.function() + t.args() + " expected to trap " + t.code() + ", got " + o;
            }
        }
        return null;
    }

    static List<TrapLine> trapLines(String text) {
        Module parsed;
        try {
            parsed = Parser.parse(text);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        List<TrapLine> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher mt = TRAP.matcher(line.strip());
            if (!mt.matches()) continue;
            Function f = parsed.function(mt.group(1)).orElseThrow(() -> new IllegalArgumentException("trap line names no function: " + line));
            List<Long> args = new ArrayList<>();
            String[] parts = mt.group(2).isBlank() ? new String[0] : mt.group(2).split(",");
            for (int i = 0; i < parts.length; i++) {
                Type t = i < f.signature().params().size() ? f.signature().params().get(i) : Type.I64;
                args.add(t.sext(number(parts[i].strip())));
            }
            out.add(new TrapLine(mt.group(1), args, mt.group(3)));
        }
        return out;
    }

    static long number(String s) {
        String t = s.replace("_", "");
        boolean neg = t.startsWith("-");
        if (neg) t = t.substring(1);
        long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
        return neg ? -v : v;
    }

    static Map<String, String> knownFailures(Path list) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(list)) return out;
        for (String line : Files.readAllLines(list)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int sp = l.indexOf(' ');
            out.put(sp < 0 ? l : l.substring(0, sp), sp < 0 ? "" : l.substring(sp + 1).strip());
        }
        return out;
    }

    // ---- controls: the judge itself must flag bad modules ----

    @Test
    void wrongExpectedValueIsAProblem(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.clif");
        Files.writeString(f, """
                test interpret
                target aarch64
                function %f(i64) -> i64 {
                block0(v0: i64):
                    v1 = iadd_imm v0, 1
                    return v1
                }
                ; run: %f(1) == 3
                """);
        String p = problem(f);
        assertTrue(p != null && p.contains("run lines failed"), String.valueOf(p));
    }

    @Test
    void wrongTrapCodeIsAProblem(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.clif");
        Files.writeString(f, """
                test interpret
                target aarch64
                function %f(i64) -> i64 {
                block0(v0: i64):
                    trapz v0, user1
                    return v0
                }
                ; run: %f(1) == 1
                ; trap: %f(0) == user2
                """);
        String p = problem(f);
        assertTrue(p != null && p.contains("expected to trap user2"), String.valueOf(p));
    }

    @Test
    void acceptedModuleMarkedRejectedIsAProblem() {
        String p = rejectionProblem("""
                test interpret
                ; expect: rejected
                function %ok(i64) -> i64 {
                block0(v0: i64):
                    return v0
                }
                """);
        assertEquals("expected every function to be rejected, accepted: %ok", p);
        assertEquals(null, rejectionProblem("""
                function %bad(i64) -> i32 {
                block0(v0: i64):
                    return v0
                }
                """));
    }

    @Test
    void trapLinesAreParsedWithTheParameterTypes() {
        List<TrapLine> t = trapLines("""
                function %f(i8, i64) -> i64 {
                block0(v0: i8, v1: i64):
                    return v1
                }
                ; trap: %f(0xff, -0x10) == int_divz
                """);
        assertEquals(List.of(new TrapLine("f", List.of(-1L, -16L), "int_divz")), t);
    }
}
