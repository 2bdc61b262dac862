package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Correct unwind data, full and packed, in a linked DLL and in the object it came from: every function ok. */
@Epic("fuzz")
@Feature("audit")
class AuditImageTest {
    static Bytes dll;
    static Bytes obj;

    @BeforeAll
    static void build() {
        String listing = String.join("", AuditFixtures.GOOD);
        dll = AuditFixtures.dll(listing, AuditFixtures.GOOD_NAMES);
        obj = AuditFixtures.object(listing);
    }

    static List<FunctionReport> audit(Bytes file) {
        List<FunctionReport> seen = new ArrayList<>();
        List<FunctionReport> out = Auditor.audit(Auditor.read(file), seen::add, (d, t) -> { });
        assertEquals(out, seen);
        return out;
    }

    static String lines(List<FunctionReport> reports) {
        StringBuilder sb = new StringBuilder();
        reports.forEach(r -> sb.append(r.line()).append('\n'));
        return sb.toString();
    }

    @Test
    void everyFunctionOfTheImageIsOk() {
        List<FunctionReport> reports = audit(dll);
        String text = lines(reports);
        assertEquals(AuditFixtures.GOOD_NAMES.size(), reports.size(), text);
        for (FunctionReport r : reports) {
            assertTrue(r.verdict() instanceof Verdict.Ok, text);
        }
        assertEquals(AuditFixtures.GOOD_NAMES, reports.stream().map(FunctionReport::name).toList(), text);
        long packed = reports.stream().filter(FunctionReport::packed).count();
        assertTrue(packed >= 3 && packed < reports.size(), "packed and full both covered: " + packed + "\n" + text);
    }

    @Test
    void everyFunctionOfTheObjectIsOk() {
        List<FunctionReport> reports = audit(obj);
        String text = lines(reports);
        assertEquals(AuditFixtures.GOOD_NAMES, reports.stream().map(FunctionReport::name).toList(), text);
        for (FunctionReport r : reports) {
            assertTrue(r.verdict() instanceof Verdict.Ok, text);
        }
    }

    @Test
    void boundariesCoverPrologueAndEveryEpilogue() {
        List<FunctionReport> reports = audit(dll);
        Verdict chained = reports.get(0).verdict();
        // 3 prologue instructions: 4 boundaries; epilogue of 2 plus ret: 3 boundaries
        assertEquals(new Verdict.Ok(7, false), chained);
        Verdict twoExits = reports.get(AuditFixtures.GOOD_NAMES.indexOf("twoexits")).verdict();
        assertEquals(new Verdict.Ok(4 + 3 + 3, false), twoExits);
    }
}
