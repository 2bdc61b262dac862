package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("oracle-llvm")
@Feature("mc")
class LlvmMcTest {
    /** A non-leaf function with a frame: call to an external, address of a data object. */
    static final String LISTING = """
            \t.text
            \t.def f
            \t.scl 2
            \t.type 32
            \t.endef
            \t.globl f
            \t.p2align 2
            f:
            \t.seh_proc f
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \tmov x29, sp
            \t.seh_set_fp
            \t.seh_endprologue
            \tbl ext
            \tadrp x8, tab
            \tadd x8, x8, :lo12:tab
            \tldr x0, [x8]
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endfunclet
            \t.seh_endproc
            \t.def g
            \t.scl 2
            \t.type 32
            \t.endef
            \t.globl g
            \t.p2align 2
            g:
            \t.seh_proc g
            \tstr x20, [sp, #-16]!
            \t.seh_save_reg_x x20, 16
            \t.seh_endprologue
            \tbl f
            \t.seh_startepilogue
            \tldr x20, [sp], #16
            \t.seh_save_reg_x x20, 16
            \t.seh_endepilogue
            \tret
            \t.seh_endfunclet
            \t.seh_endproc
            \t.data
            \t.p2align 3
            tab:
            \t.xword 42
            """;

    static LlvmMc mc;

    @BeforeAll
    static void open() {
        mc = new LlvmMc();
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    @Test
    void assemblesFunctionWithUnwindAndRelocations(@TempDir Path dir) throws Exception {
        McResult r = mc.assemble(LISTING);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.object().size() > 100, "object size " + r.object().size());
        assertEquals(0xaa64, r.object().u16(0), "COFF machine");
        Files.write(dir.resolve("f.obj"), r.object().toArray());
        ToolResult ro = Tools.run(List.of("llvm-readobj", "--relocations", "--unwind", "--sections", "f.obj"),
                dir, Duration.ofSeconds(60));
        assertEquals(0, ro.exitCode(), ro.stderr());
        String out = ro.stdout();
        for (String want : List.of("IMAGE_REL_ARM64_BRANCH26 ext", "IMAGE_REL_ARM64_PAGEBASE_REL21 tab",
                "IMAGE_REL_ARM64_PAGEOFFSET_12A tab", "IMAGE_REL_ARM64_BRANCH26 f",
                "Name: .pdata", "Name: .xdata", "IMAGE_REL_ARM64_ADDR32NB .xdata",
                "stp x29, lr, [sp, #-16]!", "str x20, [sp, #-16]!")) {
            assertTrue(out.contains(want), "missing '" + want + "' in\n" + out);
        }
    }

    @Test
    void sameListingSameBytes() {
        assertEquals(mc.assemble(LISTING).object(), mc.assemble(LISTING).object());
    }

    @Test
    void badMnemonicIsAnErrorWithPosition() {
        McResult r = mc.assemble("\t.text\nf:\n\tfrobnicate x0, x1\n\tret\n");
        assertFalse(r.ok());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().get(0).contains(":3:2: "), r.errors().get(0));
        assertTrue(r.errors().get(0).contains("unrecognized instruction mnemonic"), r.errors().get(0));
        // the JVM survived and the instance still works
        assertTrue(mc.assemble(LISTING).ok());
    }

    /** JavaCPP has 10 native thunks per callback class; a handler per instance ran out (exit(1)). */
    @Test
    void manyLiveInstancesAllCollectErrors() {
        List<LlvmMc> many = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                many.add(new LlvmMc());
            }
            for (LlvmMc m : many) {
                assertEquals(1, m.assemble("\t.text\nf:\n\tbogus\n").errors().size());
            }
        } finally {
            many.forEach(LlvmMc::close);
        }
    }

    @Test
    void badOperandAndBadSehAreErrors() {
        assertFalse(mc.assemble("\t.text\nf:\n\tadd x0, x1, #0x12345\n").ok());
        assertFalse(mc.assemble("\t.text\nf:\n\t.seh_endprologue\n\tret\n").ok());
    }

    @Test
    void linksWithLld(@TempDir Path dir) throws Exception {
        McResult r = mc.assemble(LISTING);
        Files.write(dir.resolve("f.obj"), r.object().toArray());
        Files.writeString(dir.resolve("e.s"), ".text\n.globl ext\next:\n  ret\n");
        Duration t = Duration.ofSeconds(60);
        assertEquals(0, Tools.run(List.of("llvm-mc", "-triple=aarch64-pc-windows-msvc", "-filetype=obj",
                "-o", "e.obj", "e.s"), dir, t).exitCode());
        ToolResult link = Tools.run(List.of("lld-link", "/dll", "/noentry", "/nodefaultlib", "/machine:arm64",
                "/base:0x180000000", "/export:f", "/out:t.dll", "f.obj", "e.obj"), dir, t);
        assertEquals(0, link.exitCode(), link.stderr());
        assertEquals("", link.stderr());
    }
}
