package dev.a64w.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Locates the repository's corpus and the shared Cranelift runtests for tests, and turns a golden
 * directory {@code corpus/filetests/<kind>} into one dynamic test per file.
 */
public final class TestFiles {
    private TestFiles() {}

    /** One golden file's check; an exception other than an AssertionError is reported with the file. */
    @FunctionalInterface
    public interface FileCheck {
        void check(Path file) throws Exception;
    }

    /** {@code -Dbless=true}: golden tests rewrite their expectations instead of comparing. CI never sets it. */
    public static boolean bless() {
        return Boolean.getBoolean("bless");
    }

    /** One dynamic test per {@code .clif} file under {@code corpus/filetests/<kind>}; fails if there is none. */
    public static Stream<DynamicTest> goldenTests(String kind, FileCheck check) {
        List<Path> files = clifFiles(corpus().resolve("filetests").resolve(kind));
        if (files.isEmpty()) throw new AssertionError("no golden files under corpus/filetests/" + kind);
        return files.stream().map(f -> DynamicTest.dynamicTest(kind + "/" + f.getFileName(), () -> {
            try {
                check.check(f);
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
        }));
    }

    public static Path root() {
        String p = System.getProperty("a64w.root");
        if (p != null && Files.isDirectory(Path.of(p, "corpus"))) return Path.of(p);
        return Path.of("..").toAbsolutePath().normalize();
    }

    public static Path corpus() {
        return root().resolve("corpus");
    }

    /** {@code ../shared/peers/cranelift-runtests} relative to the repository root, or /work/shared/... */
    public static Optional<Path> craneliftRuntests() {
        for (Path p : List.of(root().resolve("../shared/peers/cranelift-runtests").normalize(),
                Path.of("/work/shared/peers/cranelift-runtests"))) {
            if (Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public static List<Path> clifFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".clif")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
