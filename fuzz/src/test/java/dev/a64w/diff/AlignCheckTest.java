package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.Symbol;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.a64w.diff.McFixtures.patch32;
import static dev.a64w.diff.McFixtures.setAlignment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alignment check on the subject's own object and image, and its positive controls. */
@Epic("fuzz")
@Feature("checks")
class AlignCheckTest {
    static final String IR = """
            ; data: %byte align=1 bytes=07
            ; data: %quad align=8 bytes=01 02 03 04 05 06 07 08
            ; rodata: %page align=4096 bytes=2a
            ; data: %wide align=64 zero=24
            function %f(i64) -> i64 {
                gv0 = symbol colocated %quad
            block0(v0: i64):
                v1 = symbol_value.i64 gv0
                v2 = load.i64 v1
                v3 = iadd v0, v2
                return v3
            }
            """;

    static Module module;
    static ModuleBuild build;
    static Map<String, Long> declared;

    @BeforeAll
    static void compile() throws Exception {
        module = Parser.parse(IR);
        build = ModuleBuild.of(module);
        declared = AlignCheck.declared(module, build.functionNames());
    }

    private static PeImage link(Bytes object) {
        LinkResult link = new Linker().link(List.of(object), Harness.importsOf(module), build.functionNames(),
                module.data().stream().map(d -> d.name()).toList());
        assertTrue(link.clean(), link.errors().toString());
        return PeImage.parse(link.dll());
    }

    private static Verdict.Mismatch mismatch(Verdict v, String fragment) {
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v, () -> "expected a mismatch, got " + v.line());
        assertEquals(Check.ALIGN, m.check());
        assertTrue(m.detail().contains(fragment), m.detail());
        return m;
    }

    /** File offset of symbol {@code name}'s Value field (PE format, "COFF Symbol Table": 18-byte records). */
    private static int symbolValueOffset(Bytes obj, String name) {
        Symbol s = CoffReader.read(obj).symbol(name).orElseThrow();
        return (int) obj.u32(8) + 18 * s.index() + 8;
    }

    @Test
    void declaredAlignmentsAreTheModulesAndFourForFunctions() {
        assertEquals(Map.of("f", 4L, "byte", 1L, "quad", 8L, "page", 4096L, "wide", 64L), new HashMap<>(declared));
    }

    @Test
    void subjectObjectAndImagePass() {
        assertEquals(List.of(), AlignCheck.objectProblems(declared, CoffReader.read(build.object())));
        PeImage image = link(build.object());
        assertEquals(List.of(), AlignCheck.imageProblems(declared, image));
        assertEquals(Verdict.PASS, AlignCheck.check(declared, build.object(), Optional.of(image)));
    }

    @Test
    void dataSymbolMovedBelowItsAlignmentIsFlagged() {
        int at = symbolValueOffset(build.object(), "quad");
        Bytes moved = patch32(build.object(), at, build.object().u32(at) + 4);
        mismatch(AlignCheck.check(declared, moved, Optional.empty()), "quad: object offset expected a multiple of 8");
    }

    @Test
    void sectionLessAlignedThanItsStrictestMemberIsFlagged() {
        Bytes weak = setAlignment(build.object(), ".rdata", 16);
        mismatch(AlignCheck.check(declared, weak, Optional.empty()), "alignment expected >= 4096 (its strictest member), actual 16");
    }

    @Test
    void functionOffByTwoIsFlagged() {
        int at = symbolValueOffset(build.object(), "f");
        Bytes moved = patch32(build.object(), at, build.object().u32(at) + 2);
        mismatch(AlignCheck.check(declared, moved, Optional.empty()), "f: object offset expected a multiple of 4");
    }

    @Test
    void imageAddressOffItsAlignmentIsFlagged() {
        PeImage image = link(build.object());
        Map<String, Long> exports = new HashMap<>(image.exports());
        exports.put("wide", exports.get("wide") + 32);
        PeImage moved = new PeImage(image.imageBase(), image.sizeOfImage(), image.sectionAlignment(), image.sections(),
                exports, image.imports(), image.runtimeFunctions(), image.baseRelocRva(), image.baseRelocSize(), image.mapped());
        mismatch(AlignCheck.check(declared, build.object(), Optional.of(moved)), "wide: image address expected a multiple of 64");
    }

    @Test
    void missingDataSymbolIsFlagged() {
        Map<String, Long> more = new java.util.LinkedHashMap<>(declared);
        more.put("ghost", 8L);
        mismatch(AlignCheck.check(more, build.object(), Optional.empty()), "ghost: declared align=8, but no defined symbol");
    }
}
