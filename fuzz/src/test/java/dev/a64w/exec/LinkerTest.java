package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("exec-link")
class LinkerTest {
    static LlvmMc mc;
    final Linker linker = new Linker();

    @BeforeAll
    static void open() {
        mc = new LlvmMc();
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    @Test
    void linksFunctionWithImportAndData() {
        Bytes obj = Asm.assemble(mc, "\t.text\n" + Asm.func("f") + """
                \tstp x29, x30, [sp, #-16]!
                \tbl hostfn
                \tadrp x8, counter
                \tldr x1, [x8, :lo12:counter]
                \tadd x0, x0, x1
                \tldp x29, x30, [sp], #16
                \tret
                \t.data
                \t.globl counter
                \t.p2align 3
                counter:
                \t.xword 5
                """);
        LinkResult r = linker.link(List.of(obj), Imports.of("host.dll", List.of("hostfn")), List.of("f"),
                List.of("counter"));
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.clean());
        assertEquals('M', r.dll().u8(0));
        assertEquals('Z', r.dll().u8(1));
    }

    @Test
    void misalignedPageOffset12LIsALinkError() {
        // positive control for the Link check: an 8-byte ldr whose target sits at offset 1
        Bytes obj = Asm.assemble(mc, "\t.text\n" + Asm.func("f") + """
                \tadrp x0, sym
                \tldr x0, [x0, :lo12:sym]
                \tret
                \t.data
                \t.p2align 3
                pad:
                \t.byte 1
                sym:
                \t.xword 7
                """);
        LinkResult r = linker.link(List.of(obj), Imports.NONE, List.of("f"));
        assertFalse(r.clean());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).contains("misaligned ldr/str offset"), r.errors().get(0));
        assertEquals(Bytes.EMPTY, r.dll());
    }

    @Test
    void undefinedSymbolIsAnErrorWithItsReference() {
        Bytes obj = Asm.assemble(mc, "\t.text\n" + Asm.func("f") + "\tb nowhere\n");
        LinkResult r = linker.link(List.of(obj), Imports.NONE, List.of("f"));
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).contains("undefined symbol: nowhere"), r.errors().get(0));
        assertTrue(r.errors().get(0).contains(">>> referenced by"), r.errors().get(0));
    }

    @Test
    void importOfALocallyDefinedSymbolIsAWarning() {
        // positive control for "no warnings": __imp_f used while f is defined here (LNK4217)
        Bytes obj = Asm.assemble(mc, "\t.text\n" + Asm.func("f") + "\tret\n" + Asm.func("g") + """
                \tadrp x16, __imp_f
                \tldr x16, [x16, :lo12:__imp_f]
                \tbr x16
                """);
        LinkResult r = linker.link(List.of(obj), Imports.NONE, List.of("g"));
        assertEquals(List.of(), r.errors());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("locally defined symbol imported: f"), r.warnings().get(0));
        assertFalse(r.clean());
    }

    @Test
    void parsesDiagnosticLines() {
        List<String> e = new ArrayList<>();
        List<String> w = new ArrayList<>();
        Linker.parseDiagnostics("lld-link: warning: a\nlld-link: error: b\n>>> referenced by x\n\nstray\n", e, w);
        assertEquals(List.of("b\n>>> referenced by x\nstray"), e);
        assertEquals(List.of("a"), w);
    }

    @Test
    void measuresBatchLinkTime() {
        // one object per "module", each with distinct names, linked singly and as a batch of 50
        List<Bytes> objs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            objs.add(Asm.assemble(mc, "\t.text\n" + Asm.func("m" + i + "_f") + "\tadd x0, x0, #" + i + "\n\tret\n"));
            names.add("m" + i + "_f");
        }
        linker.link(objs.subList(0, 1), Imports.NONE, names.subList(0, 1)); // warm the import-library cache
        long t0 = System.nanoTime();
        int n = 10;
        for (int i = 0; i < n; i++) {
            assertTrue(linker.link(objs.subList(i, i + 1), Imports.NONE, names.subList(i, i + 1)).clean());
        }
        long single = (System.nanoTime() - t0) / n;
        t0 = System.nanoTime();
        LinkResult batch = linker.link(objs, Imports.NONE, names);
        long batched = System.nanoTime() - t0;
        assertTrue(batch.clean(), batch.errors() + " " + batch.warnings());
        System.out.printf("link: one module %.1f ms; batch of 50 modules %.1f ms (%.2f ms/module)%n",
                single / 1e6, batched / 1e6, batched / 50 / 1e6);
    }
}
