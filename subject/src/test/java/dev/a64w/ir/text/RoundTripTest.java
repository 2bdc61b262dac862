package dev.a64w.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Module;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.TestFiles;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("ir.text")
class RoundTripTest {

    /** Run lines per function without their source line numbers (printing moves them). */
    static Map<String, List<RunLine>> runsByFunction(Module m, Set<String> printable) {
        Map<String, List<RunLine>> out = new LinkedHashMap<>();
        for (RunLine r : m.runs()) {
            if (!printable.contains(r.function())) continue;
            out.computeIfAbsent(r.function(), k -> new ArrayList<>())
                    .add(new RunLine(0, r.function(), r.args(), r.equal(), r.expected()));
        }
        return out;
    }

    static void assertRoundTrip(Path file, Module m) throws ParseException {
        String printed = Printer.print(m);
        Module again;
        try {
            again = Parser.parse(printed);
        } catch (ParseException e) {
            throw new AssertionError(file + ": printed text does not parse: " + e.getMessage() + "\n" + printed, e);
        }
        assertEquals(m.header(), again.header(), file + ": header");
        assertEquals(m.imports(), again.imports(), file + ": imports");
        assertEquals(m.data(), again.data(), file + ": data");
        assertEquals(m.functions(), again.functions(), () -> file + ": functions differ after print/parse\n" + printed);
        Set<String> names = m.functions().stream().map(f -> f.name()).collect(Collectors.toSet());
        assertEquals(runsByFunction(m, names), runsByFunction(again, names), file + ": run lines");
        assertEquals(printed, Printer.print(again), file + ": printing is not stable");
    }

    @Test
    void corpusFilesRoundTrip() throws Exception {
        List<Path> files = TestFiles.clifFiles(TestFiles.corpus().resolve("filetests"));
        for (Path f : files) assertRoundTrip(f, Parser.parse(TestFiles.read(f)));
    }

    @Test
    void craneliftRuntestsParseAndRoundTrip() throws Exception {
        var dir = TestFiles.craneliftRuntests();
        Assumptions.assumeTrue(dir.isPresent(), "shared/peers/cranelift-runtests not present");
        int files = 0, functions = 0, skipped = 0;
        List<String> failures = new ArrayList<>();
        for (Path f : TestFiles.clifFiles(dir.get())) {
            files++;
            Module m;
            try {
                m = Parser.parse(TestFiles.read(f));
            } catch (ParseException e) {
                failures.add(f.getFileName() + ":" + e.getMessage());
                continue;
            }
            functions += m.functions().size();
            skipped += m.skipped().size();
            assertRoundTrip(f, m);
        }
        System.out.printf("cranelift runtests: %d files, %d functions parsed, %d skipped as unsupported%n",
                files, functions, skipped);
        assertTrue(failures.isEmpty(), () -> "parse failures:\n" + String.join("\n", failures));
    }
}
