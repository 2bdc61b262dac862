package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.a64w.diff.RuntestResult;
import dev.a64w.cranelift.CraneliftClient;
import dev.a64w.cranelift.DriverBinary;
import dev.a64w.diff.CraneliftRuntestRunner;
import dev.a64w.diff.RuntestRunner;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cranelift's own runtests (../shared/peers/cranelift-runtests, used by path, never copied) as an
 * external conformance bar: every run line of every function the backend supports must pass on
 * the emulated CPU. Part of {@code mvn verify -Pconformance}; the directory must be there.
 */
@Epic("fuzz")
@Feature("conformance")
@Tag("conformance")
class RuntestsConformanceTest {
    static Path runtests() {
        Path root = Path.of(System.getProperty("a64w.root", ".."));
        return root.resolve("../shared/peers/cranelift-runtests").normalize();
    }

    @Test
    void everySupportedRunLinePasses() throws Exception {
        Path dir = runtests();
        assumeTrue(Files.isDirectory(dir), "Cranelift runtests not found at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
        }
        RuntestRunner runner = new RuntestRunner();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        for (Path f : files) {
            RuntestResult r = runner.run(f.getFileName().toString(), Parser.parse(read(f)));
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
            log.append(f.getFileName()).append(": ").append(r.counts()).append('\n');
            r.messages().forEach(m -> log.append("  ").append(m).append('\n'));
            if (r.failed() > 0) failures.addAll(r.messages());
        }
        String total = passed + " passed, " + failed + " failed, " + skipped + " skipped";
        Allure.addAttachment("runtests", "text/plain", log + total + "\n");
        System.out.println("cranelift runtests: " + total);
        assertEquals(0, failed, total + "\n" + String.join("\n", failures));
        assertTrue(passed > 3000, "suspiciously few run lines passed: " + total);
    }

    /**
     * The same run lines through the Cranelift leg (Windows ARM64: the driver's object, lld-link,
     * the Windows calling convention, traps through the trap table). Cranelift's failures here are
     * Cranelift-side results to triage, not a failure of this build: the totals are reported.
     */
    @Test
    void runtestsThroughTheCraneliftLeg() throws Exception {
        Path dir = runtests();
        assumeTrue(Files.isDirectory(dir), "Cranelift runtests not found at " + dir);
        try (CraneliftClient client = new CraneliftClient()) {
            assumeTrue(client.available(), DriverBinary.locate().reason());
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
            }
            CraneliftRuntestRunner runner = new CraneliftRuntestRunner(client);
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            StringBuilder log = new StringBuilder();
            for (Path f : files) {
                RuntestResult r = runner.run(f.getFileName().toString(), Parser.parse(read(f)));
                passed += r.passed();
                failed += r.failed();
                skipped += r.skipped();
                log.append(f.getFileName()).append(": ").append(r.counts()).append('\n');
                r.messages().forEach(m -> log.append("  ").append(m).append('\n'));
            }
            String total = passed + " passed, " + failed + " failed, " + skipped + " skipped";
            Allure.addAttachment("runtests through the Cranelift leg", "text/plain", log + total + "\n");
            Path report = Path.of(System.getProperty("a64w.root", "..")).resolve("fuzz/target/cranelift-runtests.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, log + total + "\n");
            System.out.println("cranelift runtests through the Cranelift leg: " + total + " (details: " + report + ")");
            assertTrue(passed > 0, "no run line passed through the Cranelift leg: " + total);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
