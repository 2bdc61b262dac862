package dev.a64w.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.RunLines;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files under corpus/filetests: {@code parse/} (the printer reproduces the file exactly;
 * {@code -Dbless=true} rewrites them), {@code verify/} (each function's diagnostics are exactly
 * those announced by the {@code ; error: <substring>} lines after it) and {@code run/} (the module
 * verifies and every run line passes in the interpreter).
 */
@Epic("subject")
@Feature("ir.filetests")
class FiletestsTest {
    private static final Pattern FUNCTION = Pattern.compile("^function %([A-Za-z0-9_]+)");
    private static final Pattern ERROR = Pattern.compile("^;\\s*error:\\s*(.*\\S)\\s*$");

    private static Stream<DynamicTest> tests(String kind, TestFiles.FileCheck check) {
        return TestFiles.goldenTests(kind, check);
    }

    @TestFactory
    Stream<DynamicTest> parse() {
        return tests("parse", f -> {
            String text = TestFiles.read(f);
            try {
                Module m = Parser.parse(text);
                assertTrue(m.header().contains("test parse"), f + ": missing 'test parse' header");
                String printed = Printer.print(m);
                if (TestFiles.bless()) {
                    Files.writeString(f, printed);
                    return;
                }
                assertEquals(text, printed, f + ": printer output differs (run with -Dbless=true to accept)");
                assertEquals(m, Parser.parse(printed), f + ": parse(print(m)) != m");
            } catch (Exception e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        });
    }

    /** The {@code ; error:} substrings announced after each function ("" for the module level). */
    static Map<String, List<String>> expectedErrors(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = "";
        for (String line : text.split("\n")) {
            Matcher fm = FUNCTION.matcher(line);
            if (fm.find()) {
                current = fm.group(1);
                out.putIfAbsent(current, new ArrayList<>());
            }
            Matcher em = ERROR.matcher(line.strip());
            if (em.matches()) out.computeIfAbsent(current, k -> new ArrayList<>()).add(em.group(1));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> verify() {
        return tests("verify", f -> {
            String text = TestFiles.read(f);
            try {
                Module m = Parser.parse(text);
                assertTrue(m.header().contains("test verify"), f + ": missing 'test verify' header");
                Map<String, List<String>> expected = expectedErrors(text);
                Map<String, List<String>> actual = new LinkedHashMap<>();
                for (Diagnostic d : Verifier.check(m)) actual.computeIfAbsent(d.function(), k -> new ArrayList<>()).add(d.toString());
                List<String> problems = new ArrayList<>();
                for (var e : expected.entrySet()) {
                    List<String> got = actual.getOrDefault(e.getKey(), List.of());
                    for (String want : e.getValue()) {
                        if (got.stream().noneMatch(g -> g.contains(want))) problems.add("%" + e.getKey() + ": missing '" + want + "' in " + got);
                    }
                    for (String g : got) {
                        if (e.getValue().stream().noneMatch(g::contains)) problems.add("unexpected: " + g);
                    }
                }
                for (var a : actual.entrySet()) if (!expected.containsKey(a.getKey())) problems.add("unexpected: " + a.getValue());
                assertTrue(problems.isEmpty(), () -> f + ":\n" + String.join("\n", problems));
                assertTrue(expected.values().stream().anyMatch(l -> !l.isEmpty()), f + ": a verify test needs '; error:' lines");
            } catch (Exception e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> run() {
        return tests("run", f -> {
            try {
                Module m = Parser.parse(TestFiles.read(f));
                assertTrue(m.header().contains("test interpret"), f + ": missing 'test interpret' header");
                assertEquals(List.of(), m.skipped(), f + ": golden run files use only supported features");
                assertEquals(List.of(), Verifier.check(m), f + ": does not verify");
                var s = RunLines.summarize(m, new Interpreter(m, new StandardHost(), 10_000_000));
                assertTrue(s.passed() > 0, f + ": no run lines");
                assertEquals(List.of(), s.failures(), f + ": failing run lines");
            } catch (Exception e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        });
    }
}
