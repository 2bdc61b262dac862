package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.exec.Imports;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.fuzz.CaseSeeds;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.gen.GeneratorConfig;
import dev.a64w.gen.SeededSource;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The subject's own output audited, and LLVM's code generator's for the same modules (O0 and O2): the golden run files and generated modules (big frames with
 * __chkstk, realigned stacks, tail calls, many callee-saved registers), as objects and linked.
 */
@Epic("fuzz")
@Feature("audit")
class AuditSubjectTest {
    private static final long SEED = 0xA0D17L;

    @Test
    void goldenRunFilesAuditClean() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("a64w.root", ".."), "corpus/filetests/run"))) {
            files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "corpus found: " + files);
        AuditSummary total = AuditSummary.EMPTY;
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            ModuleBuild b = ModuleBuild.of(Parser.parse(Files.readString(f)));
            total = total.plus(auditInto(f.getFileName() + " (object)", b.object(), problems));
        }
        System.out.println("golden run files: " + total.line());
        assertEquals(List.of(), problems);
        assertTrue(total.checked() >= 10, total.line());
    }

    @Test
    void generatedModulesAuditClean() {
        Generator gen = new Generator(GeneratorConfig.integer());
        AuditSummary objects = AuditSummary.EMPTY;
        AuditSummary images = AuditSummary.EMPTY;
        List<String> problems = new ArrayList<>();
        Linker linker = new Linker();
        for (long i = 0; i < 12; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(SEED, i)));
            ModuleBuild b = ModuleBuild.of(gc.module());
            String name = "case " + i + " (seed " + CaseSeeds.of(SEED, i) + ")";
            objects = objects.plus(auditInto(name + " object", b.object(), problems));
            LinkResult l = linker.link(List.of(b.object()), Imports.of(Generator.HOST_DLL, List.of("host_mix", "host_id",
                    "host_sink", "host_sum4")), b.functionNames());
            if (l.clean()) {
                images = images.plus(auditInto(name + " image", l.dll(), problems));
            }
        }
        System.out.println("generated objects: " + objects.line() + "\ngenerated images: " + images.line());
        assertEquals(List.of(), problems);
        assertTrue(objects.checked() >= 20 && images.checked() >= 20, objects.line() + " / " + images.line());
    }

    @Test
    void llvmCompiledModulesAuditClean() {
        Generator gen = new Generator(GeneratorConfig.integer());
        AuditSummary total = AuditSummary.EMPTY;
        List<String> problems = new ArrayList<>();
        try (LlvmCodegen llvm = new LlvmCodegen()) {
            // until enough functions are audited: many generated modules are skipped by the translation
            // (a return_call to another signature has no musttail form)
            for (long i = 0; i < 200 && (total.checked() < 40 || total.packed() < 8); i++) {
                GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(SEED, i)));
                String ir;
                try {
                    ir = new IrToLlvm().translate(gc.module());
                } catch (RuntimeException e) {
                    continue; // a module LLVM's translation does not take: nothing to audit
                }
                for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
                    McResult r = llvm.compile(ir, level);
                    assertEquals(List.of(), r.errors(), "case " + i + " " + level);
                    total = total.plus(auditInto("case " + i + " LLVM " + level, r.object(), problems));
                }
            }
        }
        System.out.println("LLVM-compiled objects: " + total.line());
        assertEquals(List.of(), problems);
        assertTrue(total.checked() >= 20 && total.packed() >= 5, total.line());
    }

    /** Audits one file; every line that is not ok goes to {@code problems}, prefixed with {@code what}. */
    static AuditSummary auditInto(String what, Bytes file, List<String> problems) {
        AuditSummary s = AuditSummary.EMPTY;
        for (FunctionReport r : AuditImageTest.audit(file)) {
            s = s.plus(r);
            if (!(r.effective() instanceof Verdict.Ok)) {
                problems.add(what + ": " + r.line());
            }
        }
        return s;
    }

}
