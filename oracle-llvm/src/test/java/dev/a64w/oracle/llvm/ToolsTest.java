package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("oracle-llvm")
@Feature("tools")
class ToolsTest {
    private static final Duration T = Duration.ofSeconds(60);

    @Test
    void versionsRun() {
        for (String tool : List.of("llvm-readobj", "lld-link", "llvm-objdump", "llvm-mc")) {
            ToolResult r = Tools.run(List.of(tool, "--version"), Path.of("."), T);
            assertEquals(0, r.exitCode(), tool + ": " + r.stderr());
            assertTrue(r.stdout().contains("20.1"), tool + " stdout: " + r.stdout());
        }
    }

    @Test
    void unknownToolIsRejected() {
        assertThrows(OracleException.class, () -> Tools.path("../bin/sh"));
    }

    @Test
    void failingToolReportsExitCode() {
        ToolResult r = Tools.run(List.of("llvm-readobj", "/nonexistent/x.obj"), Path.of("."), T);
        assertTrue(r.exitCode() != 0);
        assertTrue(r.stderr().contains("x.obj"), r.stderr());
    }

    @Test
    void assemblesLinksAndReadsADll(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("f.s"), """
                .text
                .globl f
                .p2align 2
                f:
                  bl ext
                  ret
                """);
        Files.writeString(dir.resolve("host.def"), "LIBRARY host.dll\nEXPORTS\n  ext\n");
        ToolResult mc = Tools.run(List.of("llvm-mc", "-triple=aarch64-pc-windows-msvc", "-filetype=obj",
                "-o", "f.obj", "f.s"), dir, T);
        assertEquals(0, mc.exitCode(), mc.stderr());
        ToolResult lib = Tools.run(List.of("llvm-lib", "/def:host.def", "/machine:arm64", "/out:host.lib"), dir, T);
        assertEquals(0, lib.exitCode(), lib.stderr());
        ToolResult link = Tools.run(List.of("lld-link", "/dll", "/noentry", "/nodefaultlib", "/machine:arm64",
                "/base:0x180000000", "/export:f", "/out:t.dll", "f.obj", "host.lib"), dir, T);
        assertEquals(0, link.exitCode(), link.stderr());
        assertEquals("", link.stderr());
        ToolResult ro = Tools.run(List.of("llvm-readobj", "--coff-exports", "t.dll"), dir, T);
        assertEquals(0, ro.exitCode(), ro.stderr());
        assertTrue(ro.stdout().contains("Name: f"), ro.stdout());
    }

    @Test
    void linkErrorsComeBack(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("f.s"), ".text\n.globl f\nf:\n  bl missing\n  ret\n");
        Tools.run(List.of("llvm-mc", "-triple=aarch64-pc-windows-msvc", "-filetype=obj", "-o", "f.obj", "f.s"), dir, T);
        ToolResult link = Tools.run(List.of("lld-link", "/dll", "/noentry", "/nodefaultlib", "/machine:arm64",
                "/out:t.dll", "f.obj"), dir, T);
        assertTrue(link.exitCode() != 0);
        assertTrue(link.stderr().contains("undefined symbol: missing"), link.stderr());
    }
}
