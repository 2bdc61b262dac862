package dev.a64w.diff;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.IrToLlvm;
import dev.a64w.oracle.llvm.LlvmCodegen;
import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Policy check against LLVM's own objects for the same module (O0 and O2, compiled in process),
 * with positive controls made by editing the subject's listing and assembling it with LLVM MC.
 */
@Epic("fuzz")
@Feature("checks")
class PolicyCheckTest {
    static final String IR = """
            ; import: %host_mix from "host.dll"
            ; data: %tab align=8 bytes=01 02 03 04 05 06 07 08 addr=%g+0
            ; rodata: %k align=4 bytes=2a 00 00 00
            function %g(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd_imm v0, 1
                return v1
            }

            function %f(i64) -> i64 {
                fn0 = %g(i64) -> i64
                fn1 = %ext(i64) -> i64
                fn2 = %host_mix(i64, i64) -> i64
                gv0 = symbol colocated %k
            block0(v0: i64):
                v1 = call fn0(v0)
                v2 = call fn1(v1)
                v3 = call fn2(v2, v0)
                v4 = symbol_value.i64 gv0
                v5 = load.i32 v4
                v6 = uextend.i64 v5
                v7 = iadd v3, v6
                v8 = func_addr.i64 fn0
                v9 = iadd v7, v8
                return v9
            }
            """;

    static Module module;
    static ModuleBuild build;
    static Map<OptLevel, Bytes> llvm = new EnumMap<>(OptLevel.class);
    static LlvmMc mc;

    @BeforeAll
    static void compile() throws Exception {
        module = Parser.parse(IR);
        build = ModuleBuild.of(module);
        String ir = new IrToLlvm().translate(module);
        try (LlvmCodegen codegen = new LlvmCodegen()) {
            for (OptLevel level : OptLevel.values()) {
                McResult r = codegen.compile(ir, level);
                assertTrue(r.ok(), r.errors().toString());
                llvm.put(level, r.object());
            }
        }
        mc = new LlvmMc();
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    private static Bytes edited(String from, String to) {
        assertTrue(build.listing().contains(from), "listing holds " + from + ":\n" + build.listing());
        McResult r = mc.assemble(build.listing().replace(from, to));
        assertTrue(r.ok(), r.errors().toString());
        return r.object();
    }

    private static Verdict.Mismatch mismatch(Verdict v) {
        Verdict.Mismatch m = assertInstanceOf(Verdict.Mismatch.class, v, v::line);
        assertEquals(Check.POLICY, m.check());
        return m;
    }

    @Test
    void referenceKindsComeFromTheIr() {
        var kinds = PolicyReferences.kinds(module);
        assertEquals(Set.of("call", "func_addr", "pointer in data"), kinds.get("g"));
        assertEquals(Set.of("call"), kinds.get("ext"));
        assertEquals(Set.of("call"), kinds.get("host_mix"));
        assertEquals(Set.of("symbol_value"), kinds.get("k"));
    }

    @Test
    void llvmUsesTheExpectedClassesAtBothLevels() {
        for (OptLevel level : OptLevel.values()) {
            var classes = PolicyCheck.classes(dev.a64w.check.coff.CoffReader.read(llvm.get(level)),
                    PolicyReferences.kinds(module).keySet(), PolicyCheck.RAW);
            assertEquals(Set.of("code:BRANCH"), classes.get("ext").keySet(), level + " " + classes);
            assertEquals(Set.of("code:PAGE(__imp_)"), classes.get("host_mix").keySet(), level + " " + classes);
            assertTrue(classes.get("g").containsKey("data:ABSOLUTE"), level + " " + classes);
        }
    }

    @Test
    void subjectAgreesWithLlvm() {
        assertEquals(List.of(), PolicyCheck.problems(module, build.object(), llvm, PolicyCheck.RAW));
        assertEquals(Verdict.PASS, PolicyCheck.check(module, build.object(), llvm, PolicyCheck.RAW));
    }

    /** The wasmtime #8247 class: an external call as ADRP+LDR (PAGEOFFSET_12L) + BLR. */
    @Test
    void externalCallThroughAdrpLdrIsFlaggedByPolicyAndObject() {
        Bytes bad = edited("\tbl ext\n", "\tadrp x16, ext\n\tldr x16, [x16, :lo12:ext]\n\tblr x16\n");
        Verdict.Mismatch m = mismatch(PolicyCheck.check(module, bad, llvm, PolicyCheck.RAW));
        assertTrue(m.detail().startsWith("external ext (call): subject uses code:PAGE [PAGEBASE_REL21 .text+0x"), m.detail());
        assertTrue(m.detail().contains("PAGEOFFSET_12L"), m.detail());
        List<String> all = PolicyCheck.problems(module, bad, llvm, PolicyCheck.RAW);
        assertTrue(all.stream().anyMatch(p -> p.contains("LLVM O0 uses code:BRANCH")), all.toString());
        Verdict object = ObjectCheck.check(bad);
        assertTrue(object instanceof Verdict.Mismatch om && om.detail().contains("PAGEOFFSET_12L"), object.line());
    }

    /** An import called through the linker's thunk (BL host_mix) instead of its IAT slot. */
    @Test
    void importCalledThroughTheThunkIsFlagged() {
        Bytes bad = edited("\tadrp x16, __imp_host_mix\n\tldr x16, [x16, :lo12:__imp_host_mix]\n\tblr x16\n",
                "\tbl host_mix\n");
        Verdict.Mismatch m = mismatch(PolicyCheck.check(module, bad, llvm, PolicyCheck.RAW));
        assertTrue(m.detail().startsWith("import host_mix (call): subject uses code:BRANCH"), m.detail());
    }

    /** The address of a data object taken through a literal: ADDR64 from code, as Cranelift's pools do. */
    @Test
    void absoluteAddressFromCodeIsFlagged() {
        Bytes bad = edited("\tadrp x1, k\n\tadd x1, x1, :lo12:k\n", "\tldr x1, 1f\n\tb 2f\n1:\n\t.xword k\n2:\n");
        Verdict.Mismatch m = mismatch(PolicyCheck.check(module, bad, llvm, PolicyCheck.RAW));
        assertTrue(m.detail().startsWith("data object k (symbol_value): subject uses code:ABSOLUTE"), m.detail());
    }
}
