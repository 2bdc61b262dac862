package dev.a64w.diff;

import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.interp.StandardHost;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: prints the cost per case of the static and the dynamic Unwind check on generated
 * modules (seed 7, GeneratorConfig.integer()), median and mean after a warm-up, with how many
 * boundaries each checked. Runs only with {@code -Da64w.measure=true}:
 * {@code mvn -o -q -pl fuzz -am test -Dtest=UnwindCheckCostTest -Da64w.measure=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Nothing is asserted about time.
 */
@Epic("fuzz")
@Feature("unwind check")
@EnabledIfSystemProperty(named = "a64w.measure", matches = "true")
class UnwindCheckCostTest {
    static final int CASES = 50;
    static final int WARMUP = 5;

    record Case(PeImage image, List<String> functions, List<Invocation> invocations) {
    }

    @Test
    void staticVersusDynamic() {
        Generator gen = new Generator(GeneratorConfig.integer());
        Linker linker = new Linker();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES + WARMUP; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(7, i % CASES)));
            SubjectBuild b = SubjectBuild.of(gc.module());
            LinkResult l = linker.link(List.of(b.object()), Harness.importsOf(gc.module()), b.functionNames(),
                    gc.module().data().stream().map(DataObject::name).toList());
            if (!l.clean()) {
                continue;
            }
            List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
            cases.add(new Case(PeImage.parse(l.dll()), b.functionNames(), invs));
        }
        long budget = HarnessConfig.defaults().unwindBudget();
        dev.a64w.audit.BoundaryAudit auditor = new dev.a64w.audit.BoundaryAudit();
        for (String mode : List.of("static", "static-reuse", "dynamic", "dynamic-dedupe")) {
            long[] ns = new long[cases.size()];
            long boundaries = 0;
            List<String> verdicts = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                long t0 = System.nanoTime();
                UnwindReport r = switch (mode) {
                    case "static" -> UnwindCheck.runStatic(Check.UNWIND, c.image(), c.functions());
                    case "static-reuse" -> UnwindCheck.runStatic(auditor, Check.UNWIND, c.image(), c.functions());
                    case "dynamic" -> UnwindCheck.run(c.image(), new HostBridge(new StandardHost(), StandardHost.signatures()),
                            c.invocations(), budget);
                    default -> UnwindCheck.runDeduplicated(Check.UNWIND, c.image(),
                            new HostBridge(new StandardHost(), StandardHost.signatures()), c.invocations(), budget);
                };
                ns[i] = System.nanoTime() - t0;
                if (i >= WARMUP) {
                    boundaries += r.instructionsChecked();
                    if (!r.verdict().isPass()) {
                        verdicts.add(r.verdict().line());
                    }
                }
            }
            long[] timed = Arrays.copyOfRange(ns, WARMUP, ns.length);
            Arrays.sort(timed);
            System.out.printf("unwind %-14s %d cases: median %.2f ms, mean %.2f ms, p90 %.2f ms; %.0f boundaries per case; %d not pass%n",
                    mode, timed.length, timed[timed.length / 2] / 1e6, Arrays.stream(timed).average().orElse(0) / 1e6,
                    timed[timed.length * 9 / 10] / 1e6, (double) boundaries / timed.length, verdicts.size());
            verdicts.stream().limit(5).forEach(v -> System.out.println("    " + v));
        }
        auditor.close();
    }
}
