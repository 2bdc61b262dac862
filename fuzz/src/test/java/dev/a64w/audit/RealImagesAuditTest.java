package dev.a64w.audit;

import dev.a64w.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code a64w audit FILE} on real Windows ARM64 images built by MSVC and by LLVM (pinned in
 * {@link RealImages#PINNED}, fetched from npm on first use and cached). The CLI contract: the last
 * line of the output is exactly {@code audit: N functions, N packed, N checked, N disagreements, N
 * unsupported}, and the exit code is 0 when there are no disagreements. Every image must audit
 * with no disagreement; its function and packed counts must be what {@code .pdata} holds.
 * Part of {@code mvn verify -Pconformance} only (needs npm and the network on first run).
 */
@Epic("fuzz")
@Feature("audit")
@Tag("conformance")
class RealImagesAuditTest {
    static final Pattern SUMMARY = Pattern.compile(
            "audit: (\\d+) functions, (\\d+) packed, (\\d+) checked, (\\d+) disagreements, (\\d+) unsupported");

    record Summary(int functions, int packed, int checked, int disagreements, int unsupported) {
        static Summary parse(String line) {
            Matcher m = SUMMARY.matcher(line);
            if (!m.matches()) {
                return null;
            }
            return new Summary(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        }
    }


    static Stream<RealImages.Pin> images() {
        return RealImages.PINNED.stream();
    }

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void auditFindsNoDisagreement(RealImages.Pin pin) {
        Path image = RealImages.fetch(pin);
        CliRun run = cli("audit", image.toString());
        List<String> lines = run.out().lines().filter(l -> !l.isBlank()).toList();
        Allure.addAttachment(pin.fileName() + " audit output", "text/plain",
                run.out() + (run.err().isEmpty() ? "" : "\n--- stderr ---\n" + run.err()));
        String last = lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        Summary s = Summary.parse(last);
        if (s == null) {
            fail("audit " + pin + ": exit " + run.code() + ", last line is not the summary: " + last
                    + (run.err().isBlank() ? "" : "; stderr: " + run.err().strip().lines().findFirst().orElse("")));
        }
        String report = pin + " (" + pin.builtBy() + "): " + last;
        System.out.println(report);
        Allure.addAttachment(pin.fileName() + " summary", "text/plain", report + "\n");
        if (s.disagreements() != 0) {
            List<String> first = lines.subList(0, lines.size() - 1).stream().limit(20).toList();
            fail("audit " + pin + ": " + s.disagreements() + " disagreements; " + last + "\n" + String.join("\n", first));
        }
        assertEquals(0, run.code(), () -> "audit " + pin + ": exit code with no disagreements; " + last);
        assertTrue(s.functions() >= 1000, () -> "audit " + pin + ": fewer than 1,000 functions; " + last);
        assertEquals(pin.functions(), s.functions(),
                () -> "audit " + pin + ": function entries in .pdata (llvm-readobj) vs the audit; " + last);
        assertEquals(pin.packed(), s.packed(),
                () -> "audit " + pin + ": packed entries in .pdata (llvm-readobj) vs the audit; " + last);
    }
}
