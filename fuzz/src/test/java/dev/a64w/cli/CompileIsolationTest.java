package dev.a64w.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.a64w.compile.ModuleBuild;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code a64w compile} needs neither LLVM nor the emulator: it runs in a class loader that sees only
 * the harness's own classes, the subject and picocli (no oracle-llvm, no LLVM/JavaCPP, no unicorn,
 * no jackson), and writes the same object as the subject's {@link ModuleBuild}. The control shows
 * that the same loader does fail on a class of the harness that needs the LLVM oracle.
 */
@Epic("fuzz")
@Feature("cli")
class CompileIsolationTest {
    @TempDir
    Path dir;

    static final String SRC = """
            function %add(i64, i64) -> i64 {
            block0(v0: i64, v1: i64):
                v2 = iadd v0, v1
                return v2
            }

            function %twice(i32) -> i32 {
                fn0 = colocated %dbl(i32) -> i32
            block0(v0: i32):
                v1 = call fn0(v0)
                return v1
            }

            function %dbl(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd v0, v0
                return v1
            }
            """;

    /** The harness's classes, the subject's and picocli's, and nothing else of the test class path. */
    static URLClassLoader compileOnlyLoader() throws Exception {
        Set<URL> urls = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {CompileCommand.class, ModuleBuild.class, picocli.CommandLine.class}) {
            urls.add(c.getProtectionDomain().getCodeSource().getLocation());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void compileRunsWithoutLlvmOrTheEmulatorOnTheClassPath() throws Exception {
        Path src = dir.resolve("m.clif");
        Files.writeString(src, SRC);
        Path obj = dir.resolve("m.obj");
        try (URLClassLoader loader = compileOnlyLoader()) {
            for (String absent : new String[] {"dev.a64w.oracle.llvm.Oracle", "org.bytedeco.llvm.global.LLVM",
                    "unicorn.Unicorn", "com.fasterxml.jackson.databind.ObjectMapper"}) {
                assertThrows(ClassNotFoundException.class, () -> loader.loadClass(absent), absent);
            }
            Class<?> cmd = loader.loadClass(CompileCommand.class.getName());
            Class<?> cl = loader.loadClass(picocli.CommandLine.class.getName());
            Constructor<?> ctor = cmd.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object line = cl.getConstructor(Object.class).newInstance(ctor.newInstance());
            Object code = cl.getMethod("execute", String[].class)
                    .invoke(line, (Object) new String[] {src.toString(), "-o", obj.toString()});
            assertEquals(0, code);
        }
        assertArrayEquals(ModuleBuild.of(Parser.parse(SRC)).object().toArray(), Files.readAllBytes(obj));
    }

    /** Control: the loader is narrow enough to notice a dependency on the LLVM oracle. */
    @Test
    void theSameLoaderRejectsAHarnessClassThatNeedsTheOracle() throws Exception {
        try (URLClassLoader loader = compileOnlyLoader()) {
            Class<?> leg = loader.loadClass("dev.a64w.diff.LlvmLeg");
            assertThrows(NoClassDefFoundError.class, leg::getDeclaredMethods);
        }
    }
}
