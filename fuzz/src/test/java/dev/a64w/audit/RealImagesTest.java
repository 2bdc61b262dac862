package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.a64w.audit.RealImages.Pin;
import dev.a64w.audit.RealImages.RealImageException;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-image fetcher without the network: integrity checking, the cache, extraction, and the
 * one-line errors when npm is missing, fails or hangs (a stand-in npm script plays the registry).
 */
@Epic("fuzz")
@Feature("audit")
class RealImagesTest {
    static final Duration SHORT = Duration.ofSeconds(30);
    static final String MISSING_NPM = "/nonexistent/a64w-test/npm";
    static final byte[] IMAGE = "MZ not really an image, but the bytes the tarball holds".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    Path cache;
    Path tgz;
    Pin pin;

    static boolean posix() {
        return !System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    /** A tarball laid out as npm's: {@code package/lib/fake.dll}, named as npm pack names it. */
    @BeforeEach
    void tarball() throws Exception {
        cache = dir.resolve("cache");
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("package/lib"));
        Files.write(src.resolve("package/lib/fake.dll"), IMAGE);
        Files.writeString(src.resolve("package/package.json"), "{\"name\":\"@a64w-test/fake\",\"version\":\"1.2.3\"}\n");
        tgz = dir.resolve("a64w-test-fake-1.2.3.tgz");
        Process p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", src.toString(), "package")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "system tar builds the fixture");
        pin = new Pin("@a64w-test/fake", "1.2.3", RealImages.sri(tgz), "package/lib/fake.dll", "test", 0, 0);
    }

    /** A stand-in for npm: copies the fixture tarball into --pack-destination, or runs {@code body}. */
    Path fakeNpm(String body) throws IOException {
        Path npm = dir.resolve("npm");
        Files.writeString(npm, "#!/bin/sh\n" + body + "\n");
        assertTrue(npm.toFile().setExecutable(true));
        return npm;
    }

    String packBody(Path tarball) {
        return """
                dest=""; prev=""
                for a in "$@"; do
                  if [ "$prev" = "--pack-destination" ]; then dest="$a"; fi
                  prev="$a"
                done
                echo "$@" > "%s"
                cp "%s" "$dest/a64w-test-fake-1.2.3.tgz"
                echo a64w-test-fake-1.2.3.tgz
                """.formatted(dir.resolve("npm-args"), tarball);
    }

    static void oneLine(RealImageException e) {
        assertFalse(e.getMessage().contains("\n"), () -> "one line: " + e.getMessage());
    }

