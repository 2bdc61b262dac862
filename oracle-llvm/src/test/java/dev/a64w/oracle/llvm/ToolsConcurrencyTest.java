package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three JVMs extract the tools into one empty cache directory at the same time; all must work. */
@Epic("oracle-llvm")
@Feature("tools")
class ToolsConcurrencyTest {
    /** Child entry point: extract, run lld-link --version, print its first line. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) {
            ToolResult r = Tools.run(List.of("lld-link", "--version"), Path.of("."), Duration.ofSeconds(60));
            System.out.println(r.exitCode() + " " + r.stdout().strip());
        }
    }

    @Test
    void concurrentExtractionIntoAFreshCache(@TempDir Path cache) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            procs.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx128m",
                    "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp", System.getProperty("java.class.path"),
                    Child.class.getName()).redirectErrorStream(true).start());
        }
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("0 LLD 20.1"), out);
        }
        try (var files = Files.walk(cache)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().equals("lld-link")).count(),
                    "the children extracted into " + cache);
        }
    }
}
