package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cases checked in a batch (one link per side, one emulator per image) get the verdicts they get
 * alone, and a case that breaks the shared link is the only one blamed for it.
 */
@Epic("fuzz")
@Feature("batch")
class BatchCheckTest {
    private static final HarnessConfig CONFIG = HarnessConfig.defaults().inProcessOracle().withCranelift(false);
    private static Harness harness;

    @BeforeAll
    static void start() {
        harness = new Harness(CONFIG);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static final String GOOD = """
            function %f(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 5
                return v1
            }
            ; run: %f(1) == 6
            """;

    /** Calls a function that nothing defines: lld-link reports an undefined symbol. */
    static final String UNDEFINED = """
            function %g(i64) -> i64 {
                fn0 = %nowhere(i64) -> i64
            block0(v0: i64):
                v1 = call fn0(v0)
                return v1
            }
            """;

    @Test
    void batchGivesEveryCaseTheVerdictsItGetsAlone() {
        Generator gen = new Generator(GeneratorConfig.integer());
        List<CaseInput> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(11, i)));
            List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
            batch.add(new CaseInput("case-" + i, gc.module(), invs, CraneliftVariant.DEFAULT, i % 2 == 0, SymbolPrefix.forMember(i)));
        }
        List<CaseReport> together = harness.checkAll(batch);
        assertEquals(batch.size(), together.size());
        for (int i = 0; i < batch.size(); i++) {
            CaseInput c = batch.get(i);
            CaseReport alone = harness.checkAll(List.of(new CaseInput(c.name(), c.module(), c.invocations(), c.variant(),
                    c.otherLegs(), SymbolPrefix.NONE))).getFirst();
            assertEquals(checks(alone), checks(together.get(i)), "case " + i);
            assertEquals(alone.verdict().isPass(), together.get(i).verdict().isPass(), "case " + i);
            // the other legs ran on the even cases only
            CaseReport t = together.get(i);
            assertEquals(c.otherLegs(), t.llvmSkipReason().isPresent()
                    || t.results().stream().anyMatch(r -> r.check() == Check.RUN_LLVM_O0), "case " + i);
        }
    }

    @Test
    void aBrokenLinkIsBlamedOnTheCaseThatBreaksIt() throws Exception {
        Module good = Parser.parse(GOOD);
        Module bad = Parser.parse(UNDEFINED);
        List<CaseInput> batch = List.of(
                new CaseInput("good-0", good, List.of(new Invocation("f", List.of(1L))), CraneliftVariant.DEFAULT, false, SymbolPrefix.forMember(0)),
                new CaseInput("bad", bad, List.of(), CraneliftVariant.DEFAULT, false, SymbolPrefix.forMember(1)),
                new CaseInput("good-2", good, List.of(new Invocation("f", List.of(2L))), CraneliftVariant.DEFAULT, false, SymbolPrefix.forMember(2)));
        List<CaseReport> reports = harness.checkAll(batch);
        assertTrue(reports.get(0).verdict().isPass(), reports.get(0).verdict().line());
        assertTrue(reports.get(2).verdict().isPass(), reports.get(2).verdict().line());
        Verdict v = reports.get(1).verdict();
        assertTrue(v instanceof Verdict.Mismatch m && m.check() == Check.LINK && m.detail().contains("nowhere"), v.line());
    }

    @Test
    void jobsThatLinkCleanlyShareOneImage() throws Exception {
        Module a = SymbolPrefix.forMember(0).apply(Parser.parse(GOOD));
        Module b = SymbolPrefix.forMember(1).apply(Parser.parse(GOOD));
        List<LinkJob> jobs = List.of(LinkJob.of(ModuleBuild.of(a).object(), a, List.of("c0_f")),
                LinkJob.of(ModuleBuild.of(b).object(), b, List.of("c1_f")));
        List<LinkResult> links = BatchLink.link(new Linker(), jobs);
        assertTrue(links.get(0).clean(), links.get(0).errors().toString());
        assertSame(links.get(0), links.get(1));
        // control: the same two without prefixes clash, and each then links on its own
        Module plain = Parser.parse(GOOD);
        List<LinkJob> clash = List.of(LinkJob.of(ModuleBuild.of(plain).object(), plain, List.of("f")),
                LinkJob.of(ModuleBuild.of(plain).object(), plain, List.of("f")));
        List<LinkResult> apart = BatchLink.link(new Linker(), clash);
        assertTrue(apart.get(0).clean() && apart.get(1).clean());
        assertFalse(apart.get(0) == apart.get(1));
    }

    @Test
    void casesLinkedTogetherNeedDistinctPrefixes() throws Exception {
        Module m = Parser.parse(GOOD);
        CaseInput c = new CaseInput("x", m, List.of(), CraneliftVariant.DEFAULT, false, SymbolPrefix.forMember(3));
        assertThrows(IllegalArgumentException.class, () -> harness.checkAll(List.of(c, c)));
    }

    private static List<String> checks(CaseReport r) {
        return r.results().stream().map(x -> x.check().id() + "=" + x.verdict().getClass().getSimpleName()).toList();
    }
}
