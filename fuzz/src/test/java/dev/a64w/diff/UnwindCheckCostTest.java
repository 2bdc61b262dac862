package dev.a64w.diff;

import dev.a64w.audit.BoundaryAudit;
import dev.a64w.compile.ModuleBuild;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: prints the cost per case of the static and the dynamic Unwind check on 50 generated
 * modules (seed 7, {@code GeneratorConfig.integer()}), as thread CPU time and wall time, medians
 * and means, with the boundaries each checked. The static check runs on a fresh emulator per case
 * and on one emulator kept across cases (warmed up on 50 other modules first, as in a long fuzz
 * run); the dynamic check as the harness runs it (the harness's budget) and with each pc checked
 * once. Runs only with {@code -Da64w.measure=true}:
 * {@code mvn -o -q -pl fuzz -am test -Dtest=UnwindCheckCostTest -Da64w.measure=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * Nothing is asserted about time.
 */
@Epic("fuzz")
@Feature("unwind check")
@EnabledIfSystemProperty(named = "a64w.measure", matches = "true")
class UnwindCheckCostTest {
    static final int CASES = 50;
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    record Case(PeImage image, List<String> functions, List<Invocation> invocations) {
    }

    static List<Case> cases(long seed, int n) {
        Generator gen = new Generator(GeneratorConfig.integer());
        Linker linker = new Linker();
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(seed, i)));
            ModuleBuild b = ModuleBuild.of(gc.module());
            LinkResult l = linker.link(List.of(b.object()), Harness.importsOf(gc.module()), b.functionNames(),
                    gc.module().data().stream().map(DataObject::name).toList());
            if (l.clean()) {
                List<Invocation> invs = gc.inputs().stream().map(a -> new Invocation(gc.entry(), a)).toList();
                out.add(new Case(PeImage.parse(l.dll()), b.functionNames(), invs));
            }
        }
        return out;
    }

    @Test
    void staticVersusDynamic() {
        List<Case> cases = cases(7, CASES);
        List<Case> other = cases(1007, CASES);
        long budget = HarnessConfig.defaults().unwindBudget();
        try (BoundaryAudit auditor = new BoundaryAudit()) {
            for (Case c : other) { // warm-up: JIT, and the kept emulator's translations of other modules' words
                UnwindCheck.runStatic(auditor, Check.UNWIND, c.image(), c.functions());
                UnwindCheck.runStatic(Check.UNWIND, c.image(), c.functions());
                UnwindCheck.run(c.image(), new HostBridge(new StandardHost(), StandardHost.signatures()), c.invocations(), budget);
                UnwindCheck.runDeduplicated(Check.UNWIND, c.image(), new HostBridge(new StandardHost(), StandardHost.signatures()),
                        c.invocations(), budget);
            }
            for (String mode : List.of("static, kept emulator", "static, fresh emulator", "dynamic", "dynamic, each pc once")) {
                long[] cpu = new long[cases.size()];
                long[] wall = new long[cases.size()];
                long boundaries = 0;
                List<String> notPass = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    Case c = cases.get(i);
                    long c0 = MX.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    UnwindReport r = switch (mode) {
                        case "static, kept emulator" -> UnwindCheck.runStatic(auditor, Check.UNWIND, c.image(), c.functions());
                        case "static, fresh emulator" -> UnwindCheck.runStatic(Check.UNWIND, c.image(), c.functions());
                        case "dynamic" -> UnwindCheck.run(c.image(), new HostBridge(new StandardHost(), StandardHost.signatures()),
                                c.invocations(), budget);
                        default -> UnwindCheck.runDeduplicated(Check.UNWIND, c.image(),
                                new HostBridge(new StandardHost(), StandardHost.signatures()), c.invocations(), budget);
                    };
                    wall[i] = System.nanoTime() - w0;
                    cpu[i] = MX.getCurrentThreadCpuTime() - c0;
                    boundaries += r.instructionsChecked();
                    if (!r.verdict().isPass()) {
                        notPass.add(r.verdict().line());
                    }
                }
                System.out.printf("unwind %-24s %d cases: CPU median %5.2f ms mean %5.2f ms; wall median %5.2f ms mean %5.2f ms;"
                        + " %5.0f boundaries checked per case; %d not pass%n", mode, cases.size(), median(cpu), mean(cpu),
                        median(wall), mean(wall), (double) boundaries / cases.size(), notPass.size());
                notPass.stream().limit(5).forEach(v -> System.out.println("    " + v));
            }
        }
    }

    static double median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    static double mean(long[] ns) {
        return Arrays.stream(ns).average().orElse(0) / 1e6;
    }
}
