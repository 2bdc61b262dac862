package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decode cross-check of the audit ({@link DecodeCheck}): agreeing files give no disagreement;
 * a difference between our decode and llvm-readobj's (made here by showing llvm-readobj a copy with
 * one packed word altered) lands on that function, as a disagreement at +0x0 naming the field.
 */
@Epic("fuzz")
@Feature("audit")
class AuditDecodeCheckTest {
    @TempDir
    Path dir;

    @Test
    void agreeingImageAndObjectHaveNoDecodeDisagreement() throws IOException {
        String listing = String.join("", AuditFixtures.GOOD);
        for (Bytes b : List.of(AuditFixtures.dll(listing, AuditFixtures.GOOD_NAMES), AuditFixtures.object(listing))) {
            Path p = dir.resolve("f" + b.size());
            Files.write(p, b.toArray());
            DecodeCheck c = DecodeCheck.run(p, b, Auditor.read(b));
            assertEquals(AuditFixtures.GOOD_NAMES.size(), c.entries());
            assertEquals(Map.of(), c.disagreements(), c.note());
            assertEquals(List.of(), c.fileLevel());
        }
    }

    @Test
    void decodeDisagreementIsTheFunctionsVerdictAtZero() throws IOException {
        Bytes ours = AuditControlsTest.dll;
        if (ours == null) {
            AuditControlsTest.build();
            ours = AuditControlsTest.dll;
        }
        long rva = PeImage.parse(ours).exportRva("packed");
        Path other = dir.resolve("other.dll");
        Files.write(other, AuditControlsTest.withPackedWord(AuditControlsTest.packedWord ^ (1L << 16)).toArray()); // RegI + 1
        AuditTarget target = Auditor.read(ours);
        DecodeCheck c = DecodeCheck.run(other, ours, target);
        assertEquals(List.of(rva), List.copyOf(c.disagreements().keySet()), c.note());
        List<FunctionReport> reports = Auditor.audit(target, c.disagreements(), r -> { }, (d, t) -> { });
        String line = reports.stream().filter(r -> r.name().equals("packed")).findFirst().orElseThrow().line();
        assertTrue(line.startsWith("packed: disagree +0x0 decode: RegI: ours 2, llvm-readobj 3"), line);
        assertEquals(1, reports.stream().filter(r -> r.effective() instanceof Verdict.Disagree).count());
    }
}
