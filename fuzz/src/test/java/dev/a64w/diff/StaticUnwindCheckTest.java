package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The static Unwind check passes where the unwind data is right, at every instruction boundary of
 * every function: the hand-written frames of {@link UnwindCheckTest} (xdata, packed, two
 * epilogues, __chkstk, a leaf), the subject's code for the golden run files and for generated
 * modules, and LLVM's code (O0 and O2) for generated modules. Every function is checked (none
 * unsupported), and the boundaries checked add up to the functions' instructions.
 */
@Epic("fuzz")
@Feature("unwind check")
class StaticUnwindCheckTest {
    static final long SEED = 0x57A71CL;
    static BoundaryAudit auditor;

    @BeforeAll
    static void open() {
        auditor = new BoundaryAudit();
    }

    @AfterAll
    static void close() {
        auditor.close();
    }

    @Test
    void handWrittenFramesPassAtEveryBoundary() {
        PeImage image = UnwindCheckFixtures.link(UnwindCheckTest.LISTING, UnwindCheckTest.EXPORTS);
        UnwindReport r = UnwindCheck.runStatic(auditor, Check.UNWIND, image, UnwindCheckTest.EXPORTS);
        assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
        assertEquals(UnwindCheckTest.EXPORTS.size(), r.lines().size(), String.join("\n", r.lines()));
        // every instruction of the seven functions: leaf 2, nonleaf 15, twoexits 20, bigframe 12, packed 9, outer 19, spin 9
        assertEquals(86, r.instructionsChecked(), String.join("\n", r.lines()));
        assertTrue(r.lines().contains("%nonleaf: unwind data, 15 boundaries checked (prologue 5, body 6, epilogues 4)"),
                String.join("\n", r.lines()));
        assertTrue(r.lines().contains("%leaf: no unwind data, 2 boundaries checked (leaf 2)"), String.join("\n", r.lines()));
    }

    /** A function of just over 1 MiB in two .pdata entries: the later one is checked in the frame the first builds. */
    @Test
    void fragmentsOfALongFunctionPass() {
        for (String listing : List.of(LongFunctionFixtures.seh(),
                LongFunctionFixtures.handSplit(0x80000, LongFunctionFixtures.PHANTOM, 2))) {
            PeImage image = UnwindCheckFixtures.link(listing, List.of("big"));
            UnwindReport r = UnwindCheck.runStatic(auditor, Check.UNWIND, image, List.of("big"));
            assertEquals(Verdict.PASS, r.verdict(), String.join("\n", r.lines()));
            assertEquals(LongFunctionFixtures.LENGTH / 4, r.instructionsChecked(), String.join("\n", r.lines()));
            assertEquals(2, r.lines().size(), String.join("\n", r.lines()));
            assertTrue(r.lines().get(1).startsWith("%big: unwind data (fragment at +0x"), r.lines().get(1));
        }
    }

    @Test
    void aFreshEmulatorGivesTheSameReport() {
        PeImage image = UnwindCheckFixtures.link(UnwindCheckTest.LISTING, UnwindCheckTest.EXPORTS);
        assertEquals(UnwindCheck.runStatic(auditor, Check.UNWIND, image, UnwindCheckTest.EXPORTS),
                UnwindCheck.runStatic(Check.UNWIND, image, UnwindCheckTest.EXPORTS));
    }

    @Test
    void subjectCodeForTheGoldenRunFilesPasses() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("a64w.root", ".."), "corpus/filetests/run"))) {
            files = s.filter(p -> p.toString().endsWith(".clif")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "corpus found: " + files);
        List<String> problems = new ArrayList<>();
        long boundaries = 0;
        for (Path f : files) {
            Module m = Parser.parse(Files.readString(f));
            ModuleBuild b = ModuleBuild.of(m);
            boundaries += check(f.getFileName().toString(), Check.UNWIND, b.object(), m, b.functionNames(), problems);
        }
        System.out.println("golden run files: " + boundaries + " boundaries checked");
        assertEquals(List.of(), problems);
        assertTrue(boundaries > 500, "boundaries: " + boundaries);
    }

    @Test
    void subjectCodeForGeneratedModulesPasses() {
        Generator gen = new Generator(GeneratorConfig.integer());
        List<String> problems = new ArrayList<>();
        long boundaries = 0;
        for (long i = 0; i < 30; i++) {
            GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(SEED, i)));
            ModuleBuild b = ModuleBuild.of(gc.module());
            boundaries += check("case " + i + " (seed " + CaseSeeds.of(SEED, i) + ")", Check.UNWIND, b.object(), gc.module(),
                    b.functionNames(), problems);
        }
        System.out.println("generated modules, subject: " + boundaries + " boundaries checked");
        assertEquals(List.of(), problems);
        assertTrue(boundaries > 10_000, "boundaries: " + boundaries);
    }

    @Test
    void llvmCodeForGeneratedModulesPasses() {
        Generator gen = new Generator(GeneratorConfig.integer());
        List<String> problems = new ArrayList<>();
        long boundaries = 0;
        int modules = 0;
        try (LlvmCodegen llvm = new LlvmCodegen()) {
            for (long i = 0; i < 100 && modules < 20; i++) {
                GeneratedCase gc = gen.generate(new SeededSource(CaseSeeds.of(SEED, i)));
                String ir;
                try {
                    ir = new IrToLlvm().translate(gc.module());
                } catch (RuntimeException e) {
                    continue; // a module the translation does not take
                }
                modules++;
                List<String> names = gc.module().functions().stream().map(Function::name).toList();
                for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
                    McResult r = llvm.compile(ir, level);
                    assertEquals(List.of(), r.errors(), "case " + i + " " + level);
                    Check side = level == LlvmCodegen.OptLevel.O0 ? Check.UNWIND_LLVM_O0 : Check.UNWIND_LLVM_O2;
                    boundaries += check("case " + i + " LLVM " + level, side, r.object(), gc.module(), names, problems);
                }
            }
        }
        System.out.println("generated modules, LLVM O0 and O2: " + modules + " modules, " + boundaries + " boundaries checked");
        assertEquals(List.of(), problems);
        assertTrue(modules >= 10 && boundaries > 5_000, modules + " modules, " + boundaries + " boundaries");
    }

    /** Links {@code object}, runs the static check; anything but a pass goes to {@code problems}; the boundaries checked. */
    static long check(String what, Check side, Bytes object, Module m, List<String> functions, List<String> problems) {
        LinkResult l = new Linker().link(List.of(object), Harness.importsOf(m), functions,
                m.data().stream().map(DataObject::name).toList());
        assertTrue(l.clean(), what + ": " + l.errors() + " " + l.warnings());
        UnwindReport r = UnwindCheck.runStatic(auditor, side, PeImage.parse(l.dll()), functions);
        if (!r.verdict().isPass()) {
            problems.add(what + ": " + r.verdict().line() + "\n    " + String.join("\n    ", r.lines()));
        }
        return r.instructionsChecked();
    }
}
