package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuzz --resume} with nothing to resume, a broken campaign.json, or options that belong to the campaign, and
 * workers that cannot start: one line, exit 2.
 */
@Epic("fuzz")
@Feature("workers")
class FuzzResumeInputTest {
    @TempDir
    Path dir;

    private static void badInput(CliRun r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void nothingToResume() {
        badInput(CliTest.cli("fuzz", "--resume", dir.resolve("none").toString()), "no campaign to resume in");
    }

    @Test
    void aCampaignFileThatDoesNotRead() throws Exception {
        Files.writeString(dir.resolve("campaign.json"), "{ \"version\": 1, \"stream\": ");
        badInput(CliTest.cli("fuzz", "--resume", dir.toString()), "campaign.json: not a campaign file");
        Files.writeString(dir.resolve("campaign.json"), "{ \"version\": 7 }");
        badInput(CliTest.cli("fuzz", "--resume", dir.toString()), "not a campaign file of this a64w");
        Files.write(dir.resolve("campaign.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b});
        badInput(CliTest.cli("fuzz", "--resume", dir.toString()), "campaign.json: not a campaign file");
    }

    @Test
    void optionsThatBelongToTheCampaign() {
        badInput(CliTest.cli("fuzz", "--resume", dir.toString(), "--seed", "3"), "--resume takes --seed from");
        badInput(CliTest.cli("fuzz", "--resume", dir.toString(), "--level", "skeleton"), "--resume takes --level from");
    }

    @Test
    void workersThatCannotStart() {
        CliRun r = CliTest.cli("fuzz", "--max-cases", "2", "--jobs", "1", "--no-llvm", "--no-cranelift", "--out", dir.toString(),
                "--worker-main", "dev.a64w.fuzz.NoSuchWorker");
        assertEquals(2, r.code(), r.err());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("fuzz: workers do not start (3 in a row); the last, worker 0 (pid "), r.err());
        assertTrue(last.contains("ClassNotFoundException: dev.a64w.fuzz.NoSuchWorker"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void aCaseTimeoutOfZero() {
        badInput(CliTest.cli("fuzz", "--case-timeout", "0s", "--out", dir.toString()), "--case-timeout must be more than 0");
    }
}
