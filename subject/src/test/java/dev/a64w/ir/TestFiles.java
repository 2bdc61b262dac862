package dev.a64w.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Locates the repository's corpus and the shared Cranelift runtests for tests. */
public final class TestFiles {
    private TestFiles() {}

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