    @Test
    void sriIsNpmsSha512Base64() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertEquals("sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
                RealImages.sri(empty));
    }

    @Test
    void integrityRejectsATamperedTarball() throws IOException {
        RealImages.verifyIntegrity(tgz, pin.integrity());
        byte[] b = Files.readAllBytes(tgz);
        b[b.length / 2] ^= 1;
        Files.write(tgz, b);
        RealImageException e = assertThrows(RealImageException.class, () -> RealImages.verifyIntegrity(tgz, pin.integrity()));
        assertTrue(e.getMessage().startsWith("integrity mismatch for a64w-test-fake-1.2.3.tgz: expected " + pin.integrity()),
                e.getMessage());
        oneLine(e);
        RealImageException weak = assertThrows(RealImageException.class,
                () -> RealImages.verifyIntegrity(tgz, "sha1-AAAA"));
        assertTrue(weak.getMessage().contains("only sha512-"), weak.getMessage());
    }

    @Test
    void aVerifiedCachedTarballNeedsNoNpm() throws Exception {
        Files.createDirectories(cache);
        Files.copy(tgz, cache.resolve(pin.tarballName()));
        Path image = RealImages.fetch(pin, cache, MISSING_NPM, SHORT);
        assertEquals(cache.resolve("a64w-test-fake-1.2.3/package/lib/fake.dll"), image);
        assertArrayEquals(IMAGE, Files.readAllBytes(image));
        // a tampered extracted file is rewritten from the verified tarball
        Files.writeString(image, "tampered");
        assertArrayEquals(IMAGE, Files.readAllBytes(RealImages.fetch(pin, cache, MISSING_NPM, SHORT)));
        assertNoTemporaries();
    }

    @Test
    void missingNpmIsAOneLineError() throws IOException {
        Files.createDirectories(cache);
        Path cached = cache.resolve(pin.tarballName());
        Files.copy(tgz, cached);
        Files.write(cached, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        RealImageException e = assertThrows(RealImageException.class, () -> RealImages.fetch(pin, cache, MISSING_NPM, SHORT));
        assertTrue(e.getMessage().startsWith("npm pack @a64w-test/fake@1.2.3: cannot run '" + MISSING_NPM + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("install Node.js/npm or set -Da64w.npm=PATH"), e.getMessage());
        oneLine(e);
        assertFalse(Files.exists(cached), "a cached tarball that fails its integrity check is discarded");
        assertNoTemporaries();
    }

    @Test
    void fetchRunsNpmPackVerifiesAndCaches() throws Exception {
        assumeTrue(posix(), "the stand-in npm is a shell script");
        Path npm = fakeNpm(packBody(tgz));
        Path image = RealImages.fetch(pin, cache, npm.toString(), SHORT);
        assertArrayEquals(IMAGE, Files.readAllBytes(image));
        String args = Files.readString(dir.resolve("npm-args")).strip();
        assertTrue(args.startsWith("pack @a64w-test/fake@1.2.3 --pack-destination " + cache), args);
        assertTrue(Files.isRegularFile(cache.resolve(pin.tarballName())));
        // the second time the cache answers: npm is not run again
        Files.delete(dir.resolve("npm-args"));
        RealImages.fetch(pin, cache, MISSING_NPM, SHORT);
        assertFalse(Files.exists(dir.resolve("npm-args")));
        assertNoTemporaries();
    }

    @Test
    void aDownloadThatDoesNotMatchThePinIsRejected() throws Exception {
        assumeTrue(posix(), "the stand-in npm is a shell script");
        Path other = dir.resolve("other.tgz");
        byte[] b = Files.readAllBytes(tgz);
        b[b.length - 1] ^= 0x55; // gzip trailer: still a file, not the pinned one
        Files.write(other, b);
        Path npm = fakeNpm(packBody(other));
        RealImageException e = assertThrows(RealImageException.class, () -> RealImages.fetch(pin, cache, npm.toString(), SHORT));
        assertTrue(e.getMessage().startsWith("integrity mismatch for a64w-test-fake-1.2.3.tgz"), e.getMessage());
        oneLine(e);
    }

    @Test
    void npmFailureIsReportedAsOneLine() throws Exception {
        assumeTrue(posix(), "the stand-in npm is a shell script");
        Path npm = fakeNpm("""
                echo "npm error code ENOTFOUND" >&2
                echo "npm error syscall getaddrinfo" >&2
                echo "npm error errno ENOTFOUND" >&2
                echo "npm error network request to https://registry.npmjs.org/@a64w-test%2ffake failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org" >&2
                echo "npm error network This is a problem related to network connectivity." >&2
                echo "npm error A complete log of this run can be found in: /tmp/x.log" >&2
                exit 1""");
        RealImageException e = assertThrows(RealImageException.class, () -> RealImages.fetch(pin, cache, npm.toString(), SHORT));
        assertEquals("npm pack @a64w-test/fake@1.2.3 failed (exit 1): ENOTFOUND: network request to "
                + "https://registry.npmjs.org/@a64w-test%2ffake failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org; "
                + "to work offline, copy a64w-test-fake-1.2.3.tgz into " + cache, e.getMessage());
        assertNoTemporaries();
    }

    @Test
    void aHangingNpmTimesOut() throws Exception {
        assumeTrue(posix(), "the stand-in npm is a shell script");
        Path npm = fakeNpm("exec sleep 120");
        long t0 = System.nanoTime();
        RealImageException e = assertThrows(RealImageException.class,
                () -> RealImages.fetch(pin, cache, npm.toString(), Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "gave up promptly");
        assertEquals("npm pack @a64w-test/fake@1.2.3: timed out after 1 s (network down? set -Da64w.realImages.timeout=SECONDS)",
                e.getMessage());
        assertNoTemporaries();
    }

    @Test
    void aMissingMemberIsNamed() throws IOException {
        Files.createDirectories(cache);
        Files.copy(tgz, cache.resolve(pin.tarballName()));
        Pin wrong = new Pin(pin.pkg(), pin.version(), pin.integrity(), "package/lib/absent.dll", "test", 0, 0);
        RealImageException e = assertThrows(RealImageException.class, () -> RealImages.fetch(wrong, cache, MISSING_NPM, SHORT));
        assertTrue(e.getMessage().startsWith("extracting package/lib/absent.dll from a64w-test-fake-1.2.3.tgz failed"),
                e.getMessage());
        oneLine(e);
        assertNoTemporaries();
    }

    @Test
    void npmErrorLinesAreSummarized() {
        assertEquals("E404: 404 Not Found - GET https://registry.npmjs.org/nope", RealImages.lastLine("""
                npm error code E404
                npm error 404 Not Found - GET https://registry.npmjs.org/nope
                npm error 404
                npm error A complete log of this run can be found in: /root/.npm/_logs/x.log
                """));
        assertEquals("tar: package/x: Not found in archive", RealImages.lastLine("", "tar: package/x: Not found in archive\n"));
        assertEquals("(no output)", RealImages.lastLine("", " \n"));
    }

    @Test
    void thePinsAreWellFormed() {
        Set<String> files = new HashSet<>();
        boolean msvc = false;
        boolean llvm = false;
        for (Pin p : RealImages.PINNED) {
            assertTrue(p.integrity().matches("sha512-[A-Za-z0-9+/]{86}=="), p::toString);
            assertTrue(p.version().matches("\\d+\\.\\d+\\.\\d+"), p::toString);
            assertTrue(p.path().startsWith("package/") && !p.path().contains(".."), p::toString);
            assertTrue(p.functions() >= 1000 && p.packed() < p.functions(), p::toString);
            assertTrue(files.add(p.toString()), p::toString);
            msvc |= p.builtBy().startsWith("MSVC:");
            llvm |= p.builtBy().startsWith("LLVM:");
        }
        assertTrue(msvc && llvm, "at least one MSVC-built and one LLVM-built image");
        assertEquals("img-sharp-win32-arm64-0.35.6.tgz", RealImages.PINNED.get(0).tarballName());
        assertEquals(List.of("package/lib/sharp-win32-arm64-0.35.6.node"), List.of(RealImages.PINNED.get(0).path()));
    }

    private void assertNoTemporaries() throws IOException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (var s = Files.list(cache)) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("pack-") || n.startsWith("extract-")).toList();
            assertEquals(List.of(), left, "temporary directories left in the cache");
        }
    }
}
