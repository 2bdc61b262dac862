package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.diff.Check;
import dev.a64w.diff.HarnessConfig;
import dev.a64w.diff.UnwindForms;
import dev.a64w.gen.GeneratorConfig;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** campaign.json and the worker protocol read back what was written: the case stream and every count of the summary. */
@Epic("fuzz")
@Feature("workers")
class CampaignStateTest {
    @TempDir
    Path dir;

    static CaseRecord record(long i, CheckTally.Outcome run, String finding) {
        Map<Check, CheckTally.Outcome> checks = new EnumMap<>(Check.class);
        checks.put(Check.VALID, CheckTally.Outcome.PASS);
        checks.put(Check.RUN, run);
        return new CaseRecord(i, checks, 100 + i, i % 3 == 0 ? List.of("more than 8 return values of one register class") : List.of(), i % 2 == 0, List.of("why " + i % 2), List.of(),
                new UnwindForms(i, 1, 2, 0), new UnwindForms(1, i, 0, 0), Map.of("opcode iadd", 3L, "reloc subject X", i),
                finding == null ? List.of() : List.of(new CaseRecord.FindingRef("subject", finding, finding + "-" + i + ".clif")));
    }

    @Test
    void theStateReadsBackAsWritten() throws Exception {
        CampaignCounts counts = new CampaignCounts();
        for (long i = 0; i < 7; i++) {
            counts.add(record(i, i == 4 ? CheckTally.Outcome.MISMATCH : CheckTally.Outcome.PASS, null));
        }
        CaseStream stream = new CaseStream(42, GeneratorConfig.integer(), HarnessConfig.defaults().withLlvm(false).withFuel(123), 4, true);
        CampaignState state = new CampaignState(CampaignState.VERSION, stream, 8, 1000,
                List.of(new long[] {0, 5}, new long[] {9, 11}), 3, counts);
        state.write(dir);
        CampaignState back = CampaignState.read(dir);

        assertEquals(stream, back.stream());
        assertEquals(8, back.batch());
        assertEquals(1000, back.maxCases());
        assertEquals(7, back.casesDone());
        assertArrayEquals(new long[] {9, 11}, back.done().get(1));
        assertEquals(counts.cases(), back.counts().cases());
        assertEquals(counts.unsupported(), back.counts().unsupported());
        assertEquals(counts.legCases(), back.counts().legCases());
        assertEquals(counts.instructions(), back.counts().instructions());
        assertEquals(counts.tally().lines(), back.counts().tally().lines());
        assertEquals(counts.stats().lines(), back.counts().stats().lines());
        assertEquals(counts.unwindForms().lines(), back.counts().unwindForms().lines());
        assertEquals(counts.llvmSkips(), back.counts().llvmSkips());
        assertEquals(Map.of("more than 8 return values of one register class", 3L), back.counts().unsupportedReasons());
        assertEquals(Files.readString(dir.resolve(CampaignState.FILE)), Json.pretty(back), "written again, the same text");
    }

    @Test
    void protocolMessagesReadBackAsWritten() throws Exception {
        CaseRecord r = record(5, CheckTally.Outcome.ERROR, "mismatch-run-x");
        WorkerReport done = new WorkerReport.CaseDone(r);
        assertEquals(done, Json.read(Json.line(done), WorkerReport.class));
        WorkerCommand setup = new WorkerCommand.Setup(new CaseStream(1, GeneratorConfig.skeleton(), HarnessConfig.defaults(), 1, false), "/x");
        assertEquals(setup, Json.read(Json.line(setup), WorkerCommand.class));
        assertEquals(new WorkerCommand.Quit(), Json.read(Json.line(new WorkerCommand.Quit()), WorkerCommand.class));
        assertEquals(new WorkerReport.BatchDone(), Json.read(Json.line(new WorkerReport.BatchDone()), WorkerReport.class));
    }

    @Test
    void findingsOnDiskCountByTheirOriginSeed() throws Exception {
        CaseStream stream = new CaseStream(42, GeneratorConfig.skeleton(), HarnessConfig.defaults(), 1, false);
        CaseStream other = new CaseStream(43, GeneratorConfig.skeleton(), HarnessConfig.defaults(), 1, false);
        CaseFindings.save(dir, stream, 3, dev.a64w.diff.Side.SUBJECT, new dev.a64w.diff.Verdict.WorkerCrash("exit status 134"), "; none\n");
        CaseFindings.save(dir, stream, 4, dev.a64w.diff.Side.LLVM_O2, new dev.a64w.diff.Verdict.Timeout("slow"), "; none\n");
        CaseFindings.save(dir, other, 5, dev.a64w.diff.Side.SUBJECT, new dev.a64w.diff.Verdict.WorkerCrash("exit status 134"), "; none\n");
        Files.writeString(dir.resolve("subject").resolve(".tmp-1.part"), "; origin: a64w fuzz --seed 42 (case 9)\n");
        FindingLedger ledger = FindingLedger.scan(dir, 42);
        assertEquals(2, ledger.count());
        assertEquals(Map.of("subject/" + dev.a64w.findings.Signature.of(new dev.a64w.diff.Verdict.WorkerCrash("exit status 134")), 1L,
                "llvm-o2/" + dev.a64w.findings.Signature.of(new dev.a64w.diff.Verdict.Timeout("slow")), 1L), ledger.bySignature());
    }
}
