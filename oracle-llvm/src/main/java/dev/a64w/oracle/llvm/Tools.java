package dev.a64w.oracle.llvm;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The LLVM executables bundled in the {@code org.bytedeco:llvm} native jar (the same LLVM as the
 * in-process C API): extracted on first use into JavaCPP's cache directory, next to
 * {@code libLLVM.so}, with the symlinks the executables expect ({@code libLLVM.so.20.1}) and the
 * alias names LLVM dispatches on ({@code lld-link -> lld}, {@code llvm-lib -> llvm-ar}).
 *
 * <p>Extraction is safe when several threads or JVMs do it at once: a monitor serializes threads,
 * a file lock serializes processes, JavaCPP's {@code cacheResource} only replaces a file whose size
 * or time stamp differs, and symlinks are made under a temporary name and renamed atomically.
 * The only state kept is the memo of the extracted directory (a pure function of the jar).
 */
public final class Tools {
    /** Tool name as callers say it -> file in the jar it runs. */
    private static final Map<String, String> TOOLS = Map.of(
            "lld", "lld",
            "lld-link", "lld",
            "llvm-readobj", "llvm-readobj",
            "llvm-ar", "llvm-ar",
            "llvm-lib", "llvm-ar",
            "llvm-dlltool", "llvm-ar",
            "llvm-objdump", "llvm-objdump",
            "llvm-mc", "llvm-mc",
            "llvm-nm", "llvm-nm");
    /** Real files extracted from the jar; everything else is a symlink to one of them. */
    private static final List<String> FILES =
            List.of("libLLVM.so", "lld", "llvm-readobj", "llvm-ar", "llvm-objdump", "llvm-mc", "llvm-nm");
    private static final Map<String, String> LINKS = Map.of(
            "libLLVM.so.20.1", "libLLVM.so",
            "lld-link", "lld",
            "llvm-lib", "llvm-ar",
            "llvm-dlltool", "llvm-ar");

    private static final Object LOCK = new Object();
    private static volatile Path dir;

    private Tools() {}

    /** The names {@link #path} accepts. */
    public static List<String> names() {
        return TOOLS.keySet().stream().sorted().toList();
    }

    /** The executable for {@code toolName} (e.g. {@code "lld-link"}), extracting the tools once. */
    public static Path path(String toolName) {
        if (!TOOLS.containsKey(toolName)) {
            throw new OracleException("tool '" + toolName + "': not bundled; expected one of " + names());
        }
        return directory().resolve(toolName);
    }

    /**
     * Runs {@code argv} (argv[0] a tool name from {@link #names()} or an absolute path) in
     * {@code workDir}. On timeout the process is killed and an {@link OracleException} thrown;
     * a non-zero exit is not an error here, callers read {@link ToolResult#exitCode()}.
     */
    public static ToolResult run(List<String> argv, Path workDir, Duration timeout) {
        if (argv.isEmpty()) {
            throw new OracleException("tool run: empty argv");
        }
        List<String> command = new ArrayList<>(argv);
        String first = argv.get(0);
        if (TOOLS.containsKey(first)) {
            command.set(0, path(first).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new OracleException("tool " + first + ": cannot start: " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new OracleException("tool " + first + ": timed out after " + timeout.toMillis()
                        + " ms: " + String.join(" ", argv));
            }
            return new ToolResult(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OracleException("tool " + first + ": interrupted", e);
        } catch (IOException | ExecutionException e) {
            throw new OracleException("tool " + first + ": output: " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static Path directory() {
        Path d = dir;
        if (d != null) {
            return d;
        }
        synchronized (LOCK) {
            if (dir == null) {
                dir = extract();
            }
            return dir;
        }
    }

    private static Path extract() {
        Class<?> anchor = org.bytedeco.llvm.program.llvm.class;
        String prefix = "/org/bytedeco/llvm/" + Loader.getPlatform() + "/";
        try {
            Path lockFile = Loader.getCacheDir().toPath().resolve("a64w-llvm-tools.lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                assert lock.isValid();
                Path where = null;
                for (String name : FILES) {
                    File f = Loader.cacheResource(anchor, prefix + name);
                    if (f == null) {
                        throw new OracleException("tool file " + prefix + name + ": not in the LLVM jar for platform "
                                + Loader.getPlatform());
                    }
                    if (!f.canExecute() && !f.setExecutable(true)) {
                        throw new OracleException("tool file " + f + ": cannot mark executable");
                    }
                    where = f.toPath().getParent();
                }
                for (Map.Entry<String, String> e : LINKS.entrySet()) {
                    link(where, e.getKey(), e.getValue());
                }
                return where;
            }
        } catch (IOException e) {
            throw new OracleException("extracting LLVM tools: " + e.getMessage(), e);
        }
    }

    private static void link(Path where, String name, String target) throws IOException {
        Path link = where.resolve(name);
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(target)) {
            return;
        }
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new OracleException("tool link " + link + ": exists and is not a symlink (expected -> " + target + ")");
        }
        Path tmp = where.resolve(name + ".tmp" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(target));
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
