package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One {@link BoundaryAudit} checks image after image on one emulator, each at a new base, and
 * starts a fresh emulator when the bases run out: the reports are those of a one-off check every
 * time, whichever emulator made them.
 */
@Epic("fuzz")
@Feature("audit")
class BoundaryAuditTest {
    @Test
    void keptAndRenewedEmulatorsGiveTheOneOffReports() {
        PeImage good = PeImage.parse(AuditFixtures.dll(String.join("", AuditFixtures.GOOD), AuditFixtures.GOOD_NAMES));
        PeImage other = PeImage.parse(AuditFixtures.dll(AuditFixtures.CHAINED + AuditFixtures.LEAF, List.of("chained", "leafframe")));
        List<BoundaryAudit.Report> goodOnce = BoundaryAudit.run(good, AuditFixtures.GOOD_NAMES);
        List<BoundaryAudit.Report> otherOnce = BoundaryAudit.run(other, List.of("chained", "leafframe"));
        assertEquals(AuditFixtures.GOOD_NAMES.size(), goodOnce.size());
        goodOnce.forEach(r -> assertTrue(r.verdict() instanceof Verdict.Ok, r.line()));
        // room for two images per emulator: the third, fifth... image gets a fresh one
        long room = BoundaryAudit.FIRST_BASE + 2 * BoundaryAudit.BASE_STRIDE;
        try (BoundaryAudit kept = new BoundaryAudit(); BoundaryAudit renewed = new BoundaryAudit(room)) {
            for (int i = 0; i < 5; i++) {
                for (BoundaryAudit a : List.of(kept, renewed)) {
                    assertEquals(goodOnce, a.check(good, AuditFixtures.GOOD_NAMES), "round " + i);
                    assertEquals(otherOnce, a.check(other, List.of("chained", "leafframe")), "round " + i);
                }
            }
        }
    }
}
