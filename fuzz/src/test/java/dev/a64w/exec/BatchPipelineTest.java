package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many modules (distinct prefixes) in one link, one image, one engine: the harness's fast path. */
@Epic("fuzz")
@Feature("exec-run")
class BatchPipelineTest {
    static String module(int i) {
        String p = "m" + i + "_";
        return "\t.text\n" + Asm.func(p + "f") + """
                \tstp x29, x30, [sp, #-16]!
                \tmov x29, sp
                \tbl %sg
                \tbl hostfn
                \tadrp x8, %sd
                \tstr x0, [x8, :lo12:%sd]
                \tldp x29, x30, [sp], #16
                \tret
                """.formatted(p, p, p) + Asm.func(p + "g") + "\tadd x0, x0, #%d\n\tret\n".formatted(i)
                + "\t.data\n\t.globl %sd\n\t.p2align 3\n%sd:\n\t.xword 0\n".formatted(p, p);
    }

    @Test
    void batchOfModulesLinksLoadsAndRuns() {
        int n = 100;
        List<Bytes> objects = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (LlvmMc mc = new LlvmMc()) {
            for (int i = 0; i < n; i++) {
                objects.add(Asm.assemble(mc, module(i)));
                functions.add("m" + i + "_f");
                data.add("m" + i + "_d");
            }
        }
        Linker linker = new Linker();
        linker.link(objects.subList(0, 1), Imports.of("host.dll", List.of("hostfn")), functions.subList(0, 1));
        long t0 = System.nanoTime();
        LinkResult r = linker.link(objects, Imports.of("host.dll", List.of("hostfn")), functions, data);
        long t1 = System.nanoTime();
        assertTrue(r.clean(), r.errors() + " " + r.warnings());
        PeImage image = PeImage.parse(r.dll());
        try (UnicornExecutor ex = new UnicornExecutor(image, (dll, name, x, mem) -> x.get(0) * 2)) {
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Execution e = ex.run("m" + i + "_f", List.of(1000L), 10_000);
                long want = (1000L + i) * 2;
                assertEquals(want, assertInstanceOf(ExecResult.Returned.class, e.result()).x0(), "module " + i);
                assertEquals(List.of(1000L + i), e.imports().get(0).args(1));
                assertEquals(want, ex.read("m" + i + "_d", 8).u64(0));
            }
            long t3 = System.nanoTime();
            System.out.printf("batch of %d modules: link %.1f ms, parse+load %.2f ms, run %.3f ms/module;"
                    + " total %.2f ms/module%n", n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6 / n,
                    (t3 - t0) / 1e6 / n);
        }
    }
}
